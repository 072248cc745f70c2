import "server-only";
// Each desk's SLA targets (desks.sla_*_minutes): read by the SLA dashboard, written through the
// setDeskSla use case (lib/desks/sla.ts).
import { db } from "@/lib/db/client";
import type { DeskSla } from "@/lib/validations/desk-sla";

export type DeskSlaTargets = DeskSla & { deskId: number; name: string };

/** Every desk's targets, or those of the desks given. */
export async function listSlaTargets(deskIds: number[] = []): Promise<DeskSlaTargets[]> {
  const rows = await db().desk.findMany({
    where: deskIds.length ? { id: { in: deskIds } } : {},
    select: { id: true, name: true, domain: true, slaFirstReplyMinutes: true, slaResolutionMinutes: true },
    orderBy: { domain: "asc" },
  });
  return rows.map((r) => ({ deskId: r.id, name: r.name ?? r.domain, firstReplyMinutes: r.slaFirstReplyMinutes, resolutionMinutes: r.slaResolutionMinutes }));
}

export async function saveSlaTargets(deskId: number, targets: DeskSla): Promise<void> {
  await db().desk.update({ where: { id: deskId }, data: { slaFirstReplyMinutes: targets.firstReplyMinutes, slaResolutionMinutes: targets.resolutionMinutes }, select: { id: true } });
}
