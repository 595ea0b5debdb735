import { useRef } from 'react';
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, Tooltip } from 'recharts';
import type { StandingOutput } from '../../../../src/contracts/index.ts';
import { downloadPng, downloadSvg } from '../../components/chart-download.ts';
import { RadarAngleTick, radarLayout, useWidth } from '../../components/radar-layout.tsx';

/** Radar of the latest self-assessment against the target, with the previous assessment if any. */
export function StandingRadar({ standing }: { standing: StandingOutput }) {
  const data = standing.areas.map((a) => ({
    area: a.name,
    Target: a.target ?? 0,
    Now: a.current ?? 0,
    Before: a.previous ?? 0,
  }));
  const summary = standing.areas.map((a) => `${a.name}: ${a.current ?? 'not rated'} of ${a.target ?? '–'}`).join('; ');
  const chart = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);
  // Area names wrap, and the rings shrink until the widest name fits beside them: none is cut.
  const width = useWidth(figure);
  const layout = radarLayout(
    width,
    data.map((d) => d.area),
    160,
  );
  const fileName = `leadway-radar-${standing.assessedAt?.slice(0, 10) ?? 'now'}`;
  return (
    <div ref={chart}>
      <figure
        ref={figure}
        className="radar"
        role="img"
        aria-label={`Radar chart. ${summary}`}
        data-testid="radar-chart"
        style={{ minHeight: layout.height }}
      >
        {layout.width > 0 && (
          <RadarChart
            data={data}
            width={layout.width}
            height={layout.height}
            cx={layout.cx}
            cy={layout.cy}
            outerRadius={layout.outerRadius}
            margin={{ top: 0, right: 0, bottom: 0, left: 0 }}
          >
            <PolarGrid />
            <PolarAngleAxis dataKey="area" tick={<RadarAngleTick fontSize={layout.fontSize} />} />
            <PolarRadiusAxis domain={[0, 4]} tickCount={5} angle={72} tick={{ fontSize: 10 }} />
            <Radar
              name="Target"
              dataKey="Target"
              stroke="#8a5a00"
              fill="#f0b429"
              fillOpacity={0.15}
              isAnimationActive={false}
              strokeDasharray="5 4"
            />
            {standing.previousAssessedAt && (
              <Radar
                name="Before"
                dataKey="Before"
                stroke="#8d99ae"
                fill="#8d99ae"
                fillOpacity={0.1}
                isAnimationActive={false}
              />
            )}
            <Radar
              name="Now"
              dataKey="Now"
              stroke="#1d4ed8"
              fill="#3b82f6"
              fillOpacity={0.35}
              isAnimationActive={false}
            />
            <Legend />
            <Tooltip />
          </RadarChart>
        )}
      </figure>
      <div className="row chart-actions">
        <button type="button" className="quiet" onClick={() => downloadSvg(chart.current, `${fileName}.svg`)}>
          Download SVG
        </button>
        <button type="button" className="quiet" onClick={() => downloadPng(chart.current, `${fileName}.png`)}>
          Download PNG
        </button>
      </div>
    </div>
  );
}
