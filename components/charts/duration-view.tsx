"use client";
// Average and median hours side by side: a long tail shows as an average far above the median.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, PALETTE } from "@/components/charts/palette";
import type { DurationStat } from "@/lib/data/charts";

export function DurationView({ data }: { data: DurationStat[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
      <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#94a3b833" />
        <XAxis dataKey="metric" {...AXIS} />
        <YAxis unit=" h" {...AXIS} />
        <Tooltip formatter={(value) => `${String(value)} h`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="averageHours" name="Average" fill={PALETTE[0]} isAnimationActive={false} />
        <Bar dataKey="medianHours" name="Median" fill={PALETTE[1]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
