// The period every dashboard shows, from the URL's preset or custom dates: checked (From after To, or
// a period that starts in the future, is an error to show, not an empty page), bounded (never before
// the first ticket, never after today), and cut into at most a few hundred points (days, weeks,
// months or years) so no range, however wide, makes a series unbounded. Days are UTC days.

export const RANGE_PRESETS = ["today", "7d", "30d", "90d", "all"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const PRESET_LABELS: Record<RangePreset, string> = { today: "Today", "7d": "7 days", "30d": "30 days", "90d": "90 days", all: "All time" };
const PRESET_DAYS: Record<Exclude<RangePreset, "all">, number> = { today: 1, "7d": 7, "30d": 30, "90d": 90 };

export type Grain = "day" | "week" | "month" | "year";
export type DayRange = { from: string; to: string };

export type Period = DayRange & {
  /** Days from `from` to `to`, both included. */
  days: number;
  grain: Grain;
  /** The same number of days just before, for "change against the previous period"; null for all time. */
  previous: DayRange | null;
  /** What was adjusted, in words for the page (e.g. "Shown up to today, 2026-11-29."). */
  notes: string[];
};

export type PeriodChoice = { range: RangePreset | "custom"; from?: string; to?: string };
export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

const DAY_MS = 86_400_000;

export const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const parseDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function addDays(day: string, days: number): string {
  return dayOf(new Date(parseDay(day) + days * DAY_MS));
}

function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to) - parseDay(from)) / DAY_MS);
}

/** The first day of the bucket of `grain` that holds `day` (weeks start on Monday, as in PostgreSQL). */
export function bucketStart(day: string, grain: Grain): string {
  if (grain === "day") return day;
  if (grain === "month") return `${day.slice(0, 7)}-01`;
  if (grain === "year") return `${day.slice(0, 4)}-01-01`;
  const weekday = (new Date(parseDay(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function nextBucket(start: string, grain: Grain): string {
  if (grain === "day") return addDays(start, 1);
  if (grain === "week") return addDays(start, 7);
  const date = new Date(parseDay(start));
  if (grain === "month") date.setUTCMonth(date.getUTCMonth() + 1);
  else date.setUTCFullYear(date.getUTCFullYear() + 1);
  return dayOf(date);
}

/** The buckets covering a period, each clipped to it: what a series has a point for. */
export function buckets(period: DayRange & { grain: Grain }): DayRange[] {
  const result: DayRange[] = [];
  for (let start = bucketStart(period.from, period.grain); start <= period.to; start = nextBucket(start, period.grain)) {
    const end = addDays(nextBucket(start, period.grain), -1);
    result.push({ from: start < period.from ? period.from : start, to: end > period.to ? period.to : end });
  }
  return result;
}

export function grainFor(days: number): Grain {
  if (days <= 92) return "day";
  if (days <= 731) return "week";
  if (days <= 20 * 366) return "month";
  return "year";
}

/**
 * `today` is the current UTC day; `firstDay` the day of the first ticket in scope (null without any).
 * Presets end today; custom dates are checked and clipped.
 */
export function resolvePeriod(choice: PeriodChoice, today: string, firstDay: string | null): PeriodResult {
  const notes: string[] = [];
  let from: string;
  let to: string;
  if (choice.range === "custom") {
    if (choice.from && choice.to && choice.from > choice.to) {
      return { ok: false, error: `“From” (${choice.from}) is after “To” (${choice.to}): choose a From on or before the To.` };
    }
    if (choice.from && choice.from > today) {
      return { ok: false, error: `The period starts on ${choice.from}, after today (${today}): no ticket can have been created yet.` };
    }
    from = choice.from ?? firstDay ?? today;
    to = choice.to ?? today;
    if (to > today) {
      notes.push(`Shown up to today, ${today}.`);
      to = today;
    }
    // A period reaching back before the first ticket starts at it; one wholly before it stays empty.
    if (firstDay && from < firstDay && firstDay <= to) {
      if (choice.from) notes.push(`Shown from the first ticket, ${firstDay}.`);
      from = firstDay;
    }
  } else if (choice.range === "all") {
    from = firstDay && firstDay < today ? firstDay : today;
    to = today;
  } else {
    to = today;
    from = addDays(today, 1 - PRESET_DAYS[choice.range]);
  }
  const days = daysBetween(from, to) + 1;
  const previous = choice.range === "all" ? null : { from: addDays(from, -days), to: addDays(from, -1) };
  return { ok: true, period: { from, to, days, grain: grainFor(days), previous, notes } };
}

/** "2026-11-01 – 2026-11-29" or one day. */
export function describeRange(range: DayRange): string {
  return range.from === range.to ? range.from : `${range.from} – ${range.to}`;
}
