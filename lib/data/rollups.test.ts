// The rollups are kept by triggers on zendesk_tickets; whatever writes the tickets (the sync's bulk
// upserts, an UPDATE by hand, deletes, a removed desk), they must equal a recount from the tickets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketMinutes, bucketOf } from "@/lib/data/duration-buckets";
import { durationTotals, firstTicketDay, liveTicketsPerDesk, seriesRollups, sumRollups } from "@/lib/data/rollups";
import { removeDesk } from "@/lib/desks";
import { syncDesk } from "@/lib/sync/run";
import { inlineSteps } from "@/lib/sync/steps";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { addFakeDesk } from "@/lib/testing/fake-zendesk/desk";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

let database: TestDatabase;
const fakes: FakeZendesk[] = [];
let deskA: number;
let deskB: number;

beforeAll(async () => {
  database = await createTestDatabase();
  for (const seed of [3, 4]) fakes.push(await FakeZendesk.start({ tickets: 600, seed, startTime: Date.parse("2026-03-01T12:00:00Z") / 1000, commentsPerTicket: [0, 0] }));
  deskA = (await addFakeDesk(fakes[0]!)).id;
  deskB = (await addFakeDesk(fakes[1]!)).id;
  for (const id of [deskA, deskB]) {
    const summary = await syncDesk(id, { steps: inlineSteps, trigger: "cli", tuning: { pageSize: 250 } });
    if (summary.error) throw new Error(summary.error);
  }
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  await database.drop();
});

type Rollup = { grain: string; period: string; desk_id: number; measure: string; key: string; tickets: number; minutes: number; histogram: number[] | null };

/** The rollups' definitions, recounted from the tickets with plain GROUP BYs; histograms built here. */
async function recount(): Promise<Rollup[]> {
  const rows = await database.prisma.$queryRaw<(Omit<Rollup, "histogram"> & { bucket: number | null })[]>`
    WITH live AS (
      SELECT t.*, (t.created_at AT TIME ZONE 'UTC')::date AS created_day,
             CASE WHEN t.status IN ('solved', 'closed') THEN (coalesce(t.solved_at, t.updated_at, t.created_at) AT TIME ZONE 'UTC')::date END AS solved_day
      FROM zendesk_tickets t WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL),
    facts AS (
      SELECT desk_id, created_day AS day, 'status' AS measure, coalesce(status, '') AS key, 0::bigint AS minutes, NULL::int AS bucket FROM live
      UNION ALL SELECT desk_id, created_day, 'priority', coalesce(priority, ''), 0, NULL FROM live
      UNION ALL SELECT desk_id, created_day, 'via', coalesce(via, ''), 0, NULL FROM live
      UNION ALL SELECT desk_id, created_day, 'assignee', coalesce(assignee_id::text, ''), 0, NULL FROM live
      UNION ALL SELECT desk_id, created_day, 'group', coalesce(group_id::text, ''), 0, NULL FROM live
      UNION ALL SELECT desk_id, created_day, 'satisfaction', coalesce(satisfaction_score, ''), 0, NULL FROM live
      UNION ALL SELECT desk_id, solved_day, 'solved', '', 0, NULL FROM live WHERE solved_day IS NOT NULL
      UNION ALL SELECT desk_id, created_day, 'reply', '', first_reply_time_in_minutes, first_reply_time_in_minutes
        FROM live WHERE first_reply_time_in_minutes IS NOT NULL
      UNION ALL SELECT desk_id, solved_day, 'resolution', '', full_resolution_time_in_minutes, full_resolution_time_in_minutes
        FROM live WHERE solved_day IS NOT NULL AND full_resolution_time_in_minutes IS NOT NULL)
    SELECT g.grain, g.period::text AS period, desk_id, measure, key, bucket, count(*)::int AS tickets, sum(minutes)::int AS minutes
    FROM facts CROSS JOIN LATERAL (VALUES ('day', day), ('month', date_trunc('month', day)::date)) g(grain, period)
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5`;
  // Durations: one row per period with the histogram of the minutes, bucketed as bucketOf does.
  const merged = new Map<string, Rollup>();
  for (const { bucket, ...row } of rows) {
    const id = [row.grain, row.period, row.desk_id, row.measure, row.key].join("|");
    const seen = merged.get(id) ?? { ...row, tickets: 0, minutes: 0, histogram: bucket === null ? null : [] };
    seen.tickets += row.tickets;
    seen.minutes += row.minutes;
    merged.set(id, seen);
  }
  const minutes = await database.prisma.$queryRaw<{ grain: string; period: string; desk_id: number; measure: string; m: number }[]>`
    WITH live AS (SELECT t.*, CASE WHEN t.status IN ('solved', 'closed') THEN (coalesce(t.solved_at, t.updated_at, t.created_at) AT TIME ZONE 'UTC')::date END AS solved_day
                  FROM zendesk_tickets t WHERE t.deleted_at IS NULL AND t.created_at IS NOT NULL),
    facts AS (
      SELECT desk_id, (created_at AT TIME ZONE 'UTC')::date AS day, 'reply' AS measure, first_reply_time_in_minutes AS m FROM live WHERE first_reply_time_in_minutes IS NOT NULL
      UNION ALL SELECT desk_id, solved_day, 'resolution', full_resolution_time_in_minutes FROM live WHERE solved_day IS NOT NULL AND full_resolution_time_in_minutes IS NOT NULL)
    SELECT g.grain, g.period::text AS period, desk_id, measure, m FROM facts
    CROSS JOIN LATERAL (VALUES ('day', day), ('month', date_trunc('month', day)::date)) g(grain, period)`;
  for (const row of minutes) {
    const histogram = merged.get([row.grain, row.period, row.desk_id, row.measure, ""].join("|"))!.histogram!;
    const bucket = bucketOf(row.m);
    while (histogram.length <= bucket) histogram.push(0);
    histogram[bucket]! += 1;
  }
  return [...merged.values()].sort((a, b) => [a.grain, a.period, a.desk_id, a.measure, a.key].join("|").localeCompare([b.grain, b.period, b.desk_id, b.measure, b.key].join("|")));
}

