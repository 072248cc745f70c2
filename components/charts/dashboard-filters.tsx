"use client";
// Desk and period for a dashboard, written to the URL (lib/validations/dashboard-filter.ts): presets
// are links, custom dates a small form. The server checks the dates and says what is wrong.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { cn } from "@/lib/utils";
import { dashboardHref, type DashboardFilter } from "@/lib/validations/dashboard-filter";
import { PRESET_LABELS, RANGE_PRESETS } from "@/lib/validations/period";

type Props = {
  path: string;
  filter: DashboardFilter;
  desks: { value: string; label: string }[];
  /** Other parameters of the page to keep (e.g. the agents' sort). */
  keep?: Record<string, string | undefined>;
  /** The period actually shown, to prefill the custom dates. */
  shown?: { from: string; to: string };
};

export function DashboardFilters({ path, filter, desks, keep, shown }: Props) {
  const router = useRouter();
  const go = (next: DashboardFilter) => router.push(dashboardHref(path, next, keep));
  return (
    <div className="flex flex-col gap-3" data-testid="dashboard-filters">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-48 flex-col gap-1.5">
          <Label htmlFor={`${path}-desk`}>Desk</Label>
          <NativeSelect
            id={`${path}-desk`}
            value={String(filter.desk[0] ?? "")}
            onChange={(e) => go({ ...filter, desk: e.target.value ? [Number(e.target.value)] : [] })}
          >
            <option value="">All desks</option>
            {desks.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <nav aria-label="Period" className="flex flex-wrap gap-1">
          {RANGE_PRESETS.map((range) => (
            <Link
              key={range}
              href={dashboardHref(path, { desk: filter.desk, range }, keep)}
              aria-current={filter.range === range ? "true" : undefined}
              className={cn(
                "rounded-md border border-border px-3 py-1.5 text-sm hover:bg-muted",
                filter.range === range && "border-primary bg-primary text-primary-foreground hover:bg-primary/90",
              )}
            >
              {PRESET_LABELS[range]}
            </Link>
          ))}
        </nav>
      </div>
      <form
        aria-label="Custom period"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const from = String(data.get("from") ?? "") || undefined;
          const to = String(data.get("to") ?? "") || undefined;
          go({ desk: filter.desk, range: "custom", from, to });
        }}
      >
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${path}-from`}>From</Label>
          <Input id={`${path}-from`} type="date" name="from" defaultValue={filter.range === "custom" ? (filter.from ?? "") : (shown?.from ?? "")} className="w-40" />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${path}-to`}>To</Label>
          <Input id={`${path}-to`} type="date" name="to" defaultValue={filter.range === "custom" ? (filter.to ?? "") : (shown?.to ?? "")} className="w-40" />
        </div>
        <Button type="submit" variant={filter.range === "custom" ? "default" : "outline"}>
          Apply dates
        </Button>
      </form>
    </div>
  );
}
