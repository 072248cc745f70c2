"use server";

// Desk server actions: each one the shared wrapper (session, role, parsing, one answer shape) around
// the desk use case the CLI calls too (lib/desks), plus what only a page needs: refreshing what it shows.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { UserError } from "@/lib/data/errors";
import {
  createDesk,
  oauthRedirectUri,
  removeDesk,
  requestBackfill,
  requestSync,
  setDeskActive,
  startDeskConnection,
  testDeskConnection,
  testNewConnection,
  updateDesk,
} from "@/lib/desks";
import { log } from "@/lib/log";
import { formAction, serverAction } from "@/lib/server-action";
import { formText, type ActionResult } from "@/lib/validations/action-result";
import {
  backfillSchema,
  DESK_SECRET_FIELDS,
  parseDeskCreateForm,
  parseDeskSignInForm,
  parseDeskUpdateForm,
  savesInactive,
} from "@/lib/validations/desk-form";
import { requestOrigin } from "./origin";

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

/** A form's parsed values plus its "save anyway (inactive)" choice. */
function withIntent<T>(parse: (formData: FormData) => { success: true; data: T } | { success: false; error: z.ZodError }) {
  return (formData: FormData) => {
    const parsed = parse(formData);
    return parsed.success ? { success: true as const, data: { input: parsed.data, saveInactive: savesInactive(formData) } } : parsed;
  };
}

/**
 * Adds the desk after testing its credentials (unless the admin chose "save anyway (inactive)"); the
 * desk page then says what was checked. An authorization code desk is connected from its page.
 */
const create = formAction(
  ADMINS,
  withIntent(parseDeskCreateForm),
  async (caller, { input, saveInactive }) => {
    const { desk, tested } = await createDesk(caller, input, { check: true, saveInactive });
    revalidatePath("/desks");
    const created = input.authMethod === "authorization_code" ? "connect" : tested ? "tested" : saveInactive ? "inactive" : "untested";
    redirect(`/desks/${desk.id}?created=${created}`);
  },
  DESK_SECRET_FIELDS,
);

export async function createDeskAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return create(state, formData);
}

/** "Test connection" on the create form: the typed credentials, checked before anything is saved. */
const testNew = formAction(ADMINS, parseDeskCreateForm, async (caller, input) => {
  if (input.authMethod === "authorization_code") {
    return { ok: true, message: "A Connect with Zendesk desk is tested once connected: add it, then connect it from its page." };
  }
  const typed =
    input.authMethod === "api_token"
      ? { method: "api_token" as const, email: input.email, token: input.token }
      : { method: "client_credentials" as const, clientId: input.clientId, clientSecret: input.clientSecret };
  const result = await testNewConnection(caller, input.address.baseUrl, typed);
  return result.ok ? { ok: true, message: result.message } : { ok: false, error: result.message };
});

export async function testNewDeskAction(state: ActionResult, formData: FormData): Promise<ActionResult> {
  return testNew(state, formData);
}

/**
 * The desk page's sign-in form: new client credentials or API token (tested before they replace the
 * old ones, keeping data and cursors), or "Connect with Zendesk", which sends the admin to Zendesk.
 */
export async function signInAction(id: number, state: ActionResult, formData: FormData): Promise<ActionResult> {
  const save = formAction(
    ADMINS,
    withIntent(parseDeskSignInForm),
    async (caller, { input, saveInactive }) => {
      if (input.authMethod === "authorization_code") {
        const redirectUri = oauthRedirectUri(await requestOrigin());
        const { url } = await startDeskConnection(caller, deskRef(id), { clientId: input.clientId, clientSecret: input.clientSecret, redirectUri });
        redirect(url);
      }
      const { desk, message, warning } = await updateDesk(caller, deskRef(id), { credentials: input }, { check: true, saveInactive });
      refresh(desk.id);
      return warning ? { ok: false, error: `${message} ${warning}` } : { ok: true, message };
    },
    DESK_SECRET_FIELDS,
  );
  return save(state, formData);
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