/** Stored rows with something in them; histograms without the zeros a decrement can leave at the end. */
async function stored(): Promise<Rollup[]> {
  const rows = await database.prisma.$queryRaw<Rollup[]>`
    SELECT grain, period::text AS period, desk_id, measure, key, tickets, minutes::int AS minutes, histogram FROM ticket_rollups
    WHERE tickets <> 0 OR minutes <> 0`;
  const trim = (h: number[] | null) => {
    if (h === null) return null;
    const copy = [...h];
    while (copy.length > 0 && copy.at(-1) === 0) copy.pop();
    return copy;
  };
  return rows
    .map((r) => ({ ...r, histogram: trim(r.histogram) }))
    .sort((a, b) => [a.grain, a.period, a.desk_id, a.measure, a.key].join("|").localeCompare([b.grain, b.period, b.desk_id, b.measure, b.key].join("|")));
}

async function expectConsistent() {
  const [want, have] = await Promise.all([recount(), stored()]);
  expect(have.length).toBeGreaterThan(0);
  expect(have).toEqual(want);
}

describe("ticket rollups", () => {
  it("match a recount after the sync's bulk upserts", async () => {
    await expectConsistent();
    expect(await liveTicketsPerDesk([deskA, deskB])).toEqual(new Map([[deskA, 600], [deskB, 600]]));
  });

  it("follow updates of counted columns, across days and months", async () => {
    // Spread desk A's tickets over four months (one ticket every 5 hours back from March), and solve some.
    await database.prisma.$executeRaw`
      UPDATE zendesk_tickets SET created_at = created_at - zendesk_id * interval '5 hours',
        solved_at = CASE WHEN status IN ('solved', 'closed') THEN created_at - zendesk_id * interval '5 hours' + interval '2 days' END
      WHERE desk_id = ${deskA}`;
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET status = 'solved', solved_at = NULL WHERE desk_id = ${deskA} AND zendesk_id % 7 = 0`;
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET status = 'open', priority = NULL, assignee_id = NULL WHERE desk_id = ${deskB} AND zendesk_id % 5 = 0`;
    await expectConsistent();
    expect(await firstTicketDay([deskA])).toBe("2025-10-27");
  });

  it("leave counts alone when only a name changes, and keep a touched solved ticket on its day", async () => {
    const before = await stored();
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET assignee_name = 'Renamed ' || coalesce(assignee_name, ''), subject = 'x' WHERE desk_id = ${deskB}`;
    expect(await stored()).toEqual(before);
    // Solved without solved_at: its day is its last update, which moves.
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET updated_at = updated_at + interval '3 days' WHERE desk_id = ${deskA} AND zendesk_id % 7 = 0`;
    await expectConsistent();
  });

  it("drop deleted tickets, whether marked deleted or removed", async () => {
    await database.prisma.$executeRaw`UPDATE zendesk_tickets SET deleted_at = now(), status = 'deleted' WHERE desk_id = ${deskA} AND zendesk_id % 11 = 0`;
    await database.prisma.$executeRaw`DELETE FROM zendesk_tickets WHERE desk_id = ${deskB} AND zendesk_id % 13 = 0`;
    await expectConsistent();
    const live = await database.prisma.zendeskTicket.count({ where: { deskId: deskA, deletedAt: null } });
    expect((await liveTicketsPerDesk([deskA])).get(deskA)).toBe(live);
  });

  it("read the same through month rows as through day rows", async () => {
    const range = { from: "2025-12-17", to: "2026-02-11" };
    const mixed = await sumRollups(["status"], range, [deskA]);
    const days = await seriesRollups(["status"], { ...range, grain: "day" }, [deskA]);
    const total = (rows: { tickets: number }[]) => rows.reduce((n, r) => n + r.tickets, 0);
    expect(total(mixed)).toBe(total(days));
    const [raw] = await database.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM zendesk_tickets WHERE desk_id = ${deskA} AND deleted_at IS NULL
        AND created_at >= '2025-12-17T00:00:00Z' AND created_at < '2026-02-12T00:00:00Z'`;
    expect(total(mixed)).toBe(Number(raw!.n));
    // Durations: the whole range through month rows equals the sum of its days.
    const overall = (await durationTotals({ ...range, grain: "month" }, [deskA])).find((d) => d.bucket === null && d.measure === "reply")!;
    const perDay = (await durationTotals({ ...range, grain: "day" }, [deskA])).find((d) => d.bucket === null && d.measure === "reply")!;
    expect(overall).toEqual(perDay);
    const [reply] = await database.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(first_reply_time_in_minutes) AS n FROM zendesk_tickets WHERE desk_id = ${deskA} AND deleted_at IS NULL
        AND created_at >= '2025-12-17T00:00:00Z' AND created_at < '2026-02-12T00:00:00Z'`;
    expect(overall.tickets).toBe(Number(reply!.n));
    expect(overall.histogram.reduce((n, c) => n + c, 0)).toBe(overall.tickets);
  });

  it("are recounted by ticket_rollups_rebuild() after a bulk load made with the triggers off", async () => {
    await database.prisma.$transaction([
      database.prisma.$executeRawUnsafe("ALTER TABLE zendesk_tickets DISABLE TRIGGER USER"),
      database.prisma.$executeRaw`UPDATE zendesk_tickets SET status = 'closed', priority = 'low' WHERE desk_id = ${deskA} AND zendesk_id % 3 = 0`,
      database.prisma.$executeRawUnsafe("ALTER TABLE zendesk_tickets ENABLE TRIGGER USER"),
    ]);
    expect(await stored()).not.toEqual(await recount());
    await database.prisma.$executeRaw`SELECT ticket_rollups_rebuild()`;
    await expectConsistent();
  });

  it("go with their desk, and the other desk's stay", async () => {
    await removeDesk(testCaller(), deskB);
    expect(await database.prisma.ticketRollup.count({ where: { deskId: deskB } })).toBe(0);
    await expectConsistent();
  });

  it("bucket durations in SQL and in TypeScript the same way", async () => {
    const minutes = [0, 1, 2, 3, 9, 10, 59, 60, 61, 599, 600, 1439, 1440, 10_079, 10_080, 525_600];
    const rows = await database.prisma.$queryRaw<{ m: number; b: number }[]>`
      SELECT m, ticket_duration_bucket(m) AS b FROM unnest(${minutes}::int[]) AS m`;
    for (const { m, b } of rows) {
      expect(bucketOf(m)).toBe(b);
      const [first, last] = bucketMinutes(b);
      expect(m).toBeGreaterThanOrEqual(first);
      expect(m).toBeLessThanOrEqual(last);
    }
    expect(bucketMinutes(bucketOf(0))).toEqual([0, 0]);
    expect(bucketMinutes(bucketOf(1))).toEqual([1, 1]);
  });
});
