"use server";

// Desk server actions: each one the shared wrapper (session, role, parsing, one answer shape) around
// the desk use case the CLI calls too (lib/desks), plus what only a page needs: refreshing what it shows.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { UserError } from "@/lib/data/errors";
import {
  createDesk,
  removeDesk,
  requestBackfill,
  requestSync,
  setDeskActive,
  testDeskConnection,
  testNewConnection,
  updateDesk,
} from "@/lib/desks";
import { log } from "@/lib/log";
import { formAction, serverAction } from "@/lib/server-action";
import { formText, type ActionResult } from "@/lib/validations/action-result";
import { backfillSchema, parseDeskCreateForm, parseDeskUpdateForm } from "@/lib/validations/desk-form";

const ADMINS = { adminsOnly: "change desks" };

const deskId = z.number().int().positive();

/** A bound desk id comes back from the browser: checked like any other input. */
function deskRef(raw: unknown): number {
  const parsed = deskId.safeParse(raw);
  if (!parsed.success) throw new UserError("This desk no longer exists.");
  return parsed.data;
}

function refresh(id: number) {
  revalidatePath("/desks");
  revalidatePath(`/desks/${id}`);
  revalidatePath("/sync");
  revalidatePath(`/sync/${id}`);
}

const create = formAction(
  ADMINS,
  parseDeskCreateForm,
  async (caller, input) => {
    const { desk } = await createDesk(caller, input);
    revalidatePath("/desks");
    redirect(`/desks/${desk.id}?created=1`);
  },
  ["token"],
);

export async function createDeskAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return create(state, formData);
}

/** "Test connection" on the create form: the typed credentials, checked before anything is saved. */
const testNew = formAction(ADMINS, parseDeskCreateForm, async (caller, { address, email, token }) => {
  const result = await testNewConnection(caller, { baseUrl: address.baseUrl, email, token });
  return result.ok ? { ok: true, message: result.message } : { ok: false, error: result.message };
});

export async function testNewDeskAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return testNew(state, formData);
}

export async function updateDeskAction(id: number, state: ActionResult, formData: FormData): Promise<ActionResult> {
  const update = formAction(
    ADMINS,
    parseDeskUpdateForm,
    async (caller, patch) => {
      const { desk, message } = await updateDesk(caller, deskRef(id), patch);
      refresh(desk.id);
      return { ok: true, message };
    },
    ["token"],
  );
  return update(state, formData);
}

export async function backfillAction(id: number, state: ActionResult, formData: FormData): Promise<ActionResult> {
  const backfill = formAction(
    ADMINS,
    (data) => backfillSchema.safeParse({ since: formText(data, "since") }),
    async (caller, { since }) => {
      const message = await requestBackfill(caller, deskRef(id), since);
      refresh(deskRef(id));
      return { ok: true, message };
    },
  );
  return backfill(state, formData);
}

export const testConnectionAction = serverAction(ADMINS, deskId, async (caller, id) => {
  const result = await testDeskConnection(caller, id);
  refresh(id);
  return result.ok ? { ok: true, message: result.message } : { ok: false, error: result.message };
});

export const syncNowAction = serverAction(ADMINS, deskId, async (caller, id) => {
  const message = await requestSync(caller, id);
  refresh(id);
  return { ok: true, message };
});

const activation = z.object({ id: deskId, active: z.boolean() });

export const setActiveAction = serverAction(ADMINS, activation, async (caller, { id, active }) => {
  const { message, warning } = await setDeskActive(caller, id, active);
  refresh(id);
  return warning ? { ok: false, error: `${message} ${warning}` } : { ok: true, message };
});

export const deleteDeskAction = serverAction(ADMINS, deskId, async (caller, id) => {
  const { desk, warning } = await removeDesk(caller, id);
  revalidatePath("/desks");
  revalidatePath("/sync");
  if (warning) log.warn("desk removed, but a running sync may go on", { deskId: desk.id, domain: desk.domain, warning });
  redirect("/desks");
});
