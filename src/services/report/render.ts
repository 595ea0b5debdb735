import PDFDocument from 'pdfkit';
import { renderMarkdown } from '../../presenters/markdown.ts';
import { drawableText, MISSING_GLYPH, reportFonts } from './pdf-fonts.ts';
import { drawRadar } from './pdf-radar.ts';
import type { ReadinessReport } from './readiness.ts';

/** Output formats of the readiness report besides JSON. */
export type ReportFormat = 'md' | 'html' | 'pdf';

const VERDICT_TEXT = {
  ready: 'Ready',
  nearly: 'Nearly ready',
  'not-yet': 'Not yet',
  unknown: 'Not enough information',
} as const;

const AREA_VERDICT = {
  meets: 'meets target',
  below: 'below target',
  'not-assessed': 'not assessed',
  'no-target': 'no target',
} as const;

/** Escapes text written by people so Markdown shows it as typed. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

function entriesSince(report: ReadinessReport): string {
  const n = report.overall.evidenceLast90Days;
  return `${n} evidence ${n === 1 ? 'entry' : 'entries'} since ${report.since90Days}.`;
}

const show = (n: number | null) => (n === null ? '–' : String(n));

function targetLine(report: ReadinessReport): string {
  return report.track ? `${report.track.name}, ${report.stage?.name ?? ''}` : 'no track chosen';
}

/** The report as Markdown: the promotion packet's source text. */
export function reportToMarkdown(report: ReadinessReport): string {
  const o = report.overall;
  const lines: string[] = [
    `# Readiness report: ${md(report.person.name)}`,
    '',
    `Target: **${md(targetLine(report))}** · framework ${report.frameworkVersion} · generated ${report.generatedOn}` +
      (report.assessedAt ? ` · last self-assessment ${report.assessedAt.slice(0, 10)}` : ''),
    '',
    `## Overall: ${VERDICT_TEXT[o.verdict]}`,
    '',
    ...o.working.map((w) => `- ${w}`),
    `- ${entriesSince(report)}`,
    '',
    '| Area | Level | Target | Gap | Evidence (90 days / all) | Open goals |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.areas.map(
      (a) =>
        `| ${md(a.name)} | ${show(a.current)} | ${show(a.target)} | ${show(a.gap)} | ${a.evidence.last90Days} / ${a.evidence.allTime} | ${a.openGoals.length} |`,
    ),
    '',
  ];
  for (const a of report.areas) {
    lines.push(`## ${md(a.name)}: ${show(a.current)} of ${show(a.target)} (${AREA_VERDICT[a.verdict]})`, '');
    if (a.evidence.strongest.length > 0) {
      lines.push('Strongest evidence:', '');
      for (const e of a.evidence.strongest) {
        const link = e.links[0] ? ` (${e.links[0]})` : '';
        lines.push(`- ${e.occurredOn} · ${e.kind} · ${md(e.title)}${link}`);
      }
      lines.push('');
    } else {
      lines.push('No evidence recorded yet.', '');
    }
    if (a.openGoals.length > 0) {
      lines.push('Open goals:', '');
      for (const g of a.openGoals) {
        lines.push(
          `- ${md(g.title)}: ${g.percent}% done${g.dueOn ? `, due ${g.dueOn}` : ''}${g.isOverdue ? ' (overdue)' : ''}`,
        );
      }
      lines.push('');
    }
    if (a.nextActions.length > 0) {
      lines.push('Next actions:', '');
      for (const n of a.nextActions) lines.push(`- ${md(n.title)}`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The report as a standalone HTML page (printable), made from the Markdown and sanitised. */
export function reportToHtml(report: ReadinessReport): string {
  const body = renderMarkdown(reportToMarkdown(report));
  const title = `Readiness report: ${report.person.name}`.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font-family: "Liberation Sans", Arial, sans-serif; color: #1b1f24; max-width: 860px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; border-bottom: 1px solid #dde1e6; padding-bottom: .2rem; }
  table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #dde1e6; padding: .35rem .5rem; text-align: left; }
  td:nth-child(n+2), th:nth-child(n+2) { text-align: right; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const BODY = 'Leadway';
const BOLD = 'Leadway-Bold';

/** The report as a PDF (A4), laid out with pdfkit in an embedded font (see pdf-fonts.ts), with the radar. */
export function reportToPdf(report: ReadinessReport): Promise<Buffer> {
  const fonts = reportFonts();
  let replaced = false;
  const pdfText = (text: string) => {
    const drawable = drawableText(text, fonts.covered);
    replaced ||= drawable.replaced;
    return drawable.text;
  };
  // The document's metadata is Unicode text in the PDF itself: no font needed, nothing replaced.
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Readiness report: ${report.person.name}` } });
  // pdfkit takes an opened fontkit font as a source (its types list only files and buffers).
  doc.registerFont(BODY, fonts.regular as unknown as Buffer);
  doc.registerFont(BOLD, fonts.bold as unknown as Buffer);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const o = report.overall;
  const width = doc.page.width - 100;
  doc
    .font(BOLD)
    .fontSize(18)
    .text(pdfText(`Readiness report: ${report.person.name}`));
  doc
    .moveDown(0.3)
    .font(BODY)
    .fontSize(9)
    .fillColor('#555555')
    .text(
      pdfText(
        `Target: ${targetLine(report)} · framework ${report.frameworkVersion} · generated ${report.generatedOn}` +
          (report.assessedAt ? ` · last self-assessment ${report.assessedAt.slice(0, 10)}` : ''),
      ),
    );
  doc.moveDown().fillColor('#000000').font(BOLD).fontSize(13).text(`Overall: ${VERDICT_TEXT[o.verdict]}`);
  doc.font(BODY).fontSize(9.5);
  for (const w of [...o.working, entriesSince(report)]) {
    doc.text(pdfText(`•  ${w}`), { indent: 6 });
  }

  // The radar: level against target per area, drawn from the same numbers as the table below.
  doc.moveDown(0.8);
  const top = doc.y;
  const used = drawRadar(doc, report.areas, { left: 50, top, width, text: pdfText, regularFont: BODY });
  doc.x = 50;
  doc.y = top + used + 6;

  // Summary table.
  const cols = [0, 190, 240, 292, 335, 440];
  const headers = ['Area', 'Level', 'Target', 'Gap', 'Evidence 90d / all', 'Goals'];
  const row = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 70) doc.addPage();
    const y = doc.y;
    doc.font(bold ? BOLD : BODY).fontSize(9);
    cells.forEach((c, i) => {
      const left = cols[i] ?? 0;
      doc.text(pdfText(c), 50 + left, y, {
        width: (cols[i + 1] ?? width) - left - 6,
        lineBreak: false,
        ellipsis: true,
        height: 12,
      });
    });
    doc
      .moveTo(50, y + 13)
      .lineTo(50 + width, y + 13)
      .lineWidth(0.5)
      .strokeColor('#dddddd')
      .stroke();
    doc.x = 50;
    doc.y = y + 17;
  };
  row(headers, true);
  for (const a of report.areas) {
    row(
      [
        a.name,
        show(a.current),
        show(a.target),
        show(a.gap),
        `${a.evidence.last90Days} / ${a.evidence.allTime}`,
        String(a.openGoals.length),
      ],
      false,
    );
  }

  for (const a of report.areas) {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown();
    doc
      .font(BOLD)
      .fontSize(11.5)
      .text(pdfText(`${a.name}: ${show(a.current)} of ${show(a.target)} (${AREA_VERDICT[a.verdict]})`), 50);
    doc.font(BODY).fontSize(9.5);
    if (a.evidence.strongest.length === 0)
      doc.fillColor('#555555').text('No evidence recorded yet.').fillColor('#000000');
    for (const e of a.evidence.strongest)
      doc.text(pdfText(`•  ${e.occurredOn} · ${e.kind} · ${e.title}`), { indent: 6 });
    for (const g of a.openGoals) {
      doc.text(
        pdfText(
          `Goal: ${g.title} (${g.percent}% done${g.dueOn ? `, due ${g.dueOn}` : ''}${g.isOverdue ? ', overdue' : ''})`,
        ),
        { indent: 6 },
      );
    }
    for (const n of a.nextActions) doc.text(pdfText(`Next: ${n.title}`), { indent: 6 });
  }
  if (replaced) {
    doc.moveDown();
    doc
      .font(BODY)
      .fontSize(8.5)
      .fillColor('#555555')
      .text(
        `${MISSING_GLYPH} stands for a character this PDF's font cannot draw (such as Chinese, Japanese or Korean ` +
          'script, or an emoji). The Markdown and HTML versions of the report show every character.',
        50,
      );
  }
  doc.end();
  return done;
}
