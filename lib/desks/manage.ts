// Adding, changing, (de)activating and removing desks: the same rules and the same side effects
// whether an admin clicks in the app or types in the CLI. Credentials are encrypted here, before
// anything stores them. New credentials can be tested before they are saved: a desk is never saved
// active with credentials that just failed, unless the admin chose to save it inactive.
import { openSecret, sealSecret } from "@/lib/crypto";
import { deleteDesk, deskSecrets, findDesk, getDesk, insertDesk, patchDesk, type Desk, type DeskSignIn } from "@/lib/data/desks";
import { UserError } from "@/lib/data/errors";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import { testNewConnection, type ConnectionOptions, type NewCredentials } from "@/lib/desks/connection";
import { dispatcher } from "@/lib/desks/dispatch";
import { removeWebhookOf } from "@/lib/desks/realtime";
import { clearReconnectNeeded, markReconnectNeeded } from "@/lib/sync/state";
import type { DeskCreate, DeskCredentialsChange, DeskUpdate } from "@/lib/validations/desk";
import { AUTH_METHOD_LABELS, NOT_CONNECTED } from "@/lib/validations/desk-auth";

export type DeskRef = string | number;

/** What an operation did, in words for whoever asked, and a warning when a side effect failed. */
export type DeskOutcome = { desk: Desk; message: string; warning?: string; tested?: boolean };

/**
 * `check`: test new credentials against Zendesk before saving (the app's forms); a failure is refused
 * as a UserError on the field "connection". `saveInactive`: the admin's "save anyway (inactive)".
 */
export type SaveOptions = { check?: boolean | ConnectionOptions; saveInactive?: boolean };

/** The field a refused connection test is reported on, where the form offers "save anyway (inactive)". */
export const CONNECTION_FIELD = "connection";

export async function createDesk(caller: Caller, input: DeskCreate, options: SaveOptions = {}): Promise<DeskOutcome> {
  assertAdmin(caller.actor, "add desks");
  // Before any request to Zendesk: a second desk for one account is refused anyway.
  if (await findDesk(input.address.domain)) throw new UserError(`A desk for ${input.address.domain} already exists`, "address");
  const active = input.active && !options.saveInactive;
  const typed = typedCredentials(input);
  let tested = false;
  if (options.check && active && typed) {
    const result = await testNewConnection(caller, input.address.baseUrl, typed, connectionOptions(options));
    if (!result.ok) throw new UserError(result.message, CONNECTION_FIELD);
    tested = true;
  }
  const desk = await insertDesk({
    address: input.address,
    name: input.name || null,
    active,
    waitIntervalSeconds: input.waitIntervalSeconds,
    rateLimitPerMinute: input.rateLimitPerMinute,
    rateLimitShare: input.rateLimitShare,
    signIn: sealSignIn(input),
  });
  // No Zendesk call for it until an admin has connected it.
  if (input.authMethod === "authorization_code") await markReconnectNeeded(desk.id, NOT_CONNECTED);
  const how = AUTH_METHOD_LABELS[input.authMethod];
  return { desk, tested, message: `Added desk ${desk.id} (${desk.domain}) with ${how}${desk.active ? "" : ", inactive"}` };
}

/** The credentials a new desk can be tested with (an authorization code desk has none before connecting). */
function typedCredentials(input: DeskCreate): NewCredentials | null {
  if (input.authMethod === "api_token") return { method: "api_token", email: input.email, token: input.token };
  if (input.authMethod === "client_credentials") return { method: "client_credentials", clientId: input.clientId, clientSecret: input.clientSecret };
  return null;
}

function sealSignIn(input: DeskCreate): DeskSignIn {
  const none = { email: null, tokenCiphertext: null, oauthClientId: null, oauthClientSecretCiphertext: null };
  if (input.authMethod === "api_token") return { ...none, authMethod: "api_token", email: input.email, tokenCiphertext: sealSecret(input.token) };
  const secret = input.clientSecret ? sealSecret(input.clientSecret) : null;
  return { ...none, authMethod: input.authMethod, oauthClientId: input.clientId, oauthClientSecretCiphertext: secret };
}

const connectionOptions = (options: SaveOptions): ConnectionOptions => (typeof options.check === "object" ? options.check : {});

