import { useRef } from 'react';
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart } from 'recharts';
import { RadarAngleTick, radarLayout, useWidth } from '../../components/radar-layout.tsx';

/** One area of a 360 round: your own level, others' average and the target. */
export interface RoundPoint {
  area: string;
  Self: number;
  Others: number;
  Target: number;
}

/** Radar of self, others and target for a 360 round (its own chunk: recharts loads only when drawn). */
export function RoundRadar({ data }: { data: RoundPoint[] }) {
  const figure = useRef<HTMLElement>(null);
  // Area names wrap, and the rings shrink until the widest name fits beside them: none is cut.
  const width = useWidth(figure);
  const layout = radarLayout(
    width,
    data.map((d) => d.area),
    130,
  );
  return (
    <figure
      ref={figure}
      className="radar"
      role="img"
      aria-label="Radar chart of self, others and target"
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
      )}
    </figure>
  );
}
