import "server-only";
// Who is reading tickets in this request, as the ticket data functions need it: the signed-in user's
// role (masking) and the time zone to show times in: their setting, else the browser's (a cookie the
// ticket pages set), else UTC.
import { cookies } from "next/headers";
import type { SessionUser } from "@/lib/data/users";
import type { TicketReader } from "@/lib/data/ticket-access";
import { getTimeZoneSetting } from "@/lib/data/user-settings";
import { BROWSER_ZONE_COOKIE, DEFAULT_TIME_ZONE, isTimeZone } from "@/lib/validations/time-zone";

type ZoneSource = "setting" | "browser" | "default";
export type RequestReader = TicketReader & { zoneSource: ZoneSource; browserZone: string | null };

export async function ticketReader(user: SessionUser): Promise<RequestReader> {
  const [setting, jar] = await Promise.all([getTimeZoneSetting(user.id), cookies()]);
  const cookie = jar.get(BROWSER_ZONE_COOKIE)?.value;
  const browserZone = cookie && isTimeZone(cookie) ? cookie : null;
  if (setting && isTimeZone(setting)) return { role: user.role, timeZone: setting, zoneSource: "setting", browserZone };
  if (browserZone) return { role: user.role, timeZone: browserZone, zoneSource: "browser", browserZone };
  return { role: user.role, timeZone: DEFAULT_TIME_ZONE, zoneSource: "default", browserZone };
}
