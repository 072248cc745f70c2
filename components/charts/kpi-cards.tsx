// Headline numbers: each says what it counts, how it changed against the previous period (green when
// the change is good news, red when not), and links to the tickets behind it where a list can show them.
import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import Link from "next/link";
import { formatPercent } from "@/components/charts/format";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/** `ratio` is relative (0.12 = +12 %), or for `points` a difference of two shares (0.05 = +5 points). */
type Comparison = { ratio: number | null; previous: string; higherIsBetter: boolean | null; points?: boolean };

export type Kpi = {
  title: string;
  value: string;
  /** The definition, on screen. */
  hint: string;
  href?: string | null;
  /** Against the previous period: the relative change, and whether a rise is good news. */
  change?: Comparison | null;
};

export function KpiCards({ kpis }: { kpis: Kpi[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[repeat(auto-fit,minmax(11rem,1fr))]">
      {kpis.map((kpi) => {
        const body = (
          <Card className={cn("h-full", kpi.href && "transition-colors hover:border-primary/50")} data-testid={`kpi-${kpi.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`}>
            <CardHeader>
              <CardTitle>{kpi.title}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-1">
              <p className="text-3xl font-semibold tabular-nums" data-testid="kpi-value">
                {kpi.value}
              </p>
              {kpi.change && <Change {...kpi.change} />}
              <p className="text-xs text-muted-foreground">{kpi.hint}</p>
            </CardContent>
          </Card>
        );
        return kpi.href ? (
          <Link key={kpi.title} href={kpi.href} className="block">
            {body}
          </Link>
        ) : (
          <div key={kpi.title}>{body}</div>
        );
      })}
    </div>
  );
}

function Change({ ratio, previous, higherIsBetter, points }: Comparison) {
  if (ratio === null) return <p className="text-xs text-muted-foreground" data-testid="kpi-change">previous period: {previous}</p>;
  const flat = Math.abs(ratio) < 0.005;
  const good = flat || higherIsBetter === null ? null : ratio > 0 === higherIsBetter;
  const Icon = flat ? Minus : ratio > 0 ? ArrowUpRight : ArrowDownRight;
  return (
    <p className={cn("flex items-center gap-1 text-xs", good === true && "text-success", good === false && "text-destructive", good === null && "text-muted-foreground")} data-testid="kpi-change">
      <Icon className="size-3.5" aria-hidden />
      {ratio > 0 ? "+" : ""}
      {points ? `${Math.round(ratio * 1000) / 10} points` : formatPercent(ratio)} vs previous period ({previous})
    </p>
  );
}
