"use client";
// Desk and date range for every chart, written to the URL in the ticket search's own parameters.
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { FilterOption } from "@/lib/data/tickets";
import { parseTicketSearch, ticketSearchHref } from "@/lib/validations/ticket-search";

export function ChartFilters({ desks, desk, from, to }: { desks: FilterOption[]; desk: number[]; from?: string; to?: string }) {
  const router = useRouter();
  return (
    <form
      aria-label="Chart filters"
      className="grid gap-3 sm:grid-cols-[minmax(12rem,1fr)_auto_auto_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const parsed = parseTicketSearch({
          desk: String(data.get("desk") ?? ""),
          createdFrom: String(data.get("createdFrom") ?? ""),
          createdTo: String(data.get("createdTo") ?? ""),
        });
        router.push(ticketSearchHref({ desk: parsed.desk, createdFrom: parsed.createdFrom, createdTo: parsed.createdTo }, "/charts"));
      }}
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="chart-desk">Desk</Label>
        <NativeSelect id="chart-desk" name="desk" defaultValue={String(desk[0] ?? "")}>
          <option value="">All desks</option>
          {desks.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="chart-from">Created from</Label>
        <Input id="chart-from" type="date" name="createdFrom" defaultValue={from ?? ""} />
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="chart-to">Created to</Label>
        <Input id="chart-to" type="date" name="createdTo" defaultValue={to ?? ""} />
      </div>
      <Button type="submit">Apply</Button>
    </form>
  );
}
