"use client";
// Per-day series (created vs solved, backlog); a click on a day opens that day's tickets.
import { useRouter } from "next/navigation";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, PALETTE } from "@/components/charts/palette";

export type DaySeries = { key: string; label: string };

export function DaySeriesView({ data, series, hrefs }: { data: Record<string, string | number>[]; series: DaySeries[]; hrefs?: (string | null)[] }) {
  const router = useRouter();
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
      <LineChart
        data={data}
        margin={{ top: 4, right: 8, bottom: 4, left: -16 }}
        onClick={(state) => {
          const href = typeof state.activeIndex === "number" ? hrefs?.[state.activeIndex] : null;
          if (href) router.push(href);
        }}
        style={hrefs ? { cursor: "pointer" } : undefined}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#94a3b833" />
        <XAxis dataKey="day" {...AXIS} minTickGap={24} />
        <YAxis allowDecimals={false} {...AXIS} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={PALETTE[i]} dot={data.length < 40} strokeWidth={2} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
