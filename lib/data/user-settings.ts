import "server-only";
// A dashboard user's own settings (user_settings): for now the time zone times are shown in. No row,
// or a NULL zone, means "the browser's".
import { db } from "@/lib/db/client";
import { UserError } from "@/lib/data/errors";
import { isTimeZone } from "@/lib/validations/time-zone";

export async function getTimeZoneSetting(userId: string): Promise<string | null> {
  if (!/^\d{1,9}$/.test(userId)) return null;
  const row = await db().userSetting.findUnique({ where: { userId: Number(userId) }, select: { timeZone: true } });
  return row?.timeZone ?? null;
}

/** `null` goes back to the browser's zone. */
export async function setTimeZoneSetting(userId: string, timeZone: string | null): Promise<void> {
  if (timeZone !== null && !isTimeZone(timeZone)) throw new UserError(`Unknown time zone ${timeZone}`, "timeZone");
  const id = Number(userId);
  await db().userSetting.upsert({ where: { userId: id }, create: { userId: id, timeZone }, update: { timeZone } });
}
