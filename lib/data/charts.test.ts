import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCounts, getDurations, getTicketSeries, type ChartScope } from "@/lib/data/charts";
import { searchTickets, ticketWhere } from "@/lib/data/ticket-search";
import { db } from "@/lib/db/client";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { breakdownHref, DIMENSIONS } from "@/lib/validations/dashboard-filter";
import { resolvePeriod, type PeriodChoice } from "@/lib/validations/period";
import { parseTicketSearch } from "@/lib/validations/ticket-search";

let database: TestDatabase;
let fake: FakeZendesk;
let deskId: number;
// 37 s apart from this start: 3,000 tickets span about 31 hours, so two calendar days (UTC).
const START = Date.parse("2026-03-01T12:00:00Z") / 1000;
const TODAY = "2026-03-02";

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

const tickets = () => fake.state.account.tickets;
const isSolved = (t: { status: string }) => t.status === "solved" || t.status === "closed";

function scope(choice: PeriodChoice, desk: number[] = []): ChartScope {
  const result = resolvePeriod(choice, TODAY, "2026-03-01");
  if (!result.ok) throw new Error(result.error);
  return { desk, period: result.period };
}

describe("charts", () => {
  it("counts the tickets created in the period by every dimension, all values", async () => {
    const { created, by } = await getCounts(scope({ range: "all" }));
    expect(created).toBe(3000);
    expect(by.status.reduce((n, s) => n + s.count, 0)).toBe(3000);
    expect(by.status.find((s) => s.key === "open")?.count).toBe(tickets().filter((t) => t.status === "open").length);
    expect(by.via.map((s) => s.count)).toEqual([...by.via.map((s) => s.count)].sort((a, b) => b - a));
    expect(by.desk).toEqual([{ key: String(deskId), label: fake.host, count: 3000 }]);
    const unassigned = tickets().filter((t) => t.assignee_id === null).length;
    expect(by.assignee.find((s) => s.key === null)).toEqual({ key: null, label: "Unassigned", count: unassigned });
    // Every agent, with the name Zendesk gave them.
    expect(by.assignee.filter((s) => s.key !== null)).toHaveLength(new Set(tickets().map((t) => t.assignee_id).filter(Boolean)).size);
    expect(by.assignee.find((s) => s.key === "5000")?.label).toMatch(/^User 0 /);
    const noPriority = tickets().filter((t) => t.priority === null).length;
    expect(by.priority.find((s) => s.key === null)).toEqual({ key: null, label: "none", count: noPriority });
    const good = tickets().filter((t) => (t.satisfaction_rating as { score: string }).score === "good").length;
    expect(by.satisfaction.find((s) => s.key === "good")?.count).toBe(good);
    const secondDay = await getCounts(scope({ range: "custom", from: "2026-03-02" }));
    expect(secondDay.created).toBe(tickets().filter((t) => String(t.created_at) >= "2026-03-02").length);
    expect((await getCounts(scope({ range: "all" }, [deskId + 1]))).created).toBe(0);
  });

  it("builds created, solved and unsolved per day; the last unsolved is today's unsolved tickets", async () => {
    const days = await getTicketSeries(scope({ range: "all" }));
    expect(days.map((d) => d.from)).toEqual(["2026-03-01", "2026-03-02"]);
    expect(days.reduce((n, d) => n + d.created, 0)).toBe(3000);
    expect(days.reduce((n, d) => n + d.solved, 0)).toBe(tickets().filter(isSolved).length);
    const unsolvedNow = tickets().filter((t) => ["new", "open", "pending", "hold"].includes(t.status)).length;
    expect(days.at(-1)?.unsolved).toBe(unsolvedNow);
    expect(days[0]?.unsolved).toBe(days[0]!.created - days[0]!.solved);
    // From the second day only: the first day's unsolved tickets open it.
    const second = await getTicketSeries(scope({ range: "custom", from: "2026-03-02" }));
    expect(second).toHaveLength(1);
    expect(second[0]?.unsolved).toBe(unsolvedNow);
  });

  it("keeps an absurd range to a bounded series that starts at the first ticket", async () => {
    const result = resolvePeriod({ range: "custom", from: "0001-01-01", to: "9999-12-31" }, TODAY, "2026-03-01");
    expect(result.ok).toBe(true);
    const days = await getTicketSeries({ desk: [], period: result.ok ? result.period : (undefined as never) });
    expect(days).toHaveLength(2);
  });

  it("gives medians within 5 % of the exact ones, and exact averages, with their ticket counts", async () => {
    const [reply, resolution] = await getDurations(scope({ range: "all" }));
    const [exact] = await database.prisma.$queryRaw<{ reply: number; reply_avg: number; reply_n: bigint; full: number; full_avg: number; full_n: bigint }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first_reply_time_in_minutes) AS reply,
             avg(first_reply_time_in_minutes)::float8 AS reply_avg, count(first_reply_time_in_minutes) AS reply_n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY full_resolution_time_in_minutes) FILTER (WHERE status IN ('solved', 'closed')) AS full,
             avg(full_resolution_time_in_minutes) FILTER (WHERE status IN ('solved', 'closed'))::float8 AS full_avg,
             count(full_resolution_time_in_minutes) FILTER (WHERE status IN ('solved', 'closed')) AS full_n
      FROM zendesk_tickets WHERE deleted_at IS NULL`;
    expect(reply?.tickets).toBe(Number(exact!.reply_n));
    expect(Math.abs(reply!.medianMinutes! - exact!.reply) / exact!.reply).toBeLessThan(0.05);
    expect(reply!.averageMinutes).toBeCloseTo(exact!.reply_avg, 6);
    expect(resolution?.tickets).toBe(Number(exact!.full_n));
    expect(Math.abs(resolution!.medianMinutes! - exact!.full) / exact!.full).toBeLessThan(0.05);
    expect(reply?.points.map((p) => p.from)).toEqual(["2026-03-01", "2026-03-02"]);
    expect(reply!.points.reduce((n, p) => n + p.tickets, 0)).toBe(reply!.tickets);
    const empty = await getDurations(scope({ range: "all" }, [deskId + 1]));
    expect(empty.map((d) => [d.metric, d.medianMinutes, d.tickets])).toEqual([
      ["reply", null, 0],
      ["resolution", null, 0],
    ]);
  });
});

describe("chart links", () => {
  it("lead from every bar, Unassigned and none included, to exactly the tickets it counts", async () => {
    const all = scope({ range: "all" });
    const { by } = await getCounts(all);
    let nones = 0;
    for (const dimension of DIMENSIONS) {
      for (const slice of by[dimension]) {
        const href = breakdownHref(all.desk, all.period, dimension, slice.key);
        expect(href, `${dimension} ${slice.label}`).not.toBeNull();
        // A reader 14 hours ahead of UTC: the link's own zone (the UTC days the charts count) decides.
        const reader = { role: "viewer", timeZone: "Pacific/Kiritimati" };
        const search = parseTicketSearch(new URL(href!, "http://app").searchParams);
        const { exact } = await ticketWhere(search, reader);
        const [counted] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM zendesk_tickets t WHERE ${exact}`;
        expect(Number(counted!.n), `${dimension} ${slice.label}`).toBe(slice.count);
        // The list shows the same number, or "1,000+" past its count's cap (rollups count some views exactly).
        const page = await searchTickets(search, reader);
        const shown = page.totalCapped ? { total: 1000, capped: true } : { total: slice.count, capped: false };
        expect({ total: page.total, capped: page.totalCapped }, `${dimension} ${slice.label}`).toEqual(shown);
        if (page.totalCapped) expect(slice.count).toBeGreaterThan(1000);
        if (slice.key === null) nones++;
      }
    }
    // Unassigned, no group, no priority.
    expect(nones).toBeGreaterThanOrEqual(3);
  });
});
