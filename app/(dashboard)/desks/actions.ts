"use server";

// Desk mutations. Each one checks the caller is an admin itself: hidden buttons are not a defence.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { currentUser } from "@/lib/auth";
import { testConnection, testDeskConnection } from "@/lib/data/desk-connection";
import { deactivateDesk, removeDeskAndStop, requestDeskBackfill, requestDeskSync, type SyncRequest } from "@/lib/data/desk-sync";
import { createDesk, findDesk, updateDesk, type Desk } from "@/lib/data/desks";
import { UserError } from "@/lib/data/errors";
import { backfillSchema, parseDeskCreateForm, parseDeskUpdateForm } from "@/lib/validations/desk-form";
import { echoValues, fieldErrorsOf, formText, type FormState } from "@/lib/validations/form-state";

const deskIdSchema = z.number().int().positive();

async function adminRefusal(): Promise<FormState | null> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended: sign in again." };
  if (user.role !== "admin") return { error: "Only admins can change desks." };
  return null;
}

/** The admin check, then the desk the bound id names; otherwise the refusal to show. */
async function adminDesk(deskId: unknown): Promise<Desk | FormState> {
  const refusal = await adminRefusal();
  if (refusal) return refusal;
  const id = deskIdSchema.safeParse(deskId);
  const desk = id.success ? await findDesk(id.data) : null;
  return desk ?? { error: "This desk no longer exists." };
}

const isDesk = (value: Desk | FormState): value is Desk => "domain" in value;

function refresh(deskId: number) {
  revalidatePath("/desks");
  revalidatePath(`/desks/${deskId}`);
  revalidatePath("/sync");
  revalidatePath(`/sync/${deskId}`);
}

function runAfterResponse(request: SyncRequest) {
  if (request.mode !== "in-process") return;
  // The summary line holds counts only, never credentials.
  after(() =>
    request.run().then(
      (line) => console.log(line),
      (error: unknown) => console.error(`sync failed: ${error instanceof Error ? error.message : String(error)}`),
    ),
  );
}

export async function createDeskAction(_state: FormState, formData: FormData): Promise<FormState> {
  const refusal = await adminRefusal();
  if (refusal) return refusal;
  const values = echoValues(formData, ["token"]);
  const parsed = parseDeskCreateForm(formData);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  let desk: Desk;
  try {
    desk = await createDesk(parsed.data);
  } catch (error) {
    if (error instanceof UserError) return { fieldErrors: { address: [error.message] }, values };
    throw error;
  }
  revalidatePath("/desks");
  redirect(`/desks/${desk.id}?created=1`);
}

/** "Test connection" on the create form: the typed credentials, checked before anything is saved. */
export async function testNewDeskAction(_state: FormState, formData: FormData): Promise<FormState> {
  const refusal = await adminRefusal();
  if (refusal) return refusal;
  const parsed = parseDeskCreateForm(formData);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error) };
  const { address, email, token } = parsed.data;
  const result = await testConnection({ baseUrl: address.baseUrl, email, token });
  return result.ok ? { message: result.message } : { error: result.message };
}

export async function updateDeskAction(deskId: number, _state: FormState, formData: FormData): Promise<FormState> {
  const desk = await adminDesk(deskId);
  if (!isDesk(desk)) return desk;
  const values = echoValues(formData, ["token"]);
  const parsed = parseDeskUpdateForm(formData);
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    await updateDesk(desk.id, parsed.data);
  } catch (error) {
    if (error instanceof UserError) return { fieldErrors: { address: [error.message] }, values };
    throw error;
  }
  refresh(desk.id);
  return { message: parsed.data.token ? "Saved, with the new API token." : "Saved." };
}

export async function testConnectionAction(deskId: number): Promise<FormState> {
  const desk = await adminDesk(deskId);
  if (!isDesk(desk)) return desk;
  const result = await testDeskConnection(desk.id);
  return result.ok ? { message: result.message } : { error: result.message };
}

export async function syncNowAction(deskId: number): Promise<FormState> {
  const desk = await adminDesk(deskId);
  if (!isDesk(desk)) return desk;
  if (!desk.active) return { error: "This desk is inactive: activate it to sync." };
  const request = await requestDeskSync(desk);
  if (request.mode === "failed") return { error: request.error };
  runAfterResponse(request);
  refresh(desk.id);
  return { message: request.mode === "inngest" ? "Sync requested from Inngest." : "Sync started: follow it on the Sync page." };
}

export async function backfillAction(deskId: number, _state: FormState, formData: FormData): Promise<FormState> {
  const desk = await adminDesk(deskId);
  if (!isDesk(desk)) return desk;
  const parsed = backfillSchema.safeParse({ since: formText(formData, "since") });
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values: echoValues(formData, []) };
  if (!desk.active) return { error: "This desk is inactive: activate it before a backfill." };
  const request = await requestDeskBackfill(desk, parsed.data.since);
  if (request.mode === "failed") return { error: request.error };
  runAfterResponse(request);
  refresh(desk.id);
  const day = parsed.data.since.toISOString().slice(0, 10);
  return { message: `Backfill from ${day} started: every ticket changed since then is exported again.` };
}

export async function setActiveAction(deskId: number, active: boolean): Promise<FormState> {
  const desk = await adminDesk(deskId);
  if (!isDesk(desk)) return desk;
  if (active) {
    await updateDesk(desk.id, { active: true });
    refresh(desk.id);
    return { message: "Activated: it syncs on its schedule." };
  }
  const { warning } = await deactivateDesk(desk.id);
  refresh(desk.id);
  if (warning) return { error: `Deactivated, but a running sync may go on: ${warning}` };
  return { message: "Deactivated: no more syncs until activated." };
}

export async function deleteDeskAction(deskId: number): Promise<FormState> {
  const desk = await adminDesk(deskId);
  if (!isDesk(desk)) return desk;
  const { warning } = await removeDeskAndStop(desk.id);
  revalidatePath("/desks");
  revalidatePath("/sync");
  // The desk is gone either way; a sync Inngest could not cancel stops at its next page.
  if (warning) console.error(`desk ${desk.domain} removed; ${warning}`);
  redirect("/desks");
}
