"use client";
// Counts per category as bars, each in its value's fixed colour; a click opens the ticket list
// filtered to that bar (the same links are listed under the chart for keyboards and screen readers).
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS, GRID } from "@/components/charts/palette";

export type BarDatum = { label: string; count: number; href: string | null; color: string };

export function BarChartView({ data, horizontal = false }: { data: BarDatum[]; horizontal?: boolean }) {
  const router = useRouter();
  const open = (index: number) => {
    const href = data[index]?.href;
    if (href) router.push(href);
  };
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
      <BarChart data={data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 4, right: 8, bottom: 4, left: horizontal ? 8 : 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke={GRID} />
        {horizontal ? (
          <>
            <XAxis type="number" allowDecimals={false} {...AXIS} />
            <YAxis type="category" dataKey="label" width={110} interval={0} {...AXIS} fontSize={11} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" interval={0} {...AXIS} fontSize={11} />
            <YAxis allowDecimals={false} width={44} {...AXIS} />
          </>
        )}
        <Tooltip cursor={{ fill: "#94a3b822" }} />
        <Bar dataKey="count" name="Tickets" maxBarSize={48} onClick={(_, index) => open(index)} cursor="pointer" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.label} fill={d.color} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
