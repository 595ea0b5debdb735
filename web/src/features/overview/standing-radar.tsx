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

/** Radar of the latest self-assessment against the target, with the previous assessment if any. */
export function StandingRadar({ standing }: { standing: StandingOutput }) {
  const data = standing.areas.map((a) => ({
    area: a.name,
    Target: a.target ?? 0,
    Now: a.current ?? 0,
    Before: a.previous ?? 0,
  }));
  const summary = standing.areas.map((a) => `${a.name}: ${a.current ?? 'not rated'} of ${a.target ?? '–'}`).join('; ');
  return (
    <figure className="radar" role="img" aria-label={`Radar chart. ${summary}`} data-testid="radar-chart">
      <ResponsiveContainer width="100%" height={360}>
        <RadarChart data={data} outerRadius="70%">
          <PolarGrid />
          <PolarAngleAxis dataKey="area" tick={{ fontSize: 12 }} />
          <PolarRadiusAxis domain={[0, 4]} tickCount={5} angle={90} />
          <Radar
            name="Target"
            dataKey="Target"
            stroke="#8a5a00"
            fill="#f0b429"
            fillOpacity={0.15}
            strokeDasharray="5 4"
          />
          {standing.previousAssessedAt && (
            <Radar name="Before" dataKey="Before" stroke="#8d99ae" fill="#8d99ae" fillOpacity={0.1} />
          )}
          <Radar name="Now" dataKey="Now" stroke="#1d4ed8" fill="#3b82f6" fillOpacity={0.35} />
          <Legend />
          <Tooltip />
        </RadarChart>
      </ResponsiveContainer>
    </figure>
  );
}
