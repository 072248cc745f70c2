import "server-only";
// The overview's headline numbers for a period and the one before it, from the rollups, with the
// definitions every page uses (lib/data/charts.ts).
import { summarizeHistogram } from "@/lib/data/duration-buckets";
import { durationTotals, sumRollups, type RollupSum } from "@/lib/data/rollups";
import type { DayRange, Period } from "@/lib/validations/period";
import { isBad, isGood } from "@/lib/validations/satisfaction";

type PeriodNumbers = {
  created: number;
  solved: number;
  /** Created and not solved at the end of the period. */
  unsolved: number;
  replyMedianMinutes: number | null;
  replyTickets: number;
  /** Ratings good and bad (with or without a comment) of tickets created in the period. */
  good: number;
  bad: number;
};

export type Overview = { current: PeriodNumbers; previous: PeriodNumbers | null };

const sum = (rows: RollupSum[], test: (r: RollupSum) => boolean) => rows.reduce((n, r) => (test(r) ? n + r.tickets : n), 0);

async function numbers(range: DayRange, desk: number[]): Promise<PeriodNumbers> {
  const [inPeriod, untilEnd, durations] = await Promise.all([
    sumRollups(["status", "solved", "satisfaction"], range, desk),
    sumRollups(["status", "solved"], { from: "0001-01-01", to: range.to }, desk),
    // Only the total over the period is read; a year's grain lets it use month rows.
    durationTotals({ ...range, grain: "year" }, desk),
  ]);
  const replies = durations.find((d) => d.measure === "reply" && d.bucket === null);
  const reply = summarizeHistogram(replies?.histogram ?? [], replies?.tickets ?? 0, replies?.minutes ?? 0);
  return {
    created: sum(inPeriod, (r) => r.measure === "status"),
    solved: sum(inPeriod, (r) => r.measure === "solved"),
    unsolved: sum(untilEnd, (r) => r.measure === "status") - sum(untilEnd, (r) => r.measure === "solved"),
    replyMedianMinutes: reply.medianMinutes,
    replyTickets: reply.tickets,
    good: sum(inPeriod, (r) => r.measure === "satisfaction" && isGood(r.key)),
    bad: sum(inPeriod, (r) => r.measure === "satisfaction" && isBad(r.key)),
  };
}

export async function getOverview(scope: { desk: number[]; period: Period }): Promise<Overview> {
  const { period, desk } = scope;
  const [current, previous] = await Promise.all([numbers(period, desk), period.previous ? numbers(period.previous, desk) : null]);
  return { current, previous };
}

