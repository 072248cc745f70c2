"use client";
// Where the list is ("51–100 of 2,972"), the neighbouring pages (keyset cursors: page 500 costs what
// page 1 costs) and a jump to any page within reach of a cheap OFFSET.
import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TablePaging } from "@/components/tickets/ticket-table";
import { Button } from "@/components/ui/button";
import { PAGE_SIZES, ticketSearchHref, type TicketSearch } from "@/lib/validations/ticket-search";

const n = (value: number) => value.toLocaleString("en-US");

export function Pagination({ search, paging, shown }: { search: TicketSearch; paging: TablePaging; shown: number }) {
  const router = useRouter();
  const { page, total, totalCapped, next, prev, maxJumpPage } = paging;
  const [jump, setJump] = useState(String(page));
  const first = (page - 1) * search.size + 1;
  const base = { ...search, after: undefined, before: undefined, page: undefined };
  const pages = totalCapped ? null : Math.max(1, Math.ceil(total / search.size));
  const lastReachable = pages === null ? maxJumpPage : Math.min(pages, maxJumpPage);
  const position =
    shown === 0
      ? total > 0
        ? `No tickets on page ${n(page)}`
        : "No tickets"
      : // A capped count is a lower bound: past it, the rows shown so far are one too.
        `${n(first)}–${n(first + shown - 1)} of ${n(totalCapped ? Math.max(total, first + shown - 1) : total)}${totalCapped ? "+" : ""}`;

  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
      <p className="text-sm tabular-nums" data-testid="page-position" aria-live="polite">
        {position}
        {shown === 0 && total > 0 && (
          <>
            {" · "}
            <Link className="text-primary hover:underline" href={ticketSearchHref({ ...base, page: 1 })}>
              back to page 1
            </Link>
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2 text-sm text-muted-foreground">
          Rows
          <select
            className="h-8 rounded-md border border-input bg-background px-2 text-sm"
            value={search.size}
            onChange={(e) => router.push(ticketSearchHref({ ...base, size: Number(e.target.value) as TicketSearch["size"] }))}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
        <form
          className="flex items-center gap-1 text-sm text-muted-foreground"
          onSubmit={(e) => {
            e.preventDefault();
            const target = Math.min(Math.max(1, Math.floor(Number(jump)) || 1), lastReachable);
            router.push(ticketSearchHref({ ...base, page: target }));
          }}
        >
          <label htmlFor="jump-page">Page</label>
          <input
            id="jump-page"
            type="number"
            inputMode="numeric"
            min={1}
            max={lastReachable}
            value={jump}
            onChange={(e) => setJump(e.target.value)}
            className="h-8 w-16 rounded-md border border-input bg-background px-2 text-sm tabular-nums"
          />
          {pages !== null && <span className="tabular-nums">of {n(pages)}</span>}
          <Button type="submit" variant="outline" size="sm">
            Go
          </Button>
        </form>
        <PageLink href={prev ? ticketSearchHref({ ...search, after: undefined, before: prev, page: Math.max(1, page - 1) }) : null} label="Previous page">
          <ChevronLeft aria-hidden /> Previous
        </PageLink>
        <PageLink href={next ? ticketSearchHref({ ...search, before: undefined, after: next, page: page + 1 }) : null} label="Next page">
          Next <ChevronRight aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}

function PageLink({ href, label, children }: { href: string | null; label: string; children: React.ReactNode }) {
  if (!href) {
    return (
      <Button variant="outline" size="sm" disabled aria-label={label}>
        {children}
      </Button>
    );
  }
  return (
    <Button variant="outline" size="sm" asChild>
      <Link href={href} aria-label={label}>
        {children}
      </Link>
    </Button>
  );
}
