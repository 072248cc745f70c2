// The load benchmark: signed-in GET /tickets at 50 and 200 concurrent clients against `next start`
// (the current .next build) on a throwaway embedded PostgreSQL filled with generated tickets, reporting
// requests/s, p50/p95 and what was answered other than 200. `benchLoad()` is what the `npm run bench`
// table calls; `npx tsx --conditions=react-server lib/bench/load.ts` runs it alone.
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BenchContext, PartResult } from "@/lib/bench/context";
import { startHttpApp } from "@/lib/bench/http-pages";
import { int, type Row } from "@/lib/bench/report";
import { allowLongStatements, db } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { prepareRuntime } from "@/lib/runtime";
import { freePort } from "@/lib/testing/net";

export type LoadResult = {
  concurrency: number;
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  statuses: Record<string, number>;
  /** The app process's CPU time per request (what bounds one process's requests/s), when known. */
  cpuMsPerRequest?: number;
};

export type LoadOptions = { tickets?: number; concurrency?: number[]; requestsPerClient?: number; path?: string; env?: Record<string, string> };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** `concurrency` clients, each sending `perClient` requests one after the other. */
export async function runLoad(get: (path: string) => Promise<number>, path: string, concurrency: number, perClient: number): Promise<LoadResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t0 = performance.now();
        const status = await get(path).catch(() => 0);
        times.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { concurrency, requests: times.length, seconds, rps: times.length / seconds, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), statuses };
}

async function fill(tickets: number): Promise<void> {
  await db().$transaction(
    async (tx) => {
      await allowLongStatements(tx);
      await tx.$executeRaw`INSERT INTO desks (domain, base_url, email, token_ciphertext) VALUES ('load.zendesk.com', 'https://load.zendesk.com', 'a@b.c', 'v1.x.y.z')`;
      await tx.$executeRaw`
        INSERT INTO zendesk_tickets (desk_id, domain, zendesk_id, subject, description, status, priority, assignee_name, group_name, created_at, updated_at, raw_data)
        SELECT d.id, d.domain, g, 'Ticket ' || g || ' about invoices', 'Customer writes about order ' || g,
               (ARRAY['new','open','pending','hold','solved','closed'])[1 + g % 6], (ARRAY['low','normal','high','urgent'])[1 + g % 4],
               'Agent ' || (g % 20), 'Group ' || (g % 5),
               timestamptz '2024-01-01' + g * interval '3 minutes', timestamptz '2024-01-01' + g * interval '4 minutes', '{}'::jsonb
        FROM desks d, generate_series(1, ${tickets}::int) g`;
      await tx.$executeRaw`ANALYZE zendesk_tickets`;
    },
    { timeout: 600_000 },
  );
}

export async function benchLoad(options: LoadOptions = {}): Promise<LoadResult[]> {
  const { tickets = 100_000, concurrency = [50, 200], requestsPerClient = 5, path: target = "/tickets" } = options;
  const dir = await mkdtemp(path.join(tmpdir(), "zdc-bench-load-"));
  await chmod(dir, 0o777);
  const database = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await freePort() });
  try {
    await migrate(database.url);
    process.env.DATABASE_URL = database.url;
    process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
    await prepareRuntime(() => {});
    await fill(tickets);
    const app = await startHttpApp({ DATABASE_URL: database.url, DATA_DIR: dir, AUTH_SECRET: randomBytes(32).toString("base64"), TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY, ...options.env });
    try {
      // Warm-up: compiled routes, pool connections, and the JIT (the first hundred requests cost more).
      await runLoad(app.status, target, 5, 20);
      const results: LoadResult[] = [];
      for (const clients of concurrency) {
        const cpuBefore = app.cpuMs();
        const result = await runLoad(app.status, target, clients, requestsPerClient);
        const cpuAfter = app.cpuMs();
        results.push(cpuBefore === null || cpuAfter === null ? result : { ...result, cpuMsPerRequest: (cpuAfter - cpuBefore) / result.requests });
      }
      return results;
    } finally {
      await app.stop();
    }
  } finally {
    await db().$disconnect();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export const LOAD_TICKETS = 100_000;
const LOAD_CLIENTS = [50, 200];
const P95_TARGET_MS = 2_000;

/** The `npm run bench` part: needs --http (a `next build`), else its rows say so. */
export async function runLoadPart(ctx: BenchContext): Promise<PartResult> {
  const tickets = ctx.tickets ?? LOAD_TICKETS;
  const results = ctx.http ? await benchLoad({ tickets, concurrency: LOAD_CLIENTS, env: ctx.env }) : null;
  const rows: Row[] = LOAD_CLIENTS.map((clients) => {
    const r = results?.find((x) => x.concurrency === clients) ?? null;
    return {
      id: `load.tickets.${clients}`,
      part: "load",
      label: `GET /tickets signed in, ${clients} concurrent clients (req/s, p50 / p95, answers, app CPU per request)`,
      figures: r && { rps: r.rps, p50: r.p50Ms, p95: r.p95Ms, failed: r.requests - (r.statuses["200"] ?? 0), ...(r.cpuMsPerRequest === undefined ? {} : { cpu: r.cpuMsPerRequest }) },
      show: (f) => `${f.rps!.toFixed(1)} req/s, ${int(f.p50!)} / ${int(f.p95!)} ms, ${int(f.failed!)} not 200${f.cpu === undefined ? "" : `, ${int(f.cpu)} ms CPU`}`,
      missing: "n/a (run with --http after `npx next build`)",
      target: `p95 < ${int(P95_TARGET_MS)} ms, every answer 200`,
      pass: r === null ? null : r.p95Ms < P95_TARGET_MS && (r.statuses["200"] ?? 0) === r.requests,
    };
  });
  return { rows, size: tickets, details: { results } };
}

export function formatLoad(results: LoadResult[]): string[] {
  return [
    "clients  requests  req/s  p50 ms  p95 ms  CPU ms/req  answers",
    ...results.map((r) =>
      [
        String(r.concurrency).padEnd(7),
        String(r.requests).padEnd(8),
        r.rps.toFixed(1).padEnd(5),
        Math.round(r.p50Ms).toString().padEnd(6),
        Math.round(r.p95Ms).toString().padEnd(6),
        (r.cpuMsPerRequest === undefined ? "n/a" : Math.round(r.cpuMsPerRequest).toString()).padEnd(10),
        Object.entries(r.statuses).map(([s, n]) => `${n}×${s}`).join(" "),
      ].join("  "),
    ),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tickets = Number(process.env.BENCH_TICKETS ?? 100_000);
  const env = process.env.BENCH_EXPENSIVE_CONCURRENCY ? { EXPENSIVE_CONCURRENCY: process.env.BENCH_EXPENSIVE_CONCURRENCY } : undefined;
  console.log(`GET /tickets, signed in, ${tickets.toLocaleString("en-US")} tickets, 5 requests per client`);
  for (const line of formatLoad(await benchLoad({ tickets, env }))) console.log(line);
  process.exit(0);
}