/**
 * Settings and credentials; activation has its own operation because it also stops running syncs.
 * New credentials (client credentials, or an API token) replace the old ones and the tokens issued
 * for them, keep every synced row and both cursors, and end a "needs reconnecting".
 */
export async function updateDesk(caller: Caller, ref: DeskRef, patch: DeskUpdate, options: SaveOptions = {}): Promise<DeskOutcome> {
  assertAdmin(caller.actor, "change desks");
  const current = await getDesk(ref);
  if (patch.address && patch.address.domain !== current.domain) {
    // Rows carry the domain; moving a desk to another account would mix two accounts' data.
    throw new UserError("The domain of a desk cannot change; add a new desk instead", "address");
  }
  const change = patch.credentials ? await credentialChange(current, patch.credentials) : null;
  const deactivate = Boolean(change && options.saveInactive && current.active);
  let tested = false;
  if (change && options.check && current.active && !options.saveInactive) {
    const result = await testNewConnection(caller, patch.address?.baseUrl ?? current.baseUrl, change.typed, connectionOptions(options));
    if (!result.ok) throw new UserError(result.message, CONNECTION_FIELD);
    tested = true;
  }
  const desk = await patchDesk(current.id, {
    name: patch.name === undefined ? undefined : patch.name || null,
    waitIntervalSeconds: patch.waitIntervalSeconds,
    rateLimitPerMinute: patch.rateLimitPerMinute,
    rateLimitShare: patch.rateLimitShare,
    baseUrl: patch.address?.baseUrl,
    signIn: change?.signIn,
    ...(deactivate ? { active: false } : {}),
  });
  if (!change) return { desk, message: "Saved." };
  await clearReconnectNeeded(desk.id);
  const warning = deactivate ? await dispatcher().stopped(desk.id, "deactivated") : null;
  const method = AUTH_METHOD_LABELS[change.signIn.authMethod];
  const switched = current.authMethod !== change.signIn.authMethod;
  const message = switched
    ? `Saved: the desk now signs in with ${method}; its synced data and cursors are kept.`
    : change.signIn.authMethod === "api_token"
      ? "Saved, with the new API token."
      : "Saved, with the new OAuth client credentials.";
  return { desk: await getDesk(desk.id), tested, message: deactivate ? `${message} It is inactive until you activate it.` : message, ...(warning ? { warning } : {}) };
}

/**
 * The new sign-in columns, and the credentials to test them with. A secret left out is kept only
 * where it still belongs: the same OAuth client, or an API-token desk keeping its token.
 */
async function credentialChange(current: Desk, input: DeskCredentialsChange): Promise<{ signIn: DeskSignIn; typed: NewCredentials } | null> {
  const stored = await deskSecrets(current.id);
  const none = { email: null, tokenCiphertext: null, oauthClientId: null, oauthClientSecretCiphertext: null };
  if (input.authMethod === "api_token") {
    const keep = current.authMethod === "api_token" ? stored.tokenCiphertext : null;
    if (!input.token && !keep) throw new UserError("Enter the API token", "token");
    if (!input.token && input.email === current.email) return null;
    const tokenCiphertext = input.token ? sealSecret(input.token) : keep!;
    return {
      signIn: { ...none, authMethod: "api_token", email: input.email, tokenCiphertext },
      typed: { method: "api_token", email: input.email, token: input.token ?? openSecret(keep!) },
    };
  }
  const sameClient = current.authMethod === "client_credentials" && current.oauthClientId === input.clientId;
  const keep = sameClient ? stored.oauthClientSecretCiphertext : null;
  if (!input.clientSecret && !keep) throw new UserError("Enter the OAuth client's secret", "clientSecret");
  if (!input.clientSecret && sameClient && !current.reconnectReason) return null;
  const secretCiphertext = input.clientSecret ? sealSecret(input.clientSecret) : keep!;
  return {
    signIn: { ...none, authMethod: "client_credentials", oauthClientId: input.clientId, oauthClientSecretCiphertext: secretCiphertext },
    typed: { method: "client_credentials", clientId: input.clientId, clientSecret: input.clientSecret ?? openSecret(keep!) },
  };
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
