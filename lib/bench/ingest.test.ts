// The ingest part end to end at a tiny size: the sync child process, the COPY ceiling and the per-row
// loop all run against the current schema, so a migration or a runtime change that breaks
// `npm run bench` fails here instead of on the next person who measures.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import type { BenchContext } from "@/lib/bench/context";
import { runIngest } from "@/lib/bench/ingest";
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

it("syncs, copies and loops over the same tickets and reports each figure", async () => {
  const admin = new URL(inject("pgAdminUrl"));
  const ctx: BenchContext = {
    server: {
      description: "test",
      urlOf: (name) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString(),
      stop: async () => {},
    },
    outputDir,
    tickets: 40,
    iterations: 1,
    warmup: 0,
    http: false,
    regenerate: false,
    env: database.childEnv,
    log: () => {},
  };
  const result = await runIngest(ctx);

  expect(result.rows.map((r) => r.id)).toEqual(["ingest.pipeline", "ingest.vs-loop", "ingest.rss"]);
  const details = result.details as { full: { summary: { tickets: number; comments: number } }; copyRate: number; loopRate: number };
  expect(details.full.summary.tickets).toBe(40);
  expect(details.full.summary.comments).toBeGreaterThan(40);
  expect(details.copyRate).toBeGreaterThan(0);
  expect(details.loopRate).toBeGreaterThan(0);
  for (const row of result.rows) for (const value of Object.values(row.figures ?? { missing: NaN })) expect(Number.isFinite(value)).toBe(true);
}, 120_000);
