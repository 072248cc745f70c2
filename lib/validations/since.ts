// "Export again since": a real calendar date (2024-02-30 is refused, not turned into March 1), or an
// ISO date-time with its offset, from 1970 on (Zendesk's exports count seconds from 1970-01-01) and not
// in the future. Shared by `desk backfill --since` and the desk page's backfill form.
import { z } from "zod";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EARLIEST = Date.UTC(1970, 0, 1);

export function parseSince(text: string, now = Date.now()): Date | { error: string } {
  const value = text.trim();
  const day = DAY.exec(value);
  let date: Date;
  if (day) {
    const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
    date = new Date(Date.UTC(year, month - 1, dayOfMonth));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dayOfMonth) {
      return { error: `${value} is not a date on the calendar` };
    }
  } else if (z.iso.datetime({ offset: true }).safeParse(value).success) {
    date = new Date(value);
  } else {
    return { error: "give a date such as 2024-01-31 or a date-time such as 2024-01-31T12:00:00Z" };
  }
  if (Number.isNaN(date.getTime()) || date.getTime() < EARLIEST) return { error: "the date must be 1970-01-01 or later" };
  if (date.getTime() > now) return { error: "the date is in the future" };
  return date;
}

export const sinceSchema = z.string().transform((text, ctx) => {
  const parsed = parseSince(text);
  if (parsed instanceof Date) return parsed;
  ctx.addIssue({ code: "custom", message: parsed.error });
  return z.NEVER;
});
