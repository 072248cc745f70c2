// Zendesk credentials at rest: AES-256-GCM with a key derived from TOKEN_ENCRYPTION_KEY. The stored
// form is `v1.<iv>.<tag>.<ciphertext>` (base64url), so a future key or cipher can be told apart. While
// keys rotate (`keys rotate`), values under TOKEN_ENCRYPTION_KEY_PREVIOUS still open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { context } from "@/lib/context";

const VERSION = "v1";

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "zendesk-data-collector", "desk-token-v1", 32));
}

export function encryptSecret(plaintext: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url"));
  return [VERSION, ...parts].join(".");
}

export function decryptSecret(stored: string, secret: string): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error("Unrecognised encrypted value");
  }
  const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new Error("Cannot decrypt the stored token: TOKEN_ENCRYPTION_KEY differs from the one that encrypted it");
  }
}

function configuredKey(): string {
  const key = context().env.TOKEN_ENCRYPTION_KEY;
  if (!key) throw new Error("TOKEN_ENCRYPTION_KEY is not set");
  return key;
}

/** Encrypts with the process's TOKEN_ENCRYPTION_KEY. */
export const sealSecret = (plaintext: string) => encryptSecret(plaintext, configuredKey());

/**
 * Decrypts with TOKEN_ENCRYPTION_KEY, or during a key rotation with TOKEN_ENCRYPTION_KEY_PREVIOUS;
 * `previous` says the value still waits for `keys rotate`.
 */
function openSecretWithAnyKey(stored: string): { plaintext: string; previous: boolean } {
  try {
    return { plaintext: decryptSecret(stored, configuredKey()), previous: false };
  } catch (error) {
    const previousKey = context().env.TOKEN_ENCRYPTION_KEY_PREVIOUS;
    if (!previousKey) throw error;
    return { plaintext: decryptSecret(stored, previousKey), previous: true };
  }
}

/** Decrypts with the process's key (or the previous one while keys rotate). */
export const openSecret = (stored: string) => openSecretWithAnyKey(stored).plaintext;
