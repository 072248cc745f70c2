// Time zones as people pick them (IANA names such as Europe/Berlin) and times shown in one. Formatting
// happens on the server with the viewer's zone, so the HTML a browser hydrates already shows its times.
import { z } from "zod";

export const DEFAULT_TIME_ZONE = "UTC";

/** Zones found valid, so that every request does not build a formatter to ask again (bounded: case variants are valid too). */
const knownZones = new Set<string>();

/** Whether this runtime (Node's ICU) knows the zone; Intl throws a RangeError for unknown ones. */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  if (knownZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    if (knownZones.size < 1_000) knownZones.add(name);
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().trim().refine(isTimeZone, "Choose a time zone from the list");

/** Every zone this runtime knows, for the picker; UTC first. */
export function timeZoneNames(): string[] {
  return [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== DEFAULT_TIME_ZONE)];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${seconds}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      ...(seconds ? { second: "2-digit" } : {}),
      hourCycle: "h23",
    });
    formatters.set(key, format);
  }
  return format;
}

const US_SHAPE = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-03-01 13:34" (or with ":05" seconds) in the zone: sortable, unambiguous once the zone is shown. */
export function formatInZone(iso: string | Date | null, timeZone: string, options: { seconds?: boolean } = {}): string {
  if (iso === null) return "";
  const date = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return "";
  const format = formatter(timeZone, Boolean(options.seconds));
  // format() is a few times cheaper than formatToParts() (a list has a hundred times to show); its
  // en-US shape "07/27/2024, 08:00" is read back, and anything else (a year past 9999) takes the parts.
  const quick = US_SHAPE.exec(format.format(date));
  if (quick && (quick[6] !== undefined) === Boolean(options.seconds)) return `${quick[3]}-${quick[1]}-${quick[2]} ${quick[4]}:${quick[5]}${options.seconds ? `:${quick[6]}` : ""}`;
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  const time = `${parts.hour}:${parts.minute}${options.seconds ? `:${parts.second}` : ""}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time}`;
}

/** "UTC+01:00" at that instant (the offset changes with daylight saving time). */
export function zoneOffset(timeZone: string, at: Date = new Date()): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const offset = name.replace(/^GMT/, "");
  return `UTC${offset || "+00:00"}`;
}

/** Today's date (YYYY-MM-DD) in the zone, for "this date is in the future". */
export function todayInZone(timeZone: string, now: Date = new Date()): string {
  return formatInZone(now, timeZone).slice(0, 10);
}

/** The cookie the browser's zone travels in, so the server can format times before the page loads. */
export const BROWSER_ZONE_COOKIE = "tz";
