// A desk's privacy: whether viewers see its requester names and emails and comment bodies. The masking
// itself happens where tickets are read (lib/data/ticket-access.ts); this only sets the desk's flag.
import { getDesk, patchDesk } from "@/lib/data/desks";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import type { DeskOutcome, DeskRef } from "@/lib/desks/manage";

export async function setDeskPrivacy(caller: Caller, ref: DeskRef, maskPii: boolean): Promise<DeskOutcome> {
  assertAdmin(caller.actor, "change what viewers may see");
  const desk = await patchDesk((await getDesk(ref)).id, { maskPii });
  return {
    desk,
    message: maskPii
      ? "Personal data masked: viewers no longer see requester names, emails or comment bodies of this desk (admins still do)."
      : "Personal data shown: viewers see requester names, emails and comment bodies of this desk.",
  };
}
