// Real time for a desk: turning it on creates a webhook at Zendesk (with the desk's own sign-in, as the
// sync: an OAuth token with the webhooks:write scope, renewed as needed, or a legacy API token)
// that sends every ticket event to this app's public address, and keeps its signing secret encrypted;
// turning it off removes the webhook. The catch-up sync keeps running either way, as the safety net.
import { context } from "@/lib/context";
import { sealSecret } from "@/lib/crypto";
import { clearDeskWebhook, findDeskRealtime, saveDeskWebhook, setDeskExportLimit, type DeskRealtime } from "@/lib/data/desk-realtime";
import { getDesk } from "@/lib/data/desks";
import { UserError } from "@/lib/data/errors";
import { assertAdmin, type Caller } from "@/lib/desks/actor";
import type { DeskRef } from "@/lib/desks/manage";
import { forgetWebhookDesk } from "@/lib/desks/webhook-secrets";
import { openDeskClient } from "@/lib/sync/desk-client";
import { clearTicketQueue } from "@/lib/sync/ticket-queue";
import { checkAppUrl, webhookEndpoint } from "@/lib/validations/app-url";
import { ZendeskAuthError, ZendeskRequestError, ZendeskWaitError } from "@/lib/zendesk/errors";
import { createTicketWebhook, deleteWebhook, fetchWebhookSecret, findWebhooksTo, testWebhook } from "@/lib/zendesk/webhooks";

export type RealtimeOutcome = { message: string; warning?: string };

/** The export limits Zendesk has: the standard one and the High Volume add-on's. */
export const EXPORT_LIMITS = [10, 30] as const;

/** Zendesk's failures in words for the admin; anything else is a bug and propagates. */
function zendeskRefusal(error: unknown, doing: string): UserError {
  if (error instanceof ZendeskAuthError && error.status === 403) {
    return new UserError(
      `Zendesk refused to ${doing} (HTTP 403): webhooks need the Zendesk user the desk signs in as to be an admin and, with OAuth, the webhooks:write scope (allow it in the OAuth client's allowed scopes, then reconnect the desk).`,
    );
  }
  if (error instanceof ZendeskAuthError || error instanceof ZendeskRequestError || error instanceof ZendeskWaitError) {
    return new UserError(`Zendesk could not ${doing}: ${error.message}`);
  }
  throw error;
}

