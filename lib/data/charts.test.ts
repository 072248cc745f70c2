import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countActiveDesks, getBacklogPerDay, getCounts, getCreatedSolvedPerDay, getDurations, seriesRange } from "@/lib/data/charts";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

let database: TestDatabase;
let fake: FakeZendesk;
let deskId: number;
// 37 s apart from this start: 3,000 tickets span about 31 hours, so two calendar days (UTC).
const START = Date.parse("2026-03-01T12:00:00Z") / 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await FakeZendesk.start({ tickets: 3000, seed: 3, startTime: START, commentsPerTicket: [0, 1] });
  deskId = (await addFakeDesk(fake)).id;
  await syncDesk(deskId, { steps: inlineSteps, trigger: "cli" });
});
afterAll(async () => {
  await fake.close();
  await database.drop();
});

const all = { desk: [] as number[] };
const tickets = () => fake.state.account.tickets;

describe("charts", () => {
  it("counts totals, open tickets and active desks", async () => {
    const open = tickets().filter((t) => ["new", "open", "pending", "hold"].includes(t.status)).length;
    expect(await getCounts(all)).toMatchObject({ total: 3000, open });
    expect(await countActiveDesks(all)).toBe(1);
    expect(await getCounts({ desk: [deskId + 1] })).toMatchObject({ total: 0, open: 0 });
    expect(await countActiveDesks({ desk: [deskId + 1] })).toBe(0);
    expect((await getCounts({ desk: [], from: "2026-03-02" })).total).toBe(
      tickets().filter((t) => String(t.created_at) >= "2026-03-02").length,
    );
  });

  it("groups by status and by channel, largest first", async () => {
    const { by } = await getCounts(all);
    expect(by.status.reduce((n, s) => n + s.count, 0)).toBe(3000);
    expect(by.status.find((s) => s.key === "open")?.count).toBe(tickets().filter((t) => t.status === "open").length);
    expect(by.via.map((s) => s.count)).toEqual([...by.via.map((s) => s.count)].sort((a, b) => b - a));
    expect(by.desk).toEqual([{ key: String(deskId), label: fake.host, count: 3000 }]);
    const unassigned = tickets().filter((t) => t.assignee_id === null).length;
    expect(by.assignee.find((s) => s.key === null)).toEqual({ key: null, label: "Unassigned", count: unassigned });
    const good = tickets().filter((t) => (t.satisfaction_rating as { score: string }).score === "good").length;
    expect(by.satisfaction.find((s) => s.key === "good")?.count).toBe(good);
  });

  it("builds day series for created vs solved and the backlog", async () => {
    // From the second day only: tickets before it open the backlog.
    const second = await getBacklogPerDay({ desk: [], from: "2026-03-02" });
    const solvedByEnd = tickets().filter((t) => t.status === "solved" || t.status === "closed").length;
    expect(second.map((d) => d.day)).toEqual(["2026-03-02"]);
    expect(second[0]?.backlog).toBe(3000 - solvedByEnd);
    expect(await seriesRange(all)).toEqual({ from: "2026-03-01", to: "2026-03-02" });
    const days = await getCreatedSolvedPerDay(all);
    expect(days.map((d) => d.day)).toEqual(["2026-03-01", "2026-03-02"]);
    expect(days.reduce((n, d) => n + d.created, 0)).toBe(3000);
    const solved = tickets().filter((t) => t.status === "solved" || t.status === "closed").length;
    expect(days.reduce((n, d) => n + d.solved, 0)).toBe(solved);
    const backlog = await getBacklogPerDay(all);
    expect(backlog.at(-1)?.backlog).toBe(3000 - solved);
    expect(backlog[0]?.backlog).toBe(days[0]!.created - days[0]!.solved);
  });

  it("averages and medians durations in hours, and is empty without data", async () => {
    const [reply, full] = await getDurations(all);
    expect(reply?.tickets).toBe(3000);
    expect(full?.averageHours).toBeGreaterThan(0);
    expect(await getCreatedSolvedPerDay({ desk: [deskId + 1] })).toEqual([]);
    expect(await getDurations({ desk: [deskId + 1] })).toEqual([
      { metric: "First reply", averageHours: null, medianHours: null, tickets: 0 },
      { metric: "Full resolution", averageHours: null, medianHours: null, tickets: 0 },
    ]);
  });
});
