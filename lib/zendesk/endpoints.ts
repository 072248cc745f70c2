// The Zendesk endpoints the sync reads, each returning parsed items plus a count of bad ones.
import type { ZendeskClient } from "@/lib/zendesk/client";
import { ZendeskNotFoundError } from "@/lib/zendesk/errors";
import {
  commentPageSchema,
  commentSchema,
  groupSchema,
  metricSetSchema,
  organizationExportPageSchema,
  organizationSchema,
  parseItems,
  privacyChangeSchema,
  showManyTicketsSchema,
  showTicketSchema,
  ticketEventPageSchema,
  ticketEventSchema,
  ticketExportPageSchema,
  ticketFieldPageSchema,
  ticketFieldSchema,
  ticketSchema,
  userExportPageSchema,
  userSchema,
  type Comment,
  type MetricSet,
  type Ticket,
  type TicketField,
  type ZendeskGroup,
  type ZendeskOrganization,
  type ZendeskUser,
} from "@/lib/zendesk/schemas";

const MAX_EXPORT_PAGE = 1000;

/** Zendesk refuses (or may miss changes for) a start_time less than a minute old. */
export function safeStartTime(startTime: number, now = Date.now()): number {
  return Math.max(0, Math.min(startTime, Math.floor(now / 1000) - 61));
}

const shrinkPerPage = (query: Record<string, string | number | undefined>) => ({
  ...query,
  per_page: Math.max(50, Math.floor(Number(query.per_page ?? MAX_EXPORT_PAGE) / 2)),
});

export type TicketExportPage = {
  tickets: Ticket[];
  users: ZendeskUser[];
  groups: ZendeskGroup[];
  organizations: ZendeskOrganization[];
  metricSets: MetricSet[];
  afterCursor: string | null;
  endOfStream: boolean;
  bad: number;
};

/** One page of the cursor-based incremental ticket export, with its sideloads. */
export async function fetchTicketExportPage(
  client: ZendeskClient,
  from: { cursor: string } | { startTime: number },
  perPage = MAX_EXPORT_PAGE,
): Promise<TicketExportPage> {
  const query = {
    ...("cursor" in from ? { cursor: from.cursor } : { start_time: safeStartTime(from.startTime) }),
    per_page: Math.min(perPage, MAX_EXPORT_PAGE),
    support_type_scope: "all",
    include: "users,groups,organizations,metric_sets",
  };
  const page = await client.get("/api/v2/incremental/tickets/cursor.json", query, ticketExportPageSchema, {
    kind: "export",
    shrink: shrinkPerPage,
  });
  const tickets = parseItems(page.tickets, ticketSchema);
  const users = parseItems(page.users, userSchema);
  const groups = parseItems(page.groups, groupSchema);
  const organizations = parseItems(page.organizations, organizationSchema);
  const metricSets = parseItems(page.metric_sets, metricSetSchema);
  return {
    tickets: tickets.items,
    users: users.items,
    groups: groups.items,
    organizations: organizations.items,
    metricSets: metricSets.items,
    afterCursor: page.after_cursor || paramOf(page.after_url, "cursor"),
    // Without the flag, a page with no way on (no cursor, or nothing in it) is the end.
    endOfStream: page.end_of_stream ?? (!page.after_cursor || (page.tickets ?? []).length === 0),
    bad: tickets.bad + users.bad + groups.bad + organizations.bad + metricSets.bad,
  };
}

export type UserExportPage = { users: ZendeskUser[]; afterCursor: string | null; endOfStream: boolean; bad: number };

/** One page of the cursor-based incremental user export: renamed people, new agents, changed roles. */
export async function fetchUserExportPage(
  client: ZendeskClient,
  from: { cursor: string } | { startTime: number },
  perPage = MAX_EXPORT_PAGE,
): Promise<UserExportPage> {
  const query = {
    ...("cursor" in from ? { cursor: from.cursor } : { start_time: safeStartTime(from.startTime) }),
    per_page: Math.min(perPage, MAX_EXPORT_PAGE),
  };
  const page = await client.get("/api/v2/incremental/users/cursor.json", query, userExportPageSchema, { kind: "export", shrink: shrinkPerPage });
  const users = parseItems(page.users, userSchema);
  const afterCursor = page.after_cursor || paramOf(page.after_url, "cursor");
  return {
    users: users.items,
    afterCursor,
    endOfStream: page.end_of_stream ?? (!afterCursor || (page.users ?? []).length === 0),
    bad: users.bad,
  };
}

export type OrganizationExportPage = { organizations: ZendeskOrganization[]; nextStartTime: number; endOfStream: boolean; bad: number };

/**
 * One page of the time-based incremental organization export (there is no cursor variant). Items of a
 * page's last second come again on the next page, as Zendesk documents; upserts make that harmless.
 */