export async function enableRealtime(caller: Caller, ref: DeskRef): Promise<RealtimeOutcome> {
  assertAdmin(caller.actor, "turn real-time on or off");
  const desk = await getDesk(ref);
  const appUrl = checkAppUrl(context().env.APP_URL);
  if (!appUrl.ok) throw new UserError(appUrl.error);
  const endpoint = webhookEndpoint(appUrl.url, desk.id);
  const current = await findDeskRealtime(desk.id);
  let client: Awaited<ReturnType<typeof openDeskClient>>["client"];
  let webhookId: string;
  let replaced = false;
  try {
    // Opening may renew an OAuth token, or find the desk needs reconnecting: both are Zendesk's answer.
    ({ client } = await openDeskClient(desk.id));
    // A webhook left by an earlier attempt, or by real-time on another address, would deliver twice.
    const stale = new Set(await findWebhooksTo(client, endpoint));
    if (current?.webhookId) stale.add(current.webhookId);
    for (const id of stale) {
      await deleteWebhook(client, id);
      replaced ||= id === current?.webhookId;
    }
    webhookId = await createTicketWebhook(client, {
      name: `Zendesk Data Collector: ${desk.domain}`,
      description: `Ticket events for the collector at ${appUrl.url} (desk ${desk.id}); managed by the app, turn real-time off there to remove it.`,
      endpoint,
    });
    const secret = await fetchWebhookSecret(client, webhookId);
    await saveDeskWebhook(desk.id, { id: webhookId, endpoint, secretCiphertext: sealSecret(secret) });
  } catch (error) {
    // The webhook that was on is gone: say so here too, rather than wait for deliveries that never come.
    if (replaced) {
      await clearDeskWebhook(desk.id);
      forgetWebhookDesk(desk.id);
    }
    throw zendeskRefusal(error, "set up the webhook");
  }
  forgetWebhookDesk(desk.id);
  const message = `Real-time is on: Zendesk sends ticket changes to ${endpoint}.`;
  // Zendesk's own test request, signed with the new secret, shows whether it can reach this app.
  try {
    const status = await testWebhook(client, webhookId, endpoint);
    if (status !== null && (status < 200 || status >= 300)) {
      return { message, warning: `Zendesk's test request to ${endpoint} got HTTP ${status}: check that APP_URL reaches this app from the internet.` };
    }
    return { message: status === null ? message : `${message} Zendesk's test request got through.` };
  } catch (error) {
    return { message, warning: `Zendesk could not send a test request: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Removes the webhook at Zendesk, then here. If Zendesk cannot be asked (revoked token, outage),
 * nothing changes unless `forget`: then this app stops listening and the webhook is left to an admin.
 */
export async function disableRealtime(caller: Caller, ref: DeskRef, options: { forget?: boolean } = {}): Promise<RealtimeOutcome> {
  assertAdmin(caller.actor, "turn real-time on or off");
  const desk = await getDesk(ref);
  const current = await findDeskRealtime(desk.id);
  if (!current?.webhookId) return { message: "Real-time is already off." };
  let warning: string | undefined;
  try {
    const { client } = await openDeskClient(desk.id);
    await deleteWebhook(client, current.webhookId);
  } catch (error) {
    const refusal = zendeskRefusal(error, "remove the webhook");
    if (!options.forget) throw new UserError(`${refusal.message} Nothing changed; try again, or turn real-time off here only.`);
    warning = `${refusal.message} Remove webhook ${current.webhookId} in Zendesk's Admin Center.`;
  }
  await clearDeskWebhook(desk.id);
  await clearTicketQueue(desk.id);
  forgetWebhookDesk(desk.id);
  return { message: "Real-time is off: the catch-up sync keeps the desk current.", ...(warning ? { warning } : {}) };
}

/** The account's incremental export limit: 10 a minute, 30 with Zendesk's High Volume API add-on. */
export async function setExportLimit(caller: Caller, ref: DeskRef, perMinute: number): Promise<RealtimeOutcome> {
  assertAdmin(caller.actor, "change desks");
  if (!(EXPORT_LIMITS as readonly number[]).includes(perMinute)) {
    throw new UserError(`The export limit is ${EXPORT_LIMITS.join(" or ")} requests a minute (30 with the High Volume add-on).`, "exportLimitPerMinute");
  }
  const desk = await getDesk(ref);
  await setDeskExportLimit(desk.id, perMinute);
  return { message: `Export limit set to ${perMinute} requests a minute.` };
}

/** The app's public address as real-time would give it to Zendesk, checked. */
export function publicAppUrl(): ReturnType<typeof checkAppUrl> {
  return checkAppUrl(context().env.APP_URL);
}

export type RealtimeStatus = DeskRealtime & { appUrl: ReturnType<typeof checkAppUrl>; endpoint: string | null };

/** What the desk page and `desk realtime status` show: the webhook, and where it would deliver now. */
export async function realtimeStatus(caller: Caller, ref: DeskRef): Promise<RealtimeStatus> {
  assertAdmin(caller.actor, "see desk settings");
  const desk = await getDesk(ref);
  const realtime = (await findDeskRealtime(desk.id))!;
  const appUrl = publicAppUrl();
  return { ...realtime, appUrl, endpoint: appUrl.ok ? webhookEndpoint(appUrl.url, desk.id) : null };
}

/**
 * Before a desk is removed: its webhook at Zendesk would go on delivering to an address that answers
 * 404 for ever. Best effort; a warning (for the admin) when Zendesk could not be asked.
 */
export async function removeWebhookOf(deskId: number): Promise<string | null> {
  const current = await findDeskRealtime(deskId);
  if (!current?.webhookId) return null;
  forgetWebhookDesk(deskId);
  try {
    const { client } = await openDeskClient(deskId);
    await deleteWebhook(client, current.webhookId);
    return null;
  } catch (error) {
    return `Zendesk webhook ${current.webhookId} could not be removed (${error instanceof Error ? error.message : String(error)}): remove it in Zendesk's Admin Center.`;
  }
}
