import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer } from 'recharts';

/** One area of a 360 round: your own level, others' average and the target. */
export interface RoundPoint {
  area: string;
  Self: number;
  Others: number;
  Target: number;
}

/** Radar of self, others and target for a 360 round (its own chunk: recharts loads only when drawn). */
export function RoundRadar({ data }: { data: RoundPoint[] }) {
  return (
    <figure className="radar" role="img" aria-label="Radar chart of self, others and target">
      <ResponsiveContainer width="100%" height={340}>
        <RadarChart data={data} outerRadius="65%">
          <PolarGrid />
          <PolarAngleAxis dataKey="area" tick={{ fontSize: 11 }} />
          <PolarRadiusAxis domain={[0, 4]} tickCount={5} angle={72} tick={{ fontSize: 10 }} />
          <Radar
            name="Target"
            dataKey="Target"
            stroke="#8a5a00"
            fill="#f0b429"
            fillOpacity={0.12}
            strokeDasharray="5 4"
            isAnimationActive={false}
          />
          <Radar
            name="Others"
            dataKey="Others"
            stroke="#15803d"
            fill="#22c55e"
            fillOpacity={0.25}
            isAnimationActive={false}
          />
          <Radar
            name="Self"
            dataKey="Self"
            stroke="#1d4ed8"
            fill="#3b82f6"
            fillOpacity={0.25}
            isAnimationActive={false}
          />
          <Legend />
        </RadarChart>
      </ResponsiveContainer>
    </figure>
  );
}
