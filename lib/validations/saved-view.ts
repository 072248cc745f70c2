// A saved ticket-list view as a form sends it: a name and the list's URL query. The query is parsed
// with the list's own schema and written back without page cursors, so a view always opens on page 1.
import { z } from "zod";
import { parseTicketSearch, ticketSearchParams } from "@/lib/validations/ticket-search";

/** The part of a list URL a view keeps: filters, sort, page size and columns. */
export function viewQuery(query: string): string {
  const search = parseTicketSearch(new URLSearchParams(query));
  return ticketSearchParams({ ...search, after: undefined, before: undefined, page: undefined }).toString();
}

export const savedViewSchema = z.object({
  name: z.string().trim().min(1, "Give the view a name").max(80, "Keep the name under 80 characters"),
  query: z.string().max(8000, "This view is too long to save").transform(viewQuery),
});

export type SavedViewInput = z.output<typeof savedViewSchema>;
