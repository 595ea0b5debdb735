import fs from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import type { Font } from 'fontkit';

/**
 * The PDF's font: DejaVu Sans (regular and bold) from the @fontsource/dejavu-sans package. Its
 * WOFF files hold the whole font: Latin with every extension, Greek, Cyrillic, Vietnamese and many
 * symbols (about 6,200 glyphs), under the Bitstream Vera licence with DejaVu's changes in the
 * public domain (free to embed and redistribute). pdfkit embeds only the glyphs a report uses.
 */
const FONT_FILES = {
  regular: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
  bold: '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
} as const;

/** Drawn instead of a character the font has no glyph for (CJK, emoji): visible, never "?". */
export const MISSING_GLYPH = '□';

/** The report's fonts, opened once per process, and the characters both can draw. */
export interface ReportFonts {
  regular: Font;
  bold: Font;
  covered: ReadonlySet<number>;
}

let fonts: ReportFonts | undefined;

/**
 * Opens the report fonts on first use (about 20 ms) and keeps them for the process. Each is two
 * fontkit fonts of the same bytes: one shapes text, one is subset into each document. fontkit
 * keeps every glyph it has made with the characters it was first made for, and subsetting makes
 * the parts of composed letters (the Z of Ż) without any; with one font for both, the next
 * document's Z had no character, and its text could not be copied or searched. Opening fresh
 * fonts for every document instead doubled the rendering time (their tables decoded anew).
 */
export function reportFonts(): ReportFonts {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  // The same fontkit module instance pdfkit requires, so its code is loaded once.
  const fontkit = require('fontkit') as typeof import('fontkit');
  const open = (file: string) => {
    const bytes = woffToSfnt(fs.readFileSync(require.resolve(file)));
    return shapedApart(fontkit.create(bytes), fontkit.create(bytes));
  };
  const regular = open(FONT_FILES.regular);
  const bold = open(FONT_FILES.bold);
  const inBold = new Set(bold.characterSet);
  fonts = { regular, bold, covered: new Set(regular.characterSet.filter((c) => inBold.has(c))) };
  return fonts;
}

/**
 * The plain TrueType font inside a WOFF 1.0 file (its tables, inflated). fontkit reads a WOFF
 * table by inflating it anew at every read, and subsetting reads the glyph table once per glyph:
 * a report took 2–5 s to render from the WOFF, and takes milliseconds from the TrueType font.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + 20 * i;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < length ? inflateSync(stored) : stored,
    };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(woff.readUInt32BE(4), 0); // the original font's version (its "flavor")
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const at = 12 + 16 * i;
    table.tag.copy(header, at);
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/** How many laid-out words each font keeps between reports (a report lays out a few hundred). */
const LAYOUT_CACHE_SIZE = 5_000;

interface Run {
  glyphs: unknown[];
  positions: Array<Record<string, number>>;
}

/**
 * One font for pdfkit made of two fontkit fonts of the same file: `shaper` lays text out (so its
 * glyphs always carry their characters), `subsetter` answers everything else (metrics, names,
 * createSubset). Shaping is also remembered across documents: shaping each word with DejaVu's
 * OpenType tables was about 40% of a report's rendering time, and reports repeat most words (area
 * names, kinds, dates). pdfkit keeps such a cache only per document and scales the positions it
 * gets in place, so each caller gets its own copy of them; the glyphs are only read.
 */
function shapedApart(shaper: Font, subsetter: Font): Font {
  const cache = new Map<string, Run>();
  const layout = (text: string, ...rest: unknown[]) => {
    if (rest.some((r) => r !== undefined)) return (shaper.layout as (...a: unknown[]) => unknown)(text, ...rest);
    let run = cache.get(text);
    if (run) {
      cache.delete(text); // most recently used last
    } else {
      const fresh = shaper.layout(text) as Run;
      run = { glyphs: fresh.glyphs, positions: fresh.positions.map((p) => ({ ...p })) };
      if (cache.size >= LAYOUT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(text, run);
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      // As fontkit's GlyphRun: the sum of the (possibly rescaled) advances.
      get advanceWidth() {
        return positions.reduce((width, p) => width + (p.xAdvance ?? 0), 0);
      },
    };
  };
  return new Proxy(subsetter, {
    get(target, key) {
      if (key === 'layout') return layout;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Code points that change how neighbours look but draw nothing themselves (joiners, variation selectors). */
function isInvisible(code: number): boolean {
  return (
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xe0100 && code <= 0xe01ef)
  );
}

/**
 * Text as the report's fonts can draw it: composed (NFC), control characters gone, and every
 * character without a glyph shown as MISSING_GLYPH. `replaced` says whether any was.
 */
export function drawableText(text: string, covered: ReadonlySet<number>): { text: string; replaced: boolean } {
  let replaced = false;
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n' || covered.has(code)) out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (isInvisible(code)) continue;
    else {
      out += MISSING_GLYPH;
      replaced = true;
    }
  }
  return { text: out, replaced };
}
