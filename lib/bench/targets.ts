// The benchmark's only door into the application: every call it measures or needs goes through here,
// so a refactoring of lib/ changes this file and nothing else in lib/bench. Modules load on first use,
// so the measured sync process holds only what `sync --once` holds.
import type { ChartFilter } from "@/lib/data/dashboard-scope";
import type { TicketPage } from "@/lib/data/ticket-search";
import type { SyncSummary } from "@/lib/sync/run";
import type { FakeAccount } from "@/lib/testing/fake-zendesk/factory";
import type { FakeZendesk, RateLimitOptions } from "@/lib/testing/fake-zendesk/server";

export type { ChartFilter, FakeAccount, FakeZendesk, RateLimitOptions, SyncSummary, TicketPage };

// ---- the sync (lib/sync/run) ----

/** `sync --once` for one desk: inline steps, no page limit. `liftExportLimit` for a fake without rate limits. */
export async function syncDeskOnce(deskId: number, options: { liftExportLimit: boolean }): Promise<SyncSummary> {
  const { syncDesk } = await import("@/lib/sync/run");
  return syncDesk(deskId, {
    steps: { run: (_id, fn) => fn(), sleep: (_id, ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))) },
    trigger: "cli",
    maxPages: Number.POSITIVE_INFINITY,
    tuning: options.liftExportLimit ? { exportLimitPerWindow: 1_000_000 } : undefined,
  });
}

// ---- the pages (lib/data) ----

async function search(query: string) {
  const [{ parseTicketSearch }, data] = await Promise.all([import("@/lib/validations/ticket-search"), import("@/lib/data/ticket-search")]);
  return { search: parseTicketSearch(new URLSearchParams(query)), data };
}

/** Who reads: an admin sees everything; a viewer sees desks that mask personal data masked. */
const ADMIN_READER = { role: "admin", timeZone: "UTC" };
const VIEWER_READER = { role: "viewer", timeZone: "UTC" };

/** The data calls of /tickets?<query>, made as the page makes them (in parallel). */
export async function ticketsPage(query: string, reader = ADMIN_READER): Promise<TicketPage> {
  const [{ search: parsed, data }, { getTicketFilterOptions }, { listSavedViews }] = await Promise.all([
    search(query),
    import("@/lib/data/tickets"),
    import("@/lib/data/saved-views"),
  ]);
  const [page] = await Promise.all([data.searchTickets(parsed, reader), getTicketFilterOptions(), listSavedViews("1")]);
  return page;
}

let masking: Promise<unknown> | undefined;

/**
 * A viewer's list with the requester's name and email as columns, on a database whose first desk
 * masks personal data (set once, through the same use case as `desk privacy --mask-pii`).
 */
export const maskedTicketsPage: ((query: string) => Promise<TicketPage>) | null = async (query) => {
  masking ??= Promise.all([import("@/lib/data/desks"), import("@/lib/desks")]).then(async ([{ listDesks }, { setDeskPrivacy }]) => {
    const [first] = (await listDesks()).sort((a, b) => a.id - b.id);
    if (first && !first.maskPii) await setDeskPrivacy({ actor: { kind: "cli" }, defer: () => {} }, first.id, true);
  });
  await masking;
  const columns = "cols=id,subject,status,priority,requester,requesterEmail,assignee,updated";
  return ticketsPage(query ? `${query}&${columns}` : columns, VIEWER_READER);
};

/** The WHERE clause the ticket search builds (alias `t`), as text with $n parameters, to count its matches. */
export async function ticketWhereSql(query: string): Promise<{ text: string; values: unknown[] }> {
  const { search: parsed, data } = await search(query);
  const { exact } = await data.ticketWhere(parsed, ADMIN_READER);
  return { text: `WHERE ${exact.text}`, values: exact.values };
}

/** Rows of the CSV export of /tickets?<query> (ticketBatches), stopping after `limit` rows. */
export async function exportRows(query: string, limit: number): Promise<number> {
  const { search: parsed, data } = await search(query);
  let rows = 0;
  for await (const batch of data.ticketBatches({ ...parsed, after: undefined, before: undefined }, ADMIN_READER)) {
    rows += batch.length;
    if (rows >= limit) break;
  }
  return rows;
}

/**
 * The data calls of /tickets/<Zendesk id>?desk=<desk>: the ticket and its comment thread, in parallel
 * as the page makes them. `id` is a row id (spread over the table); its Zendesk id and desk are looked
 * up first (one primary-key read, a fraction of a millisecond, inside the timing).
 */
