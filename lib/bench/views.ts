// What the pages benchmark asks for: typical views of the tickets page (as URL queries, parsed the way
// the page parses them) and the charts page's filters, in terms of the data model.
import { END, agentId, field } from "@/lib/bench/data-model";
import { errorCode, SUMMARIES } from "@/lib/bench/text";
import type { ChartFilter } from "@/lib/bench/targets";

export type ListView = { key: string; label: string; query: string };

const query = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v);
  return search.toString();
};
const day = (secondsBeforeEnd: number) => new Date((END - secondsBeforeEnd) * 1000).toISOString().slice(0, 10);

/** The last 90 days of the data (it ends at END, whatever today is). */
const LAST_90_DAYS = { from: day(90 * 86_400), to: day(86_400) };

const option = (title: string, rank: number) => field(title).options![rank]!.name;

/** deskIds: the database ids of the model's desks 1..3. */
export function listViews(deskIds: number[]): ListView[] {
  return [
    { key: "default", label: "default sort (updated, newest first)", query: "" },
    { key: "status", label: "status open", query: query({ status: "open" }) },
    { key: "queue", label: "queue: one desk, new + open, urgent + high", query: query({ desk: String(deskIds[1]), status: "new,open", priority: "urgent,high" }) },
    {
      key: "assignee-dates",
      label: "assignee + created in the last 90 days",
      query: query({ assignee: String(agentId(1, 2)), createdFrom: LAST_90_DAYS.from, createdTo: LAST_90_DAYS.to }),
    },
    { key: "cf-dropdown", label: `dropdown: Product is ${option("Product", 1)}`, query: query({ cf: `Product::is::${option("Product", 1)}` }) },
    { key: "cf-multiselect", label: `multiselect: Platforms has ${option("Platforms", 1)}`, query: query({ cf: `Platforms::is::${option("Platforms", 1)}` }) },
    { key: "cf-checkbox-status", label: "checkbox + status: VIP checked, open", query: query({ cf: "VIP::checked::true", status: "open" }) },
    { key: "cf-text-equals", label: `text equals: Summary is "${SUMMARIES[9]}"`, query: query({ cf: `Summary::is::${SUMMARIES[9]}` }) },
    { key: "cf-text-contains", label: 'text contains: Internal notes has "refund"', query: query({ cf: "Internal notes::contains::refund" }) },
    { key: "cf-number-range", label: "number range: Order number 4000000..4100000", query: query({ cf: "Order number::range::4000000..4100000" }) },
    { key: "full-text", label: 'full text: "warranty"', query: query({ q: "warranty" }) },
    { key: "full-text-rare", label: `full text: "${errorCode(4217)}" (error code)`, query: query({ q: errorCode(4217) }) },
  ];
}

export const DEEP_PAGE = 200;

export function chartFilters(deskIds: number[]): { key: string; label: string; filter: ChartFilter }[] {
  return [
    { key: "all-90d", label: "all desks, 90 days", filter: { desk: [], ...LAST_90_DAYS } },
    { key: "all-all", label: "all desks, all time", filter: { desk: [] } },
    { key: "desk-90d", label: "one desk, 90 days", filter: { desk: [deskIds[0]!], ...LAST_90_DAYS } },
    { key: "desk-all", label: "one desk, all time", filter: { desk: [deskIds[0]!] } },
  ];
}
