"use client";
// Values over time (per day, week, month or year) as lines in their fixed colours: counts, durations
// (given in minutes, drawn in the one unit that keeps the axis readable) or shares (0..1, drawn in
// percent). A click on a point opens the tickets behind it.
import { useRouter } from "next/navigation";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { durationUnit, formatCount, formatMinutes, formatPercent, inUnit, type DurationUnit } from "@/components/charts/format";
import { AXIS, GRID } from "@/components/charts/palette";

export type Series = { key: string; label: string; color: string };
export type SeriesPoint = { label: string; values: Record<string, number | null> };

export type ValueKind = "count" | "minutes" | "share";
const MINUTES: Record<DurationUnit, number> = { min: 1, h: 60, d: 1440 };

export function SeriesView({ data, series, hrefs, kind = "count" }: { data: SeriesPoint[]; series: Series[]; hrefs?: (string | null)[]; kind?: ValueKind }) {
  const router = useRouter();
  const max = Math.max(0, ...data.flatMap((d) => series.map((s) => d.values[s.key] ?? 0)));
  const unit = kind === "minutes" ? durationUnit(max) : null;
  const scale = (value: number) => (unit ? inUnit(value, unit) : kind === "share" ? Math.round(value * 1000) / 10 : value);
  const rows = data.map((d) => ({
    label: d.label,
    ...Object.fromEntries(series.map((s) => [s.key, d.values[s.key] === null || d.values[s.key] === undefined ? null : scale(d.values[s.key]!)])),
  }));
  const axisUnit = unit ? ` ${unit}` : kind === "share" ? " %" : undefined;
  const show = (n: number) => (unit ? formatMinutes(n * MINUTES[unit]) : kind === "share" ? formatPercent(n / 100) : formatCount(n));
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
      <LineChart
        data={rows}
        margin={{ top: 4, right: 8, bottom: 4, left: 0 }}
        onClick={(state) => {
          const href = typeof state.activeIndex === "number" ? hrefs?.[state.activeIndex] : null;
          if (href) router.push(href);
        }}
        style={hrefs ? { cursor: "pointer" } : undefined}
      >
        <CartesianGrid strokeDasharray="3 3" stroke={GRID} />
        <XAxis dataKey="label" {...AXIS} minTickGap={24} />
        <YAxis allowDecimals={kind !== "count"} width={56} unit={axisUnit} domain={kind === "share" ? [0, 100] : undefined} {...AXIS} />
        <Tooltip formatter={(value, name) => [show(typeof value === "number" ? value : Number(value)), name]} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} dot={rows.length < 40} strokeWidth={2} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
