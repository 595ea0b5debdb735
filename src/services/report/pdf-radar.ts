import type PDFDocument from 'pdfkit';

/** One spoke of the radar: an area, its current level and its target (null: not assessed / none). */
export interface RadarArea {
  name: string;
  current: number | null;
  target: number | null;
}

/** Colours of the web app's radar (web/src/features/overview/standing-radar.tsx), so both read alike. */
const COLOURS = {
  grid: '#c9ced6',
  scale: '#6b7280',
  label: '#1b1f24',
  targetStroke: '#8a5a00',
  targetFill: '#f0b429',
  nowStroke: '#1d4ed8',
  nowFill: '#3b82f6',
} as const;

/** Levels run 1–4; the scale starts at 0 in the centre, as on the web. */
const MAX_LEVEL = 4;
const LABEL_SIZE = 8.5;
const LABEL_GAP = 8;
/** Room above and below the chart for labels of up to two lines. */
const LABEL_ROOM = 2.5 * LABEL_SIZE;

interface Box {
  /** Left edge of the area the chart (labels included) may use. */
  left: number;
  top: number;
  width: number;
  /** Text already drawable by the document's fonts (see drawableText). */
  text: (s: string) => string;
  /** The name the document registered its regular font under. */
  regularFont: string;
}

/**
 * Draws the radar of current level against target with pdfkit vector paths: a ring per level,
 * a spoke per area (clockwise from the top, as recharts draws it), the target as a dashed
 * polygon and the current levels as a filled one, every area's name outside its spoke, and a
 * legend. Labels are wrapped to the room left beside the chart, so none is clipped. Returns the
 * height used.
 */
export function drawRadar(doc: InstanceType<typeof PDFDocument>, areas: RadarArea[], box: Box): number {
  const n = areas.length;
  // Fewer than three spokes make no area, and nothing rated and no target make no shape.
  if (n < 3 || areas.every((a) => a.current === null && a.target === null)) return 0;
  // Room for the labels on either side: the longest name decides the radius.
  doc.font(box.regularFont).fontSize(LABEL_SIZE);
  const labelWidth = Math.min(110, Math.max(...areas.map((a) => doc.widthOfString(box.text(a.name)))) + 2);
  const radius = Math.min(105, (box.width - 2 * (labelWidth + LABEL_GAP)) / 2);
  const legendHeight = 18;
  const cx = box.left + box.width / 2;
  const cy = box.top + LABEL_ROOM + LABEL_GAP + radius;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const point = (i: number, level: number): [number, number] => {
    const r = (radius * Math.max(0, Math.min(MAX_LEVEL, level))) / MAX_LEVEL;
    return [cx + r * Math.cos(angle(i)), cy + r * Math.sin(angle(i))];
  };

  doc.save();
  // Grid: one ring per level and a spoke per area.
  doc.lineWidth(0.5).strokeColor(COLOURS.grid);
  for (let level = 1; level <= MAX_LEVEL; level++) {
    doc.polygon(...areas.map((_, i) => point(i, level))).stroke();
  }
  for (let i = 0; i < n; i++) {
    const [x, y] = point(i, MAX_LEVEL);
    doc.moveTo(cx, cy).lineTo(x, y).stroke();
  }
  // Level numbers up the first spoke.
  doc.font(box.regularFont).fontSize(6.5).fillColor(COLOURS.scale);
  for (let level = 1; level <= MAX_LEVEL; level++) {
    const [, y] = point(0, level);
    doc.text(String(level), cx + 2, y - 3, { lineBreak: false });
  }

  // Target (dashed, light) under now (solid, stronger), as on the web.
  doc.lineWidth(1.2).dash(5, { space: 4 });
  doc.polygon(...areas.map((a, i) => point(i, a.target ?? 0)));
  doc.fillOpacity(0.15).fillAndStroke(COLOURS.targetFill, COLOURS.targetStroke);
  doc.undash().lineWidth(1.5);
  doc.polygon(...areas.map((a, i) => point(i, a.current ?? 0)));
  doc.fillOpacity(0.35).fillAndStroke(COLOURS.nowFill, COLOURS.nowStroke);
  doc.fillOpacity(1);

  // Area names outside the spokes: right of the chart left-aligned, left of it right-aligned,
  // centred at the top and bottom; wrapped within labelWidth so they stay on the page.
  doc.font(box.regularFont).fontSize(LABEL_SIZE).fillColor(COLOURS.label);
  areas.forEach((area, i) => {
    const a = angle(i);
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    const text = box.text(area.name);
    const height = doc.heightOfString(text, { width: labelWidth });
    const [px, py] = [cx + (radius + LABEL_GAP) * cos, cy + (radius + LABEL_GAP) * sin];
    const align = Math.abs(cos) < 0.2 ? 'center' : cos > 0 ? 'left' : 'right';
    const x = align === 'center' ? px - labelWidth / 2 : align === 'left' ? px : px - labelWidth;
    // Above the centre the label sits on its point, below it hangs from it, beside it is centred.
    const y = Math.abs(sin) < 0.2 ? py - height / 2 : sin < 0 ? py - height : py;
    doc.text(text, x, y, { width: labelWidth, align });
  });

  // Legend under the chart.
  const legendY = cy + radius + LABEL_GAP + LABEL_ROOM + 4;
  const legend = [
    { name: 'Now', stroke: COLOURS.nowStroke, fill: COLOURS.nowFill, opacity: 0.35, dashed: false },
    { name: 'Target', stroke: COLOURS.targetStroke, fill: COLOURS.targetFill, opacity: 0.15, dashed: true },
  ];
  doc.font(box.regularFont).fontSize(LABEL_SIZE);
  const itemWidth = (name: string) => 22 + doc.widthOfString(name) + 14;
  let x = cx - legend.reduce((w, l) => w + itemWidth(l.name), 0) / 2;
  for (const item of legend) {
    doc.lineWidth(1.2);
    if (item.dashed) doc.dash(3, { space: 2 });
    doc.rect(x, legendY, 16, 9).fillOpacity(item.opacity).fillAndStroke(item.fill, item.stroke);
    doc.undash().fillOpacity(1).fillColor(COLOURS.label);
    doc.text(item.name, x + 22, legendY, { lineBreak: false });
    x += itemWidth(item.name);
  }
  doc.restore();
  doc.x = box.left;
  return legendY + legendHeight - box.top;
}
