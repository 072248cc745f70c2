"use client";
// Shares of a whole as a donut, each value in its fixed colour; a click on a slice opens the ticket
// list filtered to it.
import { useRouter } from "next/navigation";
import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import type { BarDatum } from "@/components/charts/bar-chart-view";

export function PieChartView({ data }: { data: BarDatum[] }) {
  const router = useRouter();
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
      <PieChart>
        <Pie
          data={data}
          dataKey="count"
          nameKey="label"
          innerRadius="45%"
          outerRadius="80%"
          isAnimationActive={false}
          cursor="pointer"
          onClick={(_, index) => {
            const href = data[index]?.href;
            if (href) router.push(href);
          }}
        >
          {data.map((d) => (
            <Cell key={d.label} fill={d.color} />
          ))}
        </Pie>
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    </ResponsiveContainer>
  );
}
