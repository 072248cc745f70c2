"use client";
// The search form. It reads its defaults from the parsed URL and writes a new URL on submit; the
// server does the filtering. Values pass through the same zod schema the server uses.
import { Download, Search, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { CustomFieldBuilder } from "@/components/tickets/custom-field-builder";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { TicketFilterOptions } from "@/lib/data/tickets";
import {
  DATE_RANGES,
  formatCustomFieldFilter,
  NONE,
  parseTicketSearch,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  ticketSearchHref,
  ticketSearchParams,
  type CustomFieldFilter,
  type TicketSearch,
} from "@/lib/validations/ticket-search";

const LIST_KEYS = ["desk", "priority", "type", "assignee", "group", "organization", "tags", "via", "satisfaction"] as const;
const DATE_KEYS = DATE_RANGES;

export function TicketFilters({ search, options }: { search: TicketSearch; options: TicketFilterOptions }) {
  const router = useRouter();
  const keep = { sort: search.sort, dir: search.dir, size: search.size, cols: search.cols, cfcol: search.cfcol };
  // The export has the view's columns and filters, every page of it.
  const exportQuery = ticketSearchParams({ ...search, after: undefined, before: undefined, page: undefined }).toString();

  function submit(form: HTMLFormElement, customFilters: CustomFieldFilter[]) {
    const data = new FormData(form);
    const record: Record<string, string | string[]> = {};
    for (const key of ["q", "createdFrom", "createdTo", "updatedFrom", "updatedTo", "solvedFrom", "solvedTo", "deleted"] as const) {
      const value = String(data.get(key) ?? "").trim();
      if (value) record[key] = value;
    }
    for (const key of [...LIST_KEYS, "status"] as const) record[key] = data.getAll(key).map(String).filter(Boolean);
    record.cf = customFilters.map(formatCustomFieldFilter);
    const parsed = parseTicketSearch(record);
    router.push(ticketSearchHref({ ...parsed, ...keep }));
  }

  const select = (name: (typeof LIST_KEYS)[number], label: string, choices: { value: string; label: string }[]) => (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={`filter-${name}`}>{label}</Label>
      <NativeSelect id={`filter-${name}`} name={name} defaultValue={String(search[name][0] ?? "")}>
        <option value="">Any</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );

  return (
    <form
      role="search"
      aria-label="Ticket filters"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget, search.cf);
      }}
    >
      <div className="flex flex-col gap-2 sm:flex-row">
        <div className="relative flex-1">
          <Search className="pointer-events-none absolute top-2.5 left-3 size-4 text-muted-foreground" aria-hidden />
          <Input name="q" type="search" aria-label="Search subject, description and comments" placeholder="Search subject, description and comments" defaultValue={search.q ?? ""} className="pl-9" />
        </div>
        <div className="flex gap-2">
          <Button type="submit">Apply filters</Button>
          <Button variant="outline" asChild>
            <Link href={ticketSearchHref(keep)}>
              <X aria-hidden /> Clear
            </Link>
          </Button>
          <Button variant="outline" asChild>
            <a href={`/api/tickets/export${exportQuery ? `?${exportQuery}` : ""}`} download>
              <Download aria-hidden /> Export CSV
            </a>
          </Button>
        </div>
      </div>

      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <legend className="sr-only">Status</legend>
        <span className="text-sm font-medium">Status</span>
        {TICKET_STATUSES.map((status) => (
          <label key={status} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" name="status" value={status} defaultChecked={search.status.includes(status)} />
            {status}
          </label>
        ))}
        <label className="flex items-center gap-1.5 text-sm text-muted-foreground">
          <input type="checkbox" name="deleted" value="1" defaultChecked={search.deleted === "1"} />
          include deleted
        </label>
      </fieldset>

      {(search.via.length > 0 || search.satisfaction.length > 0) && (
        // Filters only the charts link to (channel, satisfaction): shown so a view never filters silently.
        <ul className="flex flex-wrap gap-2" aria-label="Filters from charts">
          {(["via", "satisfaction"] as const).map(
            (key) =>
              search[key].length > 0 && (
                <li key={key}>
                  <input type="hidden" name={key} value={search[key].join(",")} />
                  <Badge className="py-1 text-sm">
                    {key === "via" ? "Channel" : "Satisfaction"}: {search[key].join(", ")}
                    <Link href={ticketSearchHref({ ...search, [key]: [], after: undefined, before: undefined, page: undefined })} aria-label={`Remove the ${key === "via" ? "channel" : "satisfaction"} filter`}>
                      <X className="size-3" aria-hidden />
                    </Link>
                  </Badge>
                </li>
              ),
          )}
        </ul>
      )}

      <details className="rounded-lg border border-border p-3" open={hasDetailFilters(search)}>
        <summary className="cursor-pointer text-sm font-medium">More filters</summary>
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {select("desk", "Desk", options.desks)}
          {select("priority", "Priority", [...TICKET_PRIORITIES.map((p) => ({ value: p, label: p })), { value: NONE, label: "none" }])}
          {select("type", "Type", TICKET_TYPES.map((t) => ({ value: t, label: t })))}
          {select("assignee", "Assignee", [{ value: NONE, label: "Unassigned" }, ...options.assignees])}
          {select("group", "Group", [{ value: NONE, label: "No group" }, ...options.groups])}
          {select("organization", "Organization", [{ value: NONE, label: "No organization" }, ...options.organizations])}
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="filter-tags">Tags (all of, comma-separated)</Label>
            <Input id="filter-tags" name="tags" defaultValue={search.tags.join(",")} />
          </div>
          {DATE_KEYS.map(([label, from, to]) => (
            <fieldset key={label} className="flex flex-col gap-1.5 sm:col-span-2">
              <legend className="mb-1.5 text-sm font-medium capitalize">{label}</legend>
              <div className="flex items-center gap-2">
                <Input type="date" name={from} aria-label={`${label} from`} defaultValue={search[from] ?? ""} />
                <Input type="date" name={to} aria-label={`${label} to`} defaultValue={search[to] ?? ""} />
              </div>
            </fieldset>
          ))}
        </div>
      </details>

      <CustomFieldBuilder
        fields={options.customFields}
        filters={search.cf}
        onRemove={(index, form) => submit(form, search.cf.filter((_, i) => i !== index))}
        onAdd={(filter, form) => submit(form, [...search.cf, filter])}
      />
    </form>
  );
}

function hasDetailFilters(search: TicketSearch): boolean {
  return LIST_KEYS.some((key) => key !== "via" && key !== "satisfaction" && search[key].length > 0) || DATE_KEYS.some(([, from, to]) => search[from] || search[to]);
}
