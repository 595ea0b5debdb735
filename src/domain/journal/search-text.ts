/**
 * How journal search reads text, accents aside: "emoji" finds "émoji" and "émoji" finds "emoji";
 * "Zolc" finds "Żółć". Both engines index folded text (migration 0006): SQLite's FTS5 tokenizer
 * (unicode61, remove_diacritics 2) takes the accents off Latin letters after the letter folds
 * below; PostgreSQL's index column does the same with built-in functions (NFD, combining marks
 * removed, the letter folds). The query words are folded here the same way.
 */

/**
 * Letters that carry their mark inside them (Unicode gives them no decomposition), so removing
 * combining accents leaves them as they are; searchers type them as their plain letters. Both
 * cases, as replace() in SQL is case-sensitive. Migration 0006 holds a frozen copy of this list
 * (test/db/search-accents.test.ts checks they agree): changing it needs a new migration.
 */
export const LETTER_FOLDS: ReadonlyArray<readonly [string, string]> = [
  ['ł', 'l'],
  ['Ł', 'l'],
  ['ø', 'o'],
  ['Ø', 'o'],
  ['đ', 'd'],
  ['Đ', 'd'],
  ['ħ', 'h'],
  ['Ħ', 'h'],
  ['ŧ', 't'],
  ['Ŧ', 't'],
  ['ı', 'i'],
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['œ', 'oe'],
  ['Œ', 'oe'],
];

const FOLDABLE = new RegExp(`[${LETTER_FOLDS.map(([from]) => from).join('')}]`, 'gu');
const FOLDED = new Map(LETTER_FOLDS);
/** The combining diacritical marks (U+0300–U+036F) that NFD splits off accented letters. */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** The letter folds alone (what SQLite's index adds to FTS5's own accent removal). */
export function foldLetters(text: string): string {
  return text.replace(FOLDABLE, (letter) => FOLDED.get(letter) ?? letter);
}

/**
 * Text as PostgreSQL's search column holds it: decomposed (NFD), combining marks removed, the
 * letter folds applied, lower-cased. "Żółć" → "zolc", "émoji" → "emoji".
 */
export function foldAccents(text: string): string {
  return foldLetters(text.normalize('NFD').replace(COMBINING_MARKS, '')).toLowerCase();
}

/**
 * Characters beyond ASCII that `ftsWords` reads exactly as FTS5 does once the letters are folded:
 * Latin-1, Latin Extended-A and -B, Latin Extended Additional and general punctuation (dashes,
 * quotes, spaces), but not the eight letters FTS5 keeps with their accent (ǠǡǢǣǼǽǾǿ) nor the
 * invisible direction marks after U+2064. test/db/search-accents.test.ts checks every one of them
 * against SQLite.
 */
const NOT_UNDERSTOOD = /[^\p{ASCII}\u0080-\u024f\u1e00-\u1eff\u2000-\u2064]|[\u01e0-\u01e3\u01fc-\u01ff]/u;
/** Letters, digits and marks beyond ASCII (after folding: a word FTS5 may split or fold otherwise). */
const OTHER_WORD_CHARACTERS = /(?!\p{ASCII})[\p{L}\p{N}\p{M}\p{Co}]/u;
const ASCII_ONLY = /^\p{ASCII}*$/u;

/**
 * The words SQLite's index holds for `text` (unicode61, remove_diacritics 2, after `foldLetters`),
 * or undefined when this function cannot be sure: text with letters or symbols it does not know
 * how FTS5 reads (other scripts, emoji, letters FTS5 leaves accented). Words are runs of ASCII
 * letters and digits, lower-cased, accents removed; everything else separates them.
 */
export function ftsWords(text: string): string[] | undefined {
  let plain = text;
  if (!ASCII_ONLY.test(text)) {
    if (NOT_UNDERSTOOD.test(text)) return undefined;
    plain = foldAccents(text);
    if (OTHER_WORD_CHARACTERS.test(plain)) return undefined;
  }
  return plain.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/**
 * The words of plain ASCII text as FTS5 reads them (runs of letters and digits, lower-cased), or
 * undefined for any other text. Cheap enough to read a whole journal per search; folding accented
 * text with `ftsWords` costs several times more than FTS5's own prefix query, so such journals keep it.
 */
export function asciiWords(text: string): string[] | undefined {
  return ASCII_ONLY.test(text) ? (text.toLowerCase().match(/[a-z0-9]+/g) ?? []) : undefined;
}
