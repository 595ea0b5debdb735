import type { FastifyInstance } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { drawableText, MISSING_GLYPH, reportFonts } from '../../src/services/report/pdf-fonts.ts';
import type { ReadinessReport } from '../../src/services/report/readiness.ts';
import { reportToPdf } from '../../src/services/report/render.ts';
import { type SignedIn, signUpAdmin } from '../helpers/auth.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../helpers/databases.ts';
import { AREA_IDS, testContext } from '../helpers/factories.ts';

/** The default framework's ten areas, as the radar and the table name them. */
const AREA_NAMES = [
  'Stepping up',
  'Ownership',
  'Relationships',
  'Technical expertise',
  'Mentorship',
  'Project management',
  'Communication',
  'Managing up',
  'Conflict and crises',
  'Vision',
];

/** pdf.js path operators inside a constructPath's data. */
const MOVE_TO = 0;
const LINE_TO = 1;
const CLOSE = 4;
const CONSTRUCT_PATH = 91;

/** The closed straight-line paths drawn on a page, each as its number of corners. */
async function polygonsOn(page: Awaited<ReturnType<Awaited<ReturnType<typeof getDocumentProxy>>['getPage']>>) {
  const ops = await page.getOperatorList();
  const corners: number[] = [];
  ops.fnArray.forEach((fn, i) => {
    if (fn !== CONSTRUCT_PATH) return;
    const data = Object.values((ops.argsArray[i] as [number, Array<Record<string, number>>])[1][0] ?? {});
    const moves = data.filter((op) => op === MOVE_TO).length;
    // Coordinates are numbers too; walk the data: an operator, then its two coordinates.
    let lines = 0;
    let closed = false;
    for (let at = 0; at < data.length; ) {
      const op = data[at];
      if (op === MOVE_TO || op === LINE_TO) {
        if (op === LINE_TO) lines++;
        at += 3;
      } else {
        if (op === CLOSE) closed = true;
        at += 1;
      }
    }
    if (moves >= 1 && closed) corners.push(lines + 1);
  });
  return corners;
}

describe.each(ENGINES)('the readiness report as PDF on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: SignedIn;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // The default framework (ten areas) installs itself on first use.
    app = await buildApp({ ctx: testContext(database.db) });
    admin = await signUpAdmin(app, { name: 'Łukasz Żółć', email: 'lukasz@example.com' });
    await admin.call('PATCH', `/api/people/${admin.personId}`, { track: 'manager' });
    const assessed = await admin.call('POST', `/api/people/${admin.personId}/assessments`, {
      ratings: AREA_IDS.map((areaId, i) => ({ areaId, level: (i % 4) + 1 })),
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    for (const [title, area] of [
      ['Paired with Αλέξανδρος Παπαδόπουλος on the release', 'mentorship'],
      ['Walked Анастасия Иванова through her first on-call', 'mentorship'],
      ['Presented 山田太郎’s design 🚀 to the guild', 'communication'],
    ] as const) {
      const res = await admin.call('POST', `/api/people/${admin.personId}/entries`, {
        title,
        areas: [area],
        kind: 'mentoring',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('keeps Latin Extended, Greek and Cyrillic, shows what it cannot draw, and has the radar', async () => {
    const res = await admin.call('GET', `/api/people/${admin.personId}/readiness/export?format=pdf`);
    expect(res.statusCode).toBe(200);
    const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { text } = await extractText(pdf, { mergePages: true });

    expect(text).toContain('Readiness report: Łukasz Żółć');
    expect(text).toContain('Αλέξανδρος Παπαδόπουλος');
    expect(text).toContain('Анастасия Иванова');
    // CJK and emoji: a box each, and a note saying what the boxes are; never a question mark.
    expect(text).toContain(`Presented ${MISSING_GLYPH.repeat(4)}’s design ${MISSING_GLYPH} to the guild`);
    expect(text).toMatch(/□ stands for a character this PDF's font cannot draw/);
    expect(text).not.toContain('?');
    expect((await pdf.getMetadata()).info).toMatchObject({ Title: 'Readiness report: Łukasz Żółć' });

    // The radar, on the first page: four level rings and the target and current polygons, each
    // with a corner per area, and every area's name beside it (and again in the table below it),
    // inside the page's margins.
    const first = await pdf.getPage(1);
    const decagons = (await polygonsOn(first)).filter((corners) => corners === AREA_NAMES.length);
    expect(decagons).toHaveLength(6);
    const items = (await first.getTextContent()).items.flatMap((item) =>
      'str' in item ? [{ str: item.str, width: item.width, transform: item.transform as number[] }] : [],
    );
    const pageHeight = first.view[3] ?? 842;
    for (const name of AREA_NAMES) {
      const labels = items.filter((item) => item.str === name);
      expect(labels.length, name).toBeGreaterThanOrEqual(2);
      for (const label of labels) {
        const [x, y] = [label.transform[4] ?? 0, label.transform[5] ?? 0];
        expect(x, name).toBeGreaterThanOrEqual(50);
        expect(x + label.width, name).toBeLessThanOrEqual(545.3);
        expect(y, name).toBeGreaterThan(0);
        expect(y, name).toBeLessThan(pageHeight - 50);
      }
    }
    expect(items.map((item) => item.str)).toEqual(expect.arrayContaining(['Now', 'Target']));
  });

  it('lays text out the same when its words were shaped for an earlier report', async () => {
    const json = await admin.call('GET', `/api/people/${admin.personId}/readiness`);
    const report = json.json() as ReadinessReport;
    // Words no report has used yet: the first rendering shapes them, the second reuses the shapes.
    const fresh = { ...report, person: { ...report.person, name: `Zuzanna Wójcik-${engine} Ødegård` } };
    const placed = async () => {
      const pdf = await getDocumentProxy(new Uint8Array(await reportToPdf(fresh)));
      const { items } = await (await pdf.getPage(1)).getTextContent();
      return items.flatMap((item) => ('str' in item ? [`${item.str}@${item.transform.join(',')}:${item.width}`] : []));
    };
    const first = await placed();
    // Copyable text too: every glyph keeps its character (the Z of Zuzanna had lost it once).
    const title = first.slice(0, 3).map((item) => item.slice(0, item.indexOf('@')));
    expect(title.join(' ')).toMatch(/^Readiness report: Zuzanna Wójcik-\w+ +Ødegård/);
    expect(await placed()).toEqual(first);
  });
});

describe('text for the embedded font', () => {
  const { covered } = reportFonts();

  it('keeps every character the font has and boxes the others', () => {
    expect(drawableText('Łukasz Żółć · Αθηνά · Дмитрий · Nguyễn', covered)).toEqual({
      text: 'Łukasz Żółć · Αθηνά · Дмитрий · Nguyễn',
      replaced: false,
    });
    expect(drawableText('山田 🚀 ok', covered)).toEqual({ text: '□□ □ ok', replaced: true });
  });

  it('composes decomposed accents, drops joiners and variation selectors, and blanks control characters', () => {
    expect(drawableText('Zo\u0308e\u0301', covered).text).toBe('Zöé');
    // An ideographic variation selector the font lacks adds no second box.
    expect(drawableText('葛\u{E0101}', covered).text).toBe('□');
    expect(drawableText('a\tb\u0007c\nd', covered).text).toBe('a b c\nd');
  });
});
