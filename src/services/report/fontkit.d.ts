// fontkit (pdfkit's own font engine) ships no types; these are the parts the report uses.
declare module 'fontkit' {
  /** An opened font file: TrueType, OpenType, WOFF or WOFF2. */
  export interface Font {
    familyName: string;
    /** Every Unicode code point the font has a glyph for. */
    characterSet: number[];
    /** Lays text out into glyphs (pdfkit takes any object with it as a font). */
    layout(text: string): unknown;
  }

  /** Opens a font from its bytes (a collection when the file holds several fonts). */
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