export async function fetchOrganizationExportPage(client: ZendeskClient, startTime: number, perPage = MAX_EXPORT_PAGE): Promise<OrganizationExportPage> {
  const start = safeStartTime(startTime);
  const size = Math.min(perPage, MAX_EXPORT_PAGE);
  const page = await client.get(
    "/api/v2/incremental/organizations.json",
    { start_time: start, per_page: size },
    organizationExportPageSchema,
    { kind: "export", shrink: shrinkPerPage },
  );
  const organizations = parseItems(page.organizations, organizationSchema);
  const endOfStream = page.end_of_stream ?? (page.organizations ?? []).length < size;
  const lastChange = Math.max(start, ...organizations.items.map((o) => (o.updated_at ? Math.floor(Date.parse(o.updated_at) / 1000) : start)));
  const endTime = nextStartOf(page.next_page) ?? page.end_time ?? lastChange;
  // A full page whose items all share one second would return the same page forever.
  const nextStartTime = !endOfStream && endTime <= start ? start + 1 : Math.max(endTime, start);
  return { organizations: organizations.items, nextStartTime, endOfStream, bad: organizations.bad };
}

export type ChangedTickets = {
  tickets: Ticket[];
  users: ZendeskUser[];
  groups: ZendeskGroup[];
  organizations: ZendeskOrganization[];
  metricSets: MetricSet[];
  /** Ids asked for that Zendesk did not return: deleted (or never there); the exports tell which. */
  missing: number[];
  bad: number;
};

/** What Show Many Tickets looks up in one request. */
export const SHOW_MANY_MAX = 100;
const TICKET_SIDELOADS = "users,groups,organizations,metric_sets";

function changedTickets(
  body: { users?: unknown[] | null; groups?: unknown[] | null; organizations?: unknown[] | null; metric_sets?: unknown[] | null },
  ticketItems: unknown[],
  ids: number[],
): ChangedTickets {
  const tickets = parseItems(ticketItems, ticketSchema);
  const users = parseItems(body.users, userSchema);
  const groups = parseItems(body.groups, groupSchema);
  const organizations = parseItems(body.organizations, organizationSchema);
  const metricSets = parseItems(body.metric_sets, metricSetSchema);
  const returned = new Set(tickets.items.map((t) => t.id));
  return {
    tickets: tickets.items,
    users: users.items,
    groups: groups.items,
    organizations: organizations.items,
    metricSets: metricSets.items,
    missing: ids.filter((id) => !returned.has(id)),
    bad: tickets.bad + users.bad + groups.bad + organizations.bad + metricSets.bad,
  };
}

/**
 * Tickets by id through the ordinary API (not the exports, whose budget stays for the catch-up sync),
 * with the sideloads the export carries: Show Ticket for one, Show Many Tickets for up to 100.
 */
export async function fetchTicketsById(client: ZendeskClient, ids: number[]): Promise<ChangedTickets> {
  if (ids.length === 0 || ids.length > SHOW_MANY_MAX) throw new RangeError(`between 1 and ${SHOW_MANY_MAX} ticket ids, not ${ids.length}`);
  if (ids.length === 1) {
    try {
      const body = await client.get(`/api/v2/tickets/${ids[0]}.json`, { include: TICKET_SIDELOADS }, showTicketSchema);
      return changedTickets(body, body.ticket === undefined || body.ticket === null ? [] : [body.ticket], ids);
    } catch (error) {
      if (error instanceof ZendeskNotFoundError) return changedTickets({}, [], ids);
      throw error;
    }
  }
  const body = await client.get("/api/v2/tickets/show_many.json", { ids: ids.join(","), include: TICKET_SIDELOADS }, showManyTicketsSchema);
  return changedTickets(body, body.tickets ?? [], ids);
}

type EventComment = Comment & { ticket_id: number };

/** A comment made internal (or public again) after it was written. */
type PrivacyChange = { comment_id: number; public: boolean };

export type TicketEventPage = { comments: EventComment[]; privacyChanges: PrivacyChange[]; nextStartTime: number; endOfStream: boolean; bad: number };

/** One page of the time-based ticket event export, reduced to its comment events. */
export async function fetchTicketEventPage(client: ZendeskClient, startTime: number, perPage = MAX_EXPORT_PAGE): Promise<TicketEventPage> {
  const start = safeStartTime(startTime);
  const page = await client.get(
    "/api/v2/incremental/ticket_events.json",
    { start_time: start, include: "comment_events", per_page: Math.min(perPage, MAX_EXPORT_PAGE) },
    ticketEventPageSchema,
    { kind: "export", shrink: shrinkPerPage },
  );
  const events = parseItems(page.ticket_events, ticketEventSchema);
  let bad = events.bad;
  const comments: EventComment[] = [];
  // Last change per comment, in event order.
  const privacy = new Map<number, PrivacyChange>();
  for (const event of events.items) {
    for (const child of event.child_events ?? []) {
      if (eventTypeOf(child) === "CommentPrivacyChange") {
        const change = privacyChangeSchema.safeParse(child);
        if (change.success) privacy.set(change.data.comment_id, { comment_id: change.data.comment_id, public: change.data.public });
        else bad++;
        continue;
      }
      if (!isComment(child)) continue;
      const parsed = commentSchema.safeParse(child);
      if (!parsed.success) {
        bad++;
        continue;
      }
      const comment: EventComment = { ...parsed.data, created_at: parsed.data.created_at ?? event.created_at, ticket_id: event.ticket_id };
      delete (comment as { event_type?: string }).event_type;
      comments.push(comment);
    }
  }
  // Without the flag: Zendesk gives a next_page even at the end, so a short page is the end too.
  const endOfStream = page.end_of_stream ?? (!page.next_page || (page.ticket_events ?? []).length < Math.min(perPage, MAX_EXPORT_PAGE));
  // The next request is the one next_page names; end_time says the same, the last event's time is a fallback.
  const endTime = nextStartOf(page.next_page) ?? page.end_time ?? Math.max(start, ...events.items.map((e) => e.timestamp ?? start));
  // A full page whose events all share one second would return the same page forever.
  const nextStartTime = !endOfStream && endTime <= start ? start + 1 : Math.max(endTime, start);
  return { comments, privacyChanges: [...privacy.values()], nextStartTime, endOfStream, bad };
}