export async function ticketPage(id: string): Promise<void> {
  const [{ getTicket, getTicketComments, getTicketRef }] = await Promise.all([import("@/lib/data/tickets")]);
  const row = await getTicketRef(id);
  if (!row) throw new Error(`ticket row ${id} not found`);
  const ref = { zendeskId: String(row.zendeskId), deskId: row.deskId };
  const [ticket] = await Promise.all([getTicket(ref, ADMIN_READER), getTicketComments(ref, ADMIN_READER)]);
  if (ticket.kind !== "found") throw new Error(`ticket ${id}: ${ticket.kind}`);
}

/** Each chart of /charts by the data call behind it; the seven count cards share one call. */
/** The charts page's calls, each with the scope resolution the page makes first (lib/data/dashboard-scope). */
export const CHARTS = {
  counts: { title: "counts (totals + 6 count charts)", run: (f: ChartFilter) => charts().then(async (c) => c.getCounts(await scopeOf(f))) },
  series: { title: "created, solved and unsolved", run: (f: ChartFilter) => charts().then(async (c) => c.getTicketSeries(await scopeOf(f))) },
  durations: { title: "reply and resolution times", run: (f: ChartFilter) => charts().then(async (c) => c.getDurations(await scopeOf(f))) },
} as const;
const scopeOf = (f: ChartFilter) => import("@/lib/data/dashboard-scope").then((s) => s.chartScopeOf(f));
const charts = () => import("@/lib/data/charts");

/** A viewer who can sign in to the app (the --http pages); kept from an earlier run of the same database. */
export async function createViewer(email: string, password: string): Promise<void> {
  const { createUser, listUsers } = await import("@/lib/data/users");
  if ((await listUsers()).some((user) => user.email === email)) return;
  await createUser({ email, password, role: "viewer" });
}

// ---- the database (lib/db) ----

export async function startEmbeddedPostgres(dataDir: string) {
  const [{ startEmbeddedPostgres: start }, { freePort }] = await Promise.all([import("@/lib/db/embedded"), import("@/lib/testing/net")]);
  return start({ dataDir, port: await freePort() });
}

export async function migrate(url: string): Promise<string[]> {
  const { migrate: run } = await import("@/lib/db/migrate");
  return run(url);
}

/** Points the app's data functions (this process) at a database. */
export async function switchDatabase(url: string): Promise<void> {
  const [{ setContext }, { parseEnv }] = await Promise.all([import("@/lib/context"), import("@/lib/env")]);
  setContext({ env: parseEnv({ ...process.env, DATABASE_URL: url }), databaseUrl: url });
}

// ---- the fake Zendesk (lib/testing/fake-zendesk) ----

export const freePort = () => import("@/lib/testing/net").then((m) => m.freePort());

/**
 * A fake Zendesk serving exactly `account` (its own generator is replaced: the benchmark's data model is
 * richer), with the comment events built the way the fake builds them from its own accounts.
 */
export async function startFakeZendesk(account: FakeAccount, rateLimit?: RateLimitOptions): Promise<FakeZendesk> {
  const { FakeZendesk } = await import("@/lib/testing/fake-zendesk/server");
  const fake = await FakeZendesk.start({ tickets: 0, rateLimit });
  const { state } = fake;
  Object.assign(state.account, account);
  state.byId.clear();
  for (const ticket of account.tickets) state.byId.set(ticket.id, ticket);
  state.order = [...account.tickets].sort((a, b) => a.generated_timestamp - b.generated_timestamp || a.id - b.id);
  const events: (typeof state.events)[number][] = [];
  for (const [ticketId, comments] of account.comments) {
    comments.forEach((comment, index) => {
      const timestamp = Date.parse(comment.created_at) / 1000;
      const children: Record<string, unknown>[] = [{ ...comment, event_type: "Comment" }];
      if (index === 0) children.push({ id: comment.id + 1_000_000_000_000, event_type: "Create", field_name: "status", value: "new" });
      events.push({ id: 0, ticket_id: ticketId, timestamp, created_at: comment.created_at, event_type: "Audit", updater_id: comment.author_id, child_events: children });
    });
  }
  events.sort((a, b) => a.timestamp - b.timestamp || a.ticket_id - b.ticket_id);
  state.events.length = 0;
  events.forEach((event, i) => {
    event.id = i + 1;
    state.events.push(event);
  });
  return fake;
}

/** A desk pointing at the fake, as `desk add` would make it (token encrypted with TOKEN_ENCRYPTION_KEY). */
export async function addDesk(fake: FakeZendesk, rateLimitShare: number): Promise<number> {
  const { addFakeDesk } = await import("@/lib/testing/fake-zendesk/desk");
  return (await addFakeDesk(fake, { rateLimitShare })).id;
}
