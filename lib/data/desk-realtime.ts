import "server-only";
// A desk's real-time settings: the webhook this app created at Zendesk (its id, where it delivers, its
// signing secret, encrypted by lib/desks before it arrives here) and the account's export limit. The
// secret leaves only as ciphertext, for the webhook route to decrypt; nothing else returned carries it.
import { db } from "@/lib/db/client";

export type DeskRealtime = {
  deskId: number;
  domain: string;
  active: boolean;
  webhookId: string | null;
  webhookEndpoint: string | null;
  realtimeSince: Date | null;
  /** Null until test connection (or an admin) sets it; 10 is assumed then. */
  exportLimitPerMinute: number | null;
};

export async function findDeskRealtime(deskId: number): Promise<DeskRealtime | null> {
  const desk = await db().desk.findUnique({
    where: { id: deskId },
    select: { id: true, domain: true, active: true, webhookId: true, webhookEndpoint: true, realtimeSince: true, exportLimitPerMinute: true },
  });
  return desk && { ...desk, deskId: desk.id };
}

/** What the webhook route needs to verify a delivery: whether the desk is active and its secret, sealed. */
export async function findWebhookSecret(deskId: number): Promise<{ active: boolean; secretCiphertext: string } | null> {
  const desk = await db().desk.findUnique({ where: { id: deskId }, select: { active: true, webhookSecretCiphertext: true } });
  return desk?.webhookSecretCiphertext ? { active: desk.active, secretCiphertext: desk.webhookSecretCiphertext } : null;
}

export async function saveDeskWebhook(deskId: number, webhook: { id: string; endpoint: string; secretCiphertext: string }): Promise<void> {
  await db().desk.update({
    where: { id: deskId },
    data: { webhookId: webhook.id, webhookEndpoint: webhook.endpoint, webhookSecretCiphertext: webhook.secretCiphertext, realtimeSince: new Date() },
    select: { id: true },
  });
}

export async function clearDeskWebhook(deskId: number): Promise<void> {
  await db().desk.update({
    where: { id: deskId },
    data: { webhookId: null, webhookEndpoint: null, webhookSecretCiphertext: null, realtimeSince: null },
    select: { id: true },
  });
}

export async function setDeskExportLimit(deskId: number, perMinute: number): Promise<void> {
  await db().desk.update({ where: { id: deskId }, data: { exportLimitPerMinute: perMinute }, select: { id: true } });
}
