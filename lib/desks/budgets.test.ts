// A viewer clicking "refresh comments" 200 times must not spend the desk's Zendesk budget: the refresh
// is throttled per desk (as Inngest throttles it), and every action is rate-limited per user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "@/lib/data/errors";
import { repairComments } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { performAction } from "@/lib/perform-action";
import { testCaller, viewer } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

let database: TestDatabase;
let fake: FakeZendesk;

beforeAll(async () => {
  database = await createTestDatabase({ REPAIR_RATE_PER_MINUTE: "30", ACTION_RATE_PER_MINUTE: "60" });
  fake = await FakeZendesk.start({ seed: 3, tickets: 5 });
  const desk = await addFakeDesk(fake);
  await syncDesk(desk.id, { steps: inlineSteps, trigger: "cli" });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

describe("Zendesk budget", () => {
  it("throttles comment refreshes per desk without Inngest: a burst of 5, then refusals that say when to retry", async () => {
    const ticket = await database.prisma.zendeskTicket.findFirstOrThrow();
    const before = fake.requests.length;
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () => repairComments(testCaller(viewer()), String(ticket.id))));
    const done = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(done.length).toBeLessThanOrEqual(6);
    expect(refused.every((o) => o.reason instanceof UserError && /try again in \d+ s/.test(o.reason.message))).toBe(true);
    // A comment page per refresh at most: 200 clicks cost a handful of requests.
    expect(fake.requests.length - before).toBeLessThanOrEqual(done.length * 2);
  });

  it("limits every action per signed-in user, shared across processes through the database", async () => {
    const actor = { kind: "user", id: "41", email: "v@example.com", role: "viewer" } as const;
    const other = { ...actor, id: "42" };
    let handled = 0;
    const act = (who: typeof actor | typeof other) =>
      performAction(who, "signed-in", { success: true, data: null }, async () => ({ ok: true, message: String(++handled) }), () => {});
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 90 }, () => act(actor)));
    // A burst of 60, plus the one token a second that flows back while a busy machine works through them.
    const allowed = results.filter((r) => r.ok).length;
    expect(allowed).toBeGreaterThanOrEqual(60);
    expect(allowed).toBeLessThanOrEqual(60 + Math.ceil((Date.now() - started) / 1000));
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many requests: wait \d+ s/) });
    expect(handled).toBe(allowed);
    expect(await act(other)).toMatchObject({ ok: true });
  });
});
