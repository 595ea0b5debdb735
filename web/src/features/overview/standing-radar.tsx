import { useRef } from 'react';
import {
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
} from 'recharts';
import type { StandingOutput } from '../../../../src/contracts/index.ts';
import { downloadPng, downloadSvg } from '../../components/chart-download.ts';

/** Radar of the latest self-assessment against the target, with the previous assessment if any. */
export function StandingRadar({ standing }: { standing: StandingOutput }) {
  const data = standing.areas.map((a) => ({
    area: a.name,
    Target: a.target ?? 0,
    Now: a.current ?? 0,
    Before: a.previous ?? 0,
  }));
  // Long area names need room on a phone; a smaller radius keeps them inside the card.
  const isNarrow = typeof window !== 'undefined' && window.innerWidth < 600;
  const summary = standing.areas.map((a) => `${a.name}: ${a.current ?? 'not rated'} of ${a.target ?? '–'}`).join('; ');
  const chart = useRef<HTMLDivElement>(null);
  const fileName = `leadway-radar-${standing.assessedAt?.slice(0, 10) ?? 'now'}`;
  return (
    <div ref={chart}>
      <figure className="radar" role="img" aria-label={`Radar chart. ${summary}`} data-testid="radar-chart">
        <ResponsiveContainer width="100%" height={isNarrow ? 320 : 420}>
          <RadarChart
            data={data}
            outerRadius={isNarrow ? '55%' : '75%'}
            margin={{ top: 10, right: 30, bottom: 10, left: 30 }}
          >
            <PolarGrid />
            <PolarAngleAxis dataKey="area" tick={{ fontSize: 11 }} />
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
        </ResponsiveContainer>
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
