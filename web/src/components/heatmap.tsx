import { useEffect, useRef } from 'react';

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
}: {
  label: string;
  rows: Array<{ id: string; name: string }>;
  columns: HeatmapColumn[];
  showCounts?: boolean;
}) {
  const max = Math.max(1, ...columns.flatMap((c) => Object.values(c.counts)));
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  });
  return (
    <div className="table-scroll" ref={scroller}>
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
    </div>
  );
}
