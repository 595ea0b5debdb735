import { isNode, LineCounter, parseDocument, visit } from 'yaml';

/** What reading a Markdown document's front matter gives: its fields and body, or a problem with its line. */
export type FrontMatterResult =
  | { ok: true; data: Record<string, unknown>; body: string }
  | { ok: false; line: number; message: string };

/** Largest number of alias uses in one front matter (keeps "billion laughs" documents out). */
const MAX_ALIASES = 50;

const FENCE = /^---([^\r\n]*)$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

/**
 * Splits a Markdown document into YAML front matter and body, and parses the front matter as
 * data only. Safe by construction: the YAML core schema (strings, numbers, booleans, null,
 * lists, maps), no explicit tags (`!!js/function`, `!custom`, `!!binary`…), a bounded number
 * of aliases, unique keys; any other fence language (`---js`, `---coffee`, …) is refused, since
 * other readers of these files evaluate it. Nothing is cached between calls.
 */
export function readFrontMatter(text: string): FrontMatterResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r?\n/);
  const opening = FENCE.exec(lines[0] ?? '');
  if (!opening) {
    return { ok: false, line: 1, message: 'no front matter: start the file with ---, then date:, title: and areas:' };
  }
  const language = (opening[1] ?? '').trim();
  if (language !== '' && !/^(yaml|yml)$/i.test(language)) {
    return {
      ok: false,
      line: 1,
      message: `front matter in "${language.slice(0, 40)}" is not read: only YAML front matter is (a line with --- alone)`,
    };
  }
  const end = lines.findIndex((line, i) => i > 0 && CLOSING.test(line));
  if (end === -1) {
    return { ok: false, line: 1, message: 'the front matter is not closed: end it with a line holding only ---' };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const body = lines.slice(end + 1).join('\n');
  // Lines inside the front matter are numbered from the line after the opening fence.
  const lineOf = (counter: LineCounter, offset: number) => counter.linePos(offset).line + 1;
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, {
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter: counter,
    version: '1.2',
  });
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) {
    return {
      ok: false,
      line: lineOf(counter, first.pos[0]),
      message: `front matter is not valid YAML: ${first.message.split('\n')[0]}`,
    };
  }
  let tagged: { line: number; tag: string } | undefined;
  visit(doc, (_key, node) => {
    if (isNode(node) && node.tag && !tagged) {
      tagged = { line: lineOf(counter, node.range?.[0] ?? 0), tag: node.tag };
      return visit.BREAK;
    }
    return undefined;
  });
  if (tagged) {
    return {
      ok: false,
      line: tagged.line,
      message: `front matter may not use YAML tags (found "${tagged.tag.slice(0, 60)}"): write plain values`,
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    return {
      ok: false,
      line: 2,
      message: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    };
  }
  if (data === null || data === undefined) {
    return { ok: false, line: 1, message: 'the front matter is empty: give date:, title: and areas:' };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      line: 2,
      message: 'the front matter must be fields (key: value), not a list or a single value',
    };
  }
  return { ok: true, data: data as Record<string, unknown>, body };
}
