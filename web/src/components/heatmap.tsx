import { useEffect, useRef } from 'react';
import { save, svgToPng } from './chart-download.ts';

/** One column of a heatmap: a key, its header text, an optional tooltip, and counts per row id. */
export interface HeatmapColumn {
  key: string;
  label: string;
  title?: string;
  counts: Record<string, number>;
}

/**
 * A table heatmap: rows down, columns across, darker for more. Counts are written in the cells
 * (visibly or for screen readers only), so the table reads without colour. Starts scrolled to the
 * latest columns when it is wider than its container.
 */
export function Heatmap({
  label,
  rows,
  columns,
  showCounts = false,
  fileName,
}: {
  label: string;
  rows: Array<{ id: string; name: string }>;
  columns: HeatmapColumn[];
  showCounts?: boolean;
  /** Base name for the SVG/PNG downloads; no download buttons without it. */
  fileName?: string;
}) {
  const max = Math.max(1, ...columns.flatMap((c) => Object.values(c.counts)));
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  });
  const download = (kind: 'svg' | 'png') => {
    if (!fileName) return;
    const { text, width, height } = heatmapSvg(label, rows, columns, max);
    if (kind === 'svg') save(new Blob([text], { type: 'image/svg+xml' }), `${fileName}.svg`);
    else svgToPng(text, width, height, `${fileName}.png`);
  };
  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="table-scroll" ref={scroller} tabIndex={0} aria-label={label}>
        <table className="heatmap" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">Area</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" title={c.title}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.name}</th>
                {columns.map((c) => {
                  const n = c.counts[row.id] ?? 0;
                  const share = n / max;
                  return (
                    <td
                      key={c.key}
                      className={showCounts ? 'count' : undefined}
                      style={{
                        background: n ? `rgba(29, 78, 216, ${0.15 + 0.85 * share})` : undefined,
                        color: showCounts && share > 0.5 ? '#fff' : undefined,
                      }}
                      title={`${row.name}, ${c.title ?? c.label}: ${n}`}
                    >
                      {showCounts ? n || '' : <span className="visually-hidden">{n}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {fileName && (
        <div className="row chart-actions">
          <button type="button" className="quiet" onClick={() => download('svg')}>
            Download SVG
          </button>
          <button type="button" className="quiet" onClick={() => download('png')}>
            Download PNG
          </button>
        </div>
      )}
    </>
  );
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The heatmap drawn as a standalone SVG: the same cells, labels and counts as the table. */
export function heatmapSvg(
  title: string,
  rows: Array<{ id: string; name: string }>,
  columns: HeatmapColumn[],
  max: number,
): { text: string; width: number; height: number } {
  const cell = 26;
  const left = 150;
  const top = 58;
  const width = left + columns.length * cell + 10;
  const height = top + rows.length * cell + 10;
  const parts = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  columns.forEach((c, i) => {
    const x = left + i * cell + cell / 2;
    parts.push(
      `<text x="${x}" y="${top - 6}" font-size="9" text-anchor="start" transform="rotate(-45 ${x} ${top - 6})">${escapeXml(c.label)}</text>`,
    );
  });
  rows.forEach((row, r) => {
    const y = top + r * cell;
    parts.push(
      `<text x="${left - 6}" y="${y + cell / 2 + 4}" font-size="11" text-anchor="end">${escapeXml(row.name)}</text>`,
    );
    columns.forEach((c, i) => {
      const n = c.counts[row.id] ?? 0;
      const fill = n ? `rgba(29,78,216,${(0.15 + (0.85 * n) / max).toFixed(3)})` : '#eef0f3';
      parts.push(
        `<rect x="${left + i * cell}" y="${y}" width="${cell - 3}" height="${cell - 3}" rx="3" fill="${fill}"><title>${escapeXml(`${row.name}, ${c.title ?? c.label}: ${n}`)}</title></rect>`,
      );
      if (n)
        parts.push(
          `<text x="${left + i * cell + (cell - 3) / 2}" y="${y + cell / 2 + 2}" font-size="9" text-anchor="middle" fill="${n / max > 0.5 ? '#ffffff' : '#1b1f24'}">${n}</text>`,
        );
    });
  });
  const text = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="Liberation Sans, Arial, sans-serif">${parts.join('')}</svg>`;
  return { text, width, height };
}