/** A query parameter of a next-page link, whatever host it names. */
function paramOf(link: string | null | undefined, name: string): string | null {
  if (!link) return null;
  try {
    return new URL(link, "http://localhost").searchParams.get(name) || null;
  } catch {
    return null;
  }
}

/** start_time of a next_page link. */
function nextStartOf(link: string | null | undefined): number | null {
  const value = paramOf(link, "start_time");
  const n = value === null || value.trim() === "" ? Number.NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

const COMMENT_TYPES = new Set(["Comment", "VoiceComment"]);

/** Child events carry `event_type` (and `type`), e.g. Comment, VoiceComment for calls, CommentPrivacyChange. */
function eventTypeOf(child: unknown): string | undefined {
  if (typeof child !== "object" || child === null) return undefined;
  const { event_type: eventType, type } = child as { event_type?: unknown; type?: unknown };
  const value = eventType ?? type;
  return value === undefined || value === null ? undefined : String(value);
}

function isComment(child: unknown): boolean {
  return COMMENT_TYPES.has(eventTypeOf(child) ?? "");
}

/**
 * Where a list endpoint's next page is: `links.next` (or the after cursor) under cursor pagination,
 * `next_page` when the server answered with offset pagination instead; null on the last page.
 */
function nextPage(
  page: { meta?: { has_more?: boolean | null; after_cursor?: string | null } | null; links?: { next?: string | null } | null; next_page?: string | null },
  path: string,
  size: number,
): string | null {
  const hasMore = page.meta?.has_more;
  if (hasMore === false) return null;
  if (hasMore) {
    if (page.links?.next) return page.links.next;
    if (page.meta?.after_cursor) return `${path}?page[size]=${size}&page[after]=${encodeURIComponent(page.meta.after_cursor)}`;
    return null;
  }
  return page.next_page || page.links?.next || null;
}

export type CommentPage = { comments: Comment[]; next: string | null; bad: number };

/** One page of a ticket's comments (at most 100); `next` (a link to pass back) is null on the last. */
export async function fetchTicketCommentsPage(client: ZendeskClient, ticketId: number, next?: string | null): Promise<CommentPage> {
  const path = `/api/v2/tickets/${ticketId}/comments.json`;
  const page = await client.get(next ?? path, next ? {} : { "page[size]": 100 }, commentPageSchema);
  const comments = parseItems(page.comments, commentSchema);
  return { comments: comments.items, next: nextPage(page, path, 100), bad: comments.bad };
}

/** A list that keeps pointing at pages already read would never end. */
const MAX_LIST_PAGES = 1_000;

/** Every comment of one ticket, one request per 100; ZendeskNotFoundError when the ticket is gone. */
export async function fetchTicketComments(client: ZendeskClient, ticketId: number): Promise<{ comments: Comment[]; bad: number }> {
  const comments: Comment[] = [];
  let bad = 0;
  const seen = new Set<string>();
  let next: string | null = null;
  for (let pages = 0; pages < MAX_LIST_PAGES; pages++) {
    const page: CommentPage = await fetchTicketCommentsPage(client, ticketId, next);
    comments.push(...page.comments);
    bad += page.bad;
    next = page.next;
    if (!next || seen.has(next)) break;
    seen.add(next);
  }
  return { comments, bad };
}

/** Every ticket field definition (usually one page). */
export async function fetchTicketFields(client: ZendeskClient): Promise<{ fields: TicketField[]; bad: number }> {
  const path = "/api/v2/ticket_fields.json";
  const fields: TicketField[] = [];
  const seen = new Set<string>();
  let bad = 0;
  let next: string | null = null;
  for (let pages = 0; pages < MAX_LIST_PAGES; pages++) {
    const page = await client.get(next ?? path, next ? {} : { "page[size]": 100 }, ticketFieldPageSchema);
    const parsed = parseItems(page.ticket_fields, ticketFieldSchema);
    fields.push(...parsed.items);
    bad += parsed.bad;
    next = nextPage(page, path, 100);
    if (!next || seen.has(next)) break;
    seen.add(next);
  }
  return { fields, bad };
}
