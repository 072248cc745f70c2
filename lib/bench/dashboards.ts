// `npx tsx --conditions=react-server lib/bench/dashboards.ts [--tickets 250000] [--iterations 30] [--dir DIR]`
// p50/p95 of the dashboards' data calls (overview, every chart, agents, SLA, satisfaction, desks list)
// on generated tickets: three desks of 60/30/10 % over three years, volume growing, skewed agents,
// status by age, 0.4 % deleted. Calls are made as the pages make them (the page's own scope resolution
// included). With --dir the filled database is kept and reused (a 2,000,000-ticket fill takes minutes;
// it loads with the rollup triggers off and recounts with ticket_rollups_rebuild(), as an upgrade's
// migration does). Also: what the triggers add to a sync page's write (1,000 changed tickets).
import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { listAgentStats } from "@/lib/data/agents";
import { getCounts, getDurations, getTicketSeries } from "@/lib/data/charts";
import { dashboardScope } from "@/lib/data/dashboard-scope";
import { listDeskStatuses, listDeskSyncStates } from "@/lib/data/desk-status";
import { getOverview } from "@/lib/data/overview";
import { getSatisfactionReport } from "@/lib/data/satisfaction";
import { getSlaReport } from "@/lib/data/sla";
import { db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { prepareRuntime } from "@/lib/runtime";
import { freePort } from "@/lib/testing/net";

const { values } = parseArgs({
  options: {
    tickets: { type: "string", default: "250000" },
    iterations: { type: "string", default: "30" },
    dir: { type: "string" },
    port: { type: "string" },
    /** Only the rollup-backed pages (charts, overview): the target at 2,000,000 tickets. */
    "charts-only": { type: "boolean", default: false },
  },
});
const TICKETS = Number(values.tickets);
const ITERATIONS = Number(values.iterations);
const WARMUP = 3;
const CHUNK = 200_000;

async function fill(): Promise<void> {
  const prisma = db();
  await prisma.$executeRaw`
    INSERT INTO desks (domain, base_url, name, email, token_ciphertext, last_caught_up_at, last_success_at)
    VALUES ('acme.zendesk.com', 'https://acme.zendesk.com', 'Acme Support', 'a@example.com', 'x', now(), now()),
           ('globex.zendesk.com', 'https://globex.zendesk.com', 'Globex Help', 'b@example.com', 'x', now(), now()),
           ('initech.zendesk.com', 'https://initech.zendesk.com', 'Initech IT', 'c@example.com', 'x', now(), now())`;
  await prisma.$executeRaw`
    INSERT INTO zendesk_users (desk_id, domain, zendesk_id, name, role, raw_data)
    SELECT d.id, d.domain, d.id * 1000 + a, 'Agent ' || d.id || '-' || a, 'agent', '{}'::jsonb
    FROM desks d CROSS JOIN LATERAL generate_series(0, (ARRAY[47, 23, 9])[d.id]) a`;
  await prisma.$executeRaw`
    INSERT INTO zendesk_groups (desk_id, domain, zendesk_id, name, raw_data)
    SELECT d.id, d.domain, d.id * 100 + k, 'Group ' || d.id || '-' || k, '{}'::jsonb
    FROM desks d CROSS JOIN LATERAL generate_series(0, (ARRAY[7, 5, 2])[d.id]) k`;
  const started = Date.now();
  // A bulk load: the rollup triggers off, one recount at the end (as an upgrade's migration does).
  await prisma.$executeRawUnsafe("ALTER TABLE zendesk_tickets DISABLE TRIGGER USER");
  for (let lo = 1; lo <= TICKETS; lo += CHUNK) {
    const hi = Math.min(TICKETS, lo + CHUNK - 1);
    await prisma.$executeRaw`
      INSERT INTO zendesk_tickets (desk_id, domain, zendesk_id, subject, status, priority, ticket_type, via, tags, current_tags,
        assignee_id, assignee_name, group_id, group_name, req_name, created_at, updated_at, solved_at,
        first_reply_time_in_minutes, full_resolution_time_in_minutes, reopens, satisfaction_score, deleted_at, raw_data)
      SELECT d.id, d.domain, g, 'Subject ' || g, s.status,
        (ARRAY['low', 'normal', 'normal', 'normal', 'high', 'urgent', NULL])[1 + g % 7],
        (ARRAY['question', 'incident', 'problem', 'task'])[1 + g % 4],
        (ARRAY['email', 'email', 'web', 'web', 'chat', 'api', 'voice', 'mobile'])[1 + g % 8],
        ARRAY[(ARRAY['billing', 'vip', 'bug'])[1 + g % 3]], (ARRAY['billing', 'vip', 'bug'])[1 + g % 3],
        CASE WHEN g % 20 = 0 THEN NULL ELSE d.id * 1000 + a.agent END,
        CASE WHEN g % 20 = 0 THEN NULL ELSE 'Agent ' || d.id || '-' || a.agent END,
        d.id * 100 + a.agent % (ARRAY[8, 6, 3])[d.id], 'Group ' || d.id || '-' || a.agent % (ARRAY[8, 6, 3])[d.id],
        'Requester ' || g % 9973,
        c.created, c.created + interval '1 hour',
        CASE WHEN s.status IN ('solved', 'closed') THEN c.created + m.resolution * interval '1 minute' END,
        m.reply,
        CASE WHEN s.status IN ('solved', 'closed') THEN m.resolution END,
        CASE WHEN g % 7 = 0 THEN 1 ELSE 0 END,
        CASE WHEN s.status NOT IN ('solved', 'closed') THEN 'unoffered' WHEN r.r3 < 0.6 THEN 'unoffered' WHEN r.r3 < 0.73 THEN 'offered'
             WHEN r.r3 < 0.95 THEN 'good' ELSE 'bad' END,
        CASE WHEN s.status = 'deleted' THEN now() END,
        '{}'::jsonb
      FROM generate_series(${lo}::int, ${hi}::int) g
      JOIN desks d ON d.id = CASE WHEN g % 10 < 6 THEN 1 WHEN g % 10 < 9 THEN 2 ELSE 3 END
      CROSS JOIN LATERAL (SELECT ((g::bigint * 2654435761) % 4294967296)::float8 / 4294967296 AS r1,
                                 ((g::bigint * 40503 + 12345) % 65536)::float8 / 65536 AS r2,
                                 ((g::bigint * 7919 + 17) % 10007)::float8 / 10007 AS r3) r
      CROSS JOIN LATERAL (SELECT floor((ARRAY[48, 24, 10])[d.id] * r.r1 * r.r1)::int AS agent) a
      CROSS JOIN LATERAL (SELECT now() - interval '1095 days' * (1 - sqrt(g::float8 / ${TICKETS}::int)) AS created) c
      CROSS JOIN LATERAL (SELECT round(5 * exp(r.r2 * 6))::int AS reply, round(30 * exp(r.r3 * 7))::int AS resolution) m
      CROSS JOIN LATERAL (SELECT CASE
        WHEN g % 250 = 0 THEN 'deleted'
        WHEN now() - c.created < interval '3 days' THEN (ARRAY['new', 'open', 'pending', 'hold', 'solved'])[1 + g % 5]
        WHEN now() - c.created < interval '30 days' THEN (ARRAY['open', 'pending', 'hold', 'solved', 'closed', 'solved', 'closed', 'closed'])[1 + g % 8]
        WHEN g % 100 < 2 THEN 'open' ELSE 'closed' END AS status) s`;
    process.stdout.write(`\r  ${hi.toLocaleString("en-US")} tickets`);
  }
  await prisma.$executeRawUnsafe("ALTER TABLE zendesk_tickets ENABLE TRIGGER USER");
  const inserted = Date.now();
  await prisma.$executeRaw`SELECT ticket_rollups_rebuild()`;
  await prisma.$executeRawUnsafe("VACUUM ANALYZE");
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
  console.log(`\rGenerated ${TICKETS.toLocaleString("en-US")} tickets on 3 desks in ${seconds(started, inserted)} s; rollups rebuilt and vacuumed in ${seconds(inserted, Date.now())} s`);
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
  console.log(`${label.padEnd(64)} p50 ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms`);
}

/** What a page resolves first: its filter, period and the desks to choose from. */
async function scope(query: string) {
  const { filter, result } = await dashboardScope(new URLSearchParams(query), "30d");
  if (!result.ok) throw new Error(result.error);
  return { desk: filter.desk, period: result.period };
}

class Rollback extends Error {}

/** A sync page's write: 1,000 tickets whose status changed, in one statement; rolled back after. */
async function writeOverhead(): Promise<void> {
  for (const triggers of [true, false]) {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      await db()
        .$transaction(async (tx) => {
          if (!triggers) await tx.$executeRawUnsafe("ALTER TABLE zendesk_tickets DISABLE TRIGGER USER");
          const start = performance.now();
          await tx.$executeRaw`
            UPDATE zendesk_tickets SET status = CASE WHEN status = 'open' THEN 'pending' ELSE 'open' END, updated_at = updated_at + interval '1 second'
            WHERE id IN (SELECT id FROM zendesk_tickets WHERE desk_id = 1 ORDER BY id DESC LIMIT 1000)`;
          if (i >= WARMUP) times.push(performance.now() - start);
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    const label = triggers ? "write: 1,000 tickets change status (rollup triggers on)" : "write: the same with the triggers off (comparison)";
    console.log(`${label.padEnd(64)} p50 ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms`);
  }
}

async function main() {
  const dir = values.dir ?? (await mkdtemp(path.join(tmpdir(), "zdc-bench-dashboards-")));
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o777);
  const fresh = !existsSync(path.join(dir, "pg", "PG_VERSION"));
  const port = values.port ? Number(values.port) : await freePort();
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port });
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    process.env.TOKEN_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    // The fill's statements take minutes; a page's 5 s limit (the default) would cancel them.
    process.env.DB_STATEMENT_TIMEOUT_MS ??= "0";
    await prepareRuntime(() => {});
    if (fresh) await fill();
    const [row] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM zendesk_tickets`;
    const n = row?.n ?? 0n;
    console.log(`${Number(n).toLocaleString("en-US")} tickets; ${ITERATIONS} iterations after ${WARMUP} warm-up runs; each line is what the page waits for`);
    for (const [label, query] of [
      ["all desks, 90 days", "range=90d"],
      ["all desks, all time", "range=all"],
      ["one desk, 90 days", "desk=1&range=90d"],
      ["one desk, all time", "desk=1&range=all"],
      ["all desks, 0001-01-01..9999-12-31", "range=custom&from=0001-01-01&to=9999-12-31"],
    ] as const) {
      await measure(`charts ${label}: counts (7 breakdowns)`, async () => getCounts(await scope(query)));
      await measure(`charts ${label}: created/solved/unsolved series`, async () => getTicketSeries(await scope(query)));
      await measure(`charts ${label}: reply and resolution medians`, async () => getDurations(await scope(query)));
      await measure(`overview ${label}: KPIs, desk health, series`, async () => {
        const [s] = await Promise.all([scope(query), listDeskSyncStates()]);
        await Promise.all([getOverview(s), getTicketSeries(s)]);
      });
      if (values["charts-only"]) continue;
      await measure(`agents ${label}`, async () => {
        const s = await scope(query);
        await listAgentStats(s.period, s.desk);
      });
      await measure(`SLA ${label}`, async () => getSlaReport(await scope(query)));
      await measure(`satisfaction ${label}`, async () => getSatisfactionReport(await scope(query)));
    }
    await measure("desks list (live tickets per desk)", () => listDeskStatuses());
    if (!values["charts-only"]) await writeOverhead();
  } finally {
    await database.stop();
    if (!values.dir) await rm(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
