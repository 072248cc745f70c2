// Numbers as the dashboards print them: durations with their unit, percentages, changes.

export type DurationUnit = "min" | "h" | "d";
const MINUTES: Record<DurationUnit, number> = { min: 1, h: 60, d: 1440 };

/** The unit that keeps an axis readable: minutes under two hours, hours under three days, then days. */
export function durationUnit(maxMinutes: number): DurationUnit {
  if (maxMinutes < 120) return "min";
  if (maxMinutes < 72 * 60) return "h";
  return "d";
}

export function inUnit(minutes: number, unit: DurationUnit): number {
  return Math.round((minutes / MINUTES[unit]) * 10) / 10;
}

/** 45 min, 3.2 h, 2.1 d; a dash when there is nothing to measure. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "—";
  const unit = durationUnit(minutes);
  return unit === "min" ? `${Math.round(minutes)} min` : `${inUnit(minutes, unit)} ${unit}`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");

/** 87 % (or a dash without ratings). */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? "—" : `${Math.round(ratio * 1000) / 10} %`;
}

/** good / (good + bad), null when nobody rated. */
export function csat(good: number, bad: number): number | null {
  return good + bad === 0 ? null : good / (good + bad);
}

/** The relative change, rounded; null when there is nothing to compare with. */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}

/** A series point's label: the day, "wk 2026-11-23", the month or the year. */
export function bucketLabel(from: string, grain: "day" | "week" | "month" | "year"): string {
  if (grain === "day") return from;
  if (grain === "week") return `wk ${from}`;
  if (grain === "month") return from.slice(0, 7);
  return from.slice(0, 4);
}
