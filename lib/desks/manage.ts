// Adding, changing, (de)activating and removing desks: the same rules and the same side effects
// whether an admin clicks in the app or types in the CLI. Credentials are encrypted here, before
// anything stores them.
import { sealSecret } from "@/lib/crypto";
import { deleteDesk, getDesk, insertDesk, patchDesk, type Desk } from "@/lib/data/desks";
import { UserError } from "@/lib/data/errors";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import { dispatcher } from "@/lib/desks/dispatch";
import { removeWebhookOf } from "@/lib/desks/realtime";
import type { DeskCreate, DeskUpdate } from "@/lib/validations/desk";

export type DeskRef = string | number;

/** What an operation did, in words for whoever asked, and a warning when a side effect failed. */
export type DeskOutcome = { desk: Desk; message: string; warning?: string };

export async function createDesk(caller: Caller, input: DeskCreate): Promise<DeskOutcome> {
  assertAdmin(caller.actor, "add desks");
  const desk = await insertDesk({
    address: input.address,
    name: input.name || null,
    email: input.email,
    tokenCiphertext: sealSecret(input.token),
    active: input.active,
    waitIntervalSeconds: input.waitIntervalSeconds,
    rateLimitPerMinute: input.rateLimitPerMinute,
    rateLimitShare: input.rateLimitShare,
  });
  return { desk, message: `Added desk ${desk.id} (${desk.domain})${desk.active ? "" : ", inactive"}` };
}

/** Settings and credentials; activation has its own operation because it also stops running syncs. */
export async function updateDesk(caller: Caller, ref: DeskRef, patch: Omit<DeskUpdate, "active">): Promise<DeskOutcome> {
  assertAdmin(caller.actor, "change desks");
  const current = await getDesk(ref);
  if (patch.address && patch.address.domain !== current.domain) {
    // Rows carry the domain; moving a desk to another account would mix two accounts' data.
    throw new UserError("The domain of a desk cannot change; add a new desk instead", "address");
  }
  const desk = await patchDesk(current.id, {
    name: patch.name === undefined ? undefined : patch.name || null,
    email: patch.email,
    waitIntervalSeconds: patch.waitIntervalSeconds,
    rateLimitPerMinute: patch.rateLimitPerMinute,
    rateLimitShare: patch.rateLimitShare,
    baseUrl: patch.address?.baseUrl,
    tokenCiphertext: patch.token ? sealSecret(patch.token) : undefined,
  });
  return { desk, message: patch.token ? "Saved, with the new API token." : "Saved." };
}

export async function setDeskActive(caller: Caller, ref: DeskRef, active: boolean): Promise<DeskOutcome> {
  assertAdmin(caller.actor, "activate or deactivate desks");
  const desk = await patchDesk((await getDesk(ref)).id, { active });
  if (active) return { desk, message: "Activated: it syncs on its schedule." };
  const failed = await dispatcher().stopped(desk.id, "deactivated");
  if (failed) return { desk, message: "Deactivated.", warning: `A running sync may go on: ${failed}` };
  return { desk, message: "Deactivated: no more syncs until activated." };
}

export async function removeDesk(caller: Caller, ref: DeskRef): Promise<DeskOutcome> {
  assertAdmin(caller.actor, "remove desks");
  const desk = await getDesk(ref);
  const webhook = await removeWebhookOf(desk.id);
  await deleteDesk(desk.id);
  // The desk is gone either way; a sync Inngest could not cancel fails at its next page.
  const failed = await dispatcher().stopped(desk.id, "removed");
  const warning = [failed ? `A running sync may go on: ${failed}` : "", webhook ?? ""].filter(Boolean).join(" ");
  return { desk, message: `Removed desk ${desk.id} (${desk.domain}) and its data`, ...(warning ? { warning } : {}) };
}
