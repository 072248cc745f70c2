// Every SQL example in the README runs, on a database synced from the fake Zendesk, as an analyst's
// read-only role would run it: a broken example fails here, not in front of an analyst.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deskViewName } from "@/lib/db/analyst-views";
import { ensureReaderRole } from "@/lib/db/reader-role";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

const examples = [...readFileSync(path.resolve("README.md"), "utf8").matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

let database: TestDatabase;
let fake: FakeZendesk;
let reader: pg.Client;
let role: string;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ seed: 41, tickets: 25 });
  const desk = await addFakeDesk(fake);
  await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli", tuning: { exportLimitPerWindow: 10_000 } });
  role = `readme_${Math.random().toString(36).slice(2, 8)}`;
  reader = new pg.Client({ connectionString: (await ensureReaderRole(database.url, role)).url });
  await reader.connect();
});
afterAll(async () => {
  await reader.end();
  await database.prisma.$executeRawUnsafe(`DROP OWNED BY "${role}"`);
  await database.prisma.$executeRawUnsafe(`DROP ROLE "${role}"`);
  await fake.close();
  await database.drop();
});

it("the README has SQL examples", () => {
  expect(examples.length).toBeGreaterThanOrEqual(7);
});

it.each(examples.map((sql, i) => [i + 1, sql.split("\n")[0]!, sql]))("example %i (%s) runs", async (_n, _title, sql) => {
  // `tickets_acme` stands for a desk's view; here the desk is the fake's.
  const text = sql.replaceAll("tickets_acme", deskViewName(fake.host)).replaceAll("yourcompany.zendesk.com", fake.host);
  // A block of several statements answers with one result each.
  const results = [await reader.query(text)].flat();
  for (const result of results) expect(result.rows).toBeInstanceOf(Array);
});
