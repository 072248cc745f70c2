// Setting a desk's SLA targets: admins only, from the SLA dashboard or the CLI, the same way.
import { getDesk } from "@/lib/data/desks";
import { saveSlaTargets } from "@/lib/data/desk-sla";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import type { DeskRef } from "@/lib/desks/manage";
import type { DeskSla } from "@/lib/validations/desk-sla";

const hours = (minutes: number) => `${Math.round((minutes / 60) * 100) / 100} h`;

export async function setDeskSla(caller: Caller, ref: DeskRef, targets: DeskSla): Promise<{ message: string }> {
  assertAdmin(caller.actor, "change SLA targets");
  const desk = await getDesk(ref);
  await saveSlaTargets(desk.id, targets);
  return { message: `SLA targets of ${desk.name ?? desk.domain} saved: first reply ${hours(targets.firstReplyMinutes)}, full resolution ${hours(targets.resolutionMinutes)}.` };
}
