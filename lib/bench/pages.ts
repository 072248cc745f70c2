// `npm run bench:pages [-- --tickets 250000 --iterations 60 --http]`: fills a throwaway embedded PostgreSQL
// with generated tickets (one generate_series INSERT, seconds not minutes) and reports the p50/p95
// server time of the data calls behind the tickets page (with custom-field filters) and the charts page,
// made exactly as the pages make them (lib/data, in parallel where the page runs them in parallel);
// with --http also the whole pages through `next start` (lib/bench/http-pages.ts).
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startHttpApp } from "@/lib/bench/http-pages";
import { countActiveDesks, getBacklogPerDay, getCounts, getCreatedSolvedPerDay, getDurations, type ChartFilter } from "@/lib/data/charts";
import { searchTickets } from "@/lib/data/ticket-search";
import { getTicketFilterOptions } from "@/lib/data/tickets";
import { db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { prepareRuntime } from "@/lib/runtime";
import { freePort } from "@/lib/testing/net";
import { parseTicketSearch } from "@/lib/validations/ticket-search";

const { values } = parseArgs({
  options: { tickets: { type: "string", default: "250000" }, iterations: { type: "string", default: "60" }, http: { type: "boolean", default: false } },
});
const TICKETS = Number(values.tickets);
const ITERATIONS = Number(values.iterations);
const WARMUP = 5;

async function fill(): Promise<void> {
  const prisma = db();
  await prisma.$executeRaw`
    INSERT INTO desks (domain, base_url, email, token_ciphertext)
    VALUES ('bench-a.zendesk.com', 'https://bench-a.zendesk.com', 'a@example.com', 'x'),
           ('bench-b.zendesk.com', 'https://bench-b.zendesk.com', 'b@example.com', 'x')`;
  // The same titles on both desks under different ids, as two real accounts would have them.
  await prisma.$executeRaw`
    INSERT INTO zendesk_ticket_fields (desk_id, domain, zendesk_id, title, type, options, raw_data)
    SELECT d.id, d.domain, f.base + (d.id * 1000), f.title, f.type, f.options::jsonb, '{}'::jsonb
    FROM desks d CROSS JOIN (VALUES
      (101, 'Product', 'tagger', '[{"name":"Alpha","value":"alpha"},{"name":"Beta","value":"beta"},{"name":"Gamma","value":"gamma"}]'),
      (102, 'Order number', 'integer', '[]'),
      (103, 'VIP', 'checkbox', '[]'),
      (104, 'Notes', 'textarea', '[]')) AS f(base, title, type, options)`;
  await prisma.$executeRaw`
    INSERT INTO zendesk_users (desk_id, domain, zendesk_id, name, role, raw_data)
    SELECT d.id, d.domain, 5000 + a, 'Agent ' || a, 'agent', '{}'::jsonb FROM desks d, generate_series(0, 19) a`;
  const started = Date.now();
  await prisma.$executeRaw`
    INSERT INTO zendesk_tickets (desk_id, domain, zendesk_id, subject, description, status, priority, ticket_type, via, tags,
      current_tags, assignee_id, assignee_name, group_id, group_name, organization_id, organization_name, req_name,
      created_at, updated_at, solved_at, first_reply_time_in_minutes, full_resolution_time_in_minutes,
      satisfaction_score, custom_fields, raw_data)
    SELECT d.id, d.domain, g,
      'Subject ' || g || ' ' || (ARRAY['printer','invoice','login','crash','refund'])[1 + g % 5],
      'Description of ticket ' || g,
      s.status,
      (ARRAY['low','normal','high','urgent',NULL])[1 + g % 5],
      (ARRAY['question','incident','problem','task'])[1 + g % 4],
      (ARRAY['email','web','api','chat'])[1 + g % 4],
      ARRAY[(ARRAY['billing','vip','bug'])[1 + g % 3]],
      (ARRAY['billing','vip','bug'])[1 + g % 3],
      5000 + g % 20, 'Agent ' || g % 20, 7000 + g % 4, 'Group ' || g % 4, 9000 + g % 50, 'Org ' || g % 50, 'Requester ' || g % 997,
      c.created, c.created + interval '1 hour',
      CASE WHEN s.status IN ('solved','closed') THEN c.created + (g % 500) * interval '1 hour' END,
      10 + g % 600,
      CASE WHEN s.status IN ('solved','closed') THEN 60 + g % 9000 END,
      (ARRAY['good','bad','unoffered','offered'])[1 + g % 4],
      jsonb_build_object(
        (101 + d.id * 1000)::text, (ARRAY['alpha','beta','gamma'])[1 + g % 3],
        (102 + d.id * 1000)::text, (g * 7919) % 100000,
        (103 + d.id * 1000)::text, g % 5 = 0,
        (104 + d.id * 1000)::text, 'note ' || (ARRAY['urgent callback','renewal','onboarding'])[1 + g % 3]),
      '{}'::jsonb
    FROM generate_series(1, ${TICKETS}::int) g
    JOIN desks d ON d.id = 1 + g % 2
    CROSS JOIN LATERAL (SELECT (ARRAY['new','open','pending','hold','solved','closed','closed','solved'])[1 + g % 8] AS status) s
    CROSS JOIN LATERAL (SELECT now() - ((${TICKETS}::int - g) * (365.0 * 86400 / ${TICKETS}::int)) * interval '1 second' AS created) c`;
  // As autovacuum leaves a settled table: statistics and the visibility map index-only scans need.
  await prisma.$executeRawUnsafe("VACUUM ANALYZE");
  console.log(`Generated ${TICKETS.toLocaleString("en-US")} tickets on 2 desks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  console.log(`${label.padEnd(58)} p50 ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms`);
}

const ticketsPage = (query: string) => () => Promise.all([searchTickets(parseTicketSearch(new URLSearchParams(query))), getTicketFilterOptions()]);

function chartsPage(filter: ChartFilter) {
  return () =>
    Promise.all([
      getTicketFilterOptions(),
      getCounts(filter),
      countActiveDesks(filter),
      getCreatedSolvedPerDay(filter),
      getBacklogPerDay(filter),
      getDurations(filter),
    ]);
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "zdc-bench-pages-"));
  await chmod(dir, 0o777);
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort() });
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    process.env.TOKEN_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    // Filling 250,000 rows is one long INSERT; the app's per-statement limit is not what is measured here.
    process.env.DB_STATEMENT_TIMEOUT_MS ??= "0";
    await prepareRuntime(() => {});
    await fill();
    const deep = await searchTickets(parseTicketSearch(new URLSearchParams("cf=Product::is::beta")));
    console.log(`${ITERATIONS} iterations after ${WARMUP} warm-up runs; times are the page's data calls, as the page makes them`);
    await measure("tickets: custom field Product = Beta", ticketsPage("cf=Product::is::beta"));
    await measure("tickets: VIP checked + status open", ticketsPage("cf=VIP::checked::true&status=open"));
    await measure("tickets: Product = Beta, page 2 (keyset cursor)", ticketsPage(`cf=Product::is::beta&after=${deep.next}`));
    await measure("tickets: Order number 1000..2000 + desk 1", ticketsPage("cf=Order%20number::range::1000..2000&desk=1"));
    await measure("tickets: Notes contains 'renewal' + priority high", ticketsPage("cf=Notes::contains::renewal&priority=high"));
    await measure("tickets: no filter", ticketsPage(""));
    const end = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    await measure("charts: all desks, all time (6 calls in parallel)", chartsPage({ desk: [] }));
    await measure("charts: desk 1, last 90 days", chartsPage({ desk: [1], from, to: end }));
    if (values.http) {
      const app = await startHttpApp({ DATABASE_URL: database.url, DATA_DIR: dir, AUTH_SECRET: randomBytes(32).toString("base64"), TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY });
      try {
        await measure("HTTP GET /tickets?cf=Product::is::beta (whole page)", () => app.get(`/tickets?cf=${encodeURIComponent("Product::is::beta")}`));
        await measure("HTTP GET /tickets?cf=VIP::checked::true&status=open", () => app.get(`/tickets?cf=${encodeURIComponent("VIP::checked::true")}&status=open`));
        await measure("HTTP GET /charts (whole page, all charts streamed)", () => app.get("/charts"));
      } finally {
        await app.stop();
      }
    }
    if (process.env.BENCH_BREAKDOWN) {
      const all: ChartFilter = { desk: [] };
      await measure("  charts query: counts by 6 dimensions + totals", () => getCounts(all));
      await measure("  charts query: created vs solved", () => getCreatedSolvedPerDay(all));
      await measure("  charts query: backlog", () => getBacklogPerDay(all));
      await measure("  charts query: durations", () => getDurations(all));
      await measure("  charts query: filter options", () => getTicketFilterOptions());
    }
  } finally {
    await db().$disconnect();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
