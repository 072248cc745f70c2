// The ingest and pages parts end to end at a tiny size (the sync child process, the COPY ceiling, the
// per-row loop; the generated pages database and every timed query) against the current schema, so a
// migration or a runtime change that breaks `npm run bench` fails here instead of on the next person
// who measures.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import type { BenchContext } from "@/lib/bench/context";
import { withClient } from "@/lib/bench/database";
import { runIngest } from "@/lib/bench/ingest";
import { runPages } from "@/lib/bench/pages";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

let database: TestDatabase;
let outputDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // The part points this process at its own database through the environment, as `npm run bench` does.
  vi.stubEnv("TOKEN_ENCRYPTION_KEY", database.childEnv.TOKEN_ENCRYPTION_KEY!);
  vi.stubEnv("AUTH_SECRET", database.childEnv.AUTH_SECRET!);
  outputDir = await mkdtemp(path.join(tmpdir(), "zdc-bench-"));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await database?.drop();
  if (outputDir) await rm(outputDir, { recursive: true, force: true });
});

function context(tickets: number): BenchContext {
  const admin = new URL(inject("pgAdminUrl"));
  return {
    server: {
      description: "test",
      urlOf: (name) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString(),
      stop: async () => {},
    },
    outputDir,
    tickets,
    iterations: 1,
    warmup: 0,
    http: false,
    regenerate: false,
    env: database.childEnv,
    log: () => {},
  };
}

it("ingest: syncs, copies and loops over the same tickets and reports each figure", async () => {
  const result = await runIngest(context(40));

  expect(result.rows.map((r) => r.id)).toEqual(["ingest.pipeline", "ingest.vs-loop", "ingest.rss"]);
  const details = result.details as { full: { summary: { tickets: number; comments: number } }; copyRate: number; loopRate: number };
  expect(details.full.summary.tickets).toBe(40);
  expect(details.full.summary.comments).toBeGreaterThan(40);
  expect(details.copyRate).toBeGreaterThan(0);
  expect(details.loopRate).toBeGreaterThan(0);
  for (const row of result.rows) for (const value of Object.values(row.figures ?? { missing: NaN })) expect(Number.isFinite(value)).toBe(true);
}, 120_000);

it("pages: generates the database and times every view, chart, the ticket page and the export", async () => {
  const ctx = context(300);
  try {
    const result = await runPages(ctx);
    expect(result.rows.length).toBeGreaterThan(20);
    for (const row of result.rows) for (const value of Object.values(row.figures ?? { missing: NaN })) expect(Number.isFinite(value)).toBe(true);
    const counts = await withClient(ctx.server.urlOf("zdc_bench_pages_300"), async (client) =>
      (await client.query<{ tickets: number; values: number; rollups: number }>(
        `SELECT (SELECT count(*)::int FROM zendesk_tickets) AS tickets, (SELECT count(*)::int FROM zendesk_ticket_field_values) AS values,
                (SELECT count(*)::int FROM ticket_rollups) AS rollups`,
      )).rows[0]!);
    expect(counts.tickets).toBe(300);
    expect(counts.values).toBeGreaterThan(0);
    expect(counts.rollups).toBeGreaterThan(0);
  } finally {
    await withClient(ctx.server.urlOf("postgres"), (client) => client.query("DROP DATABASE IF EXISTS zdc_bench_pages_300 WITH (FORCE)"));
  }
}, 180_000);
