// No request holds the database for more than DB_STATEMENT_TIMEOUT_MS, even the charts asked for every
// day from year 1 to 9999 over a realistically sized table; the sync's bulk writes are exempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCounts, getDurations, getTicketSeries, type ChartScope } from "@/lib/data/charts";
import { chartScopeOf } from "@/lib/data/dashboard-scope";
import { allowLongStatements, db } from "@/lib/db/client";
import { isStatementTimeout } from "@/lib/db/errors";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

const LIMIT_MS = 1_000;
const TICKETS = 100_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ DB_STATEMENT_TIMEOUT_MS: String(LIMIT_MS) });
  await db().$transaction(
    async (tx) => {
      await allowLongStatements(tx);
      await tx.$executeRaw`INSERT INTO desks (domain, base_url, email, token_ciphertext) VALUES ('big.zendesk.com', 'https://big.zendesk.com', 'a@b.c', 'v1.x.y.z')`;
      await tx.$executeRaw`
        INSERT INTO zendesk_tickets (desk_id, domain, zendesk_id, subject, status, created_at, updated_at, solved_at, raw_data)
        SELECT d.id, d.domain, g, 'Ticket ' || g, (ARRAY['new','open','pending','solved','closed'])[1 + g % 5],
               timestamptz '2020-01-01' + g * interval '17 minutes', timestamptz '2020-01-01' + g * interval '18 minutes',
               CASE WHEN g % 5 >= 3 THEN timestamptz '2020-01-01' + g * interval '19 minutes' END, '{}'::jsonb
        FROM desks d, generate_series(1, ${TICKETS}::int) g`;
    },
    { timeout: 120_000 },
  );
}, 180_000);

afterAll(() => database.drop());

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const result = await fn();
    return { ms: performance.now() - started, result };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

describe("the app's connections", () => {
  it("run statements without JIT compilation", async () => {
    expect(await db().$queryRaw`SELECT current_setting('jit') AS jit`).toEqual([{ jit: "off" }]);
  });
});

describe("the statement timeout", () => {
  it("cancels a statement past the limit and leaves the pool usable", async () => {
    const { ms, error } = await timed(() => db().$queryRaw`SELECT pg_sleep(5)`);
    expect(isStatementTimeout(error), String(error)).toBe(true);
    expect(ms).toBeLessThan(LIMIT_MS + 1_500);
    expect(await db().$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it("bounds the charts over year 1 to 9999 on 100,000 tickets to the limit, whatever they return", async () => {
    const scope = await chartScopeOf({ desk: [], from: "0001-01-01", to: "9999-12-31" });
    for (const chart of [getCounts, getTicketSeries, getDurations] as ((s: ChartScope) => Promise<unknown>)[]) {
      const { ms, error } = await timed(() => chart(scope));
      // Either the range was bounded and it answered, or PostgreSQL cancelled it at the limit.
      if (error) expect(isStatementTimeout(error), String(error)).toBe(true);
      expect(ms).toBeLessThan(LIMIT_MS + 2_000);
    }
  }, 30_000);

  it("lets a sync's page transaction run past it", async () => {
    const slept = await db().$transaction(async (tx) => {
      await allowLongStatements(tx);
      return tx.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok FROM pg_sleep(${(LIMIT_MS * 1.5) / 1000})`;
    }, { timeout: 10_000 });
    expect(slept).toEqual([{ ok: 1 }]);
  });
});
