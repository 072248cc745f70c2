import "server-only";
// The one-time setup code that guards the first admin (as Grafana and Jupyter do): while no user
// exists, each server start prints a fresh code to its console, and the sign-in page creates the first
// admin only for someone who has it, so whoever reaches a new install first cannot claim it.
// Only the code's hash is stored; a code ends with its use, or after a day.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const VALID_HOURS = 24;

const hashOf = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");

/** A new code while the install has no user (replacing any earlier one), else null. */
export async function issueSetupCode(now = new Date()): Promise<string | null> {
  if ((await db().adminUser.count()) > 0) {
    await db().setupCode.deleteMany({});
    return null;
  }
  const raw = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  const code = raw.match(/.{4}/g)!.join("-");
  const expiresAt = new Date(now.getTime() + VALID_HOURS * 3_600_000);
  await db().setupCode.upsert({ where: { id: 1 }, create: { id: 1, codeHash: hashOf(code), expiresAt }, update: { codeHash: hashOf(code), expiresAt, createdAt: now } });
  return code;
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** Inside the first-admin transaction: whether `code` is the current, unexpired code (then spent). */
export async function spendSetupCode(tx: Tx, code: string, now = new Date()): Promise<boolean> {
  const row = await tx.setupCode.findUnique({ where: { id: 1 } });
  if (!row || row.expiresAt <= now) return false;
  const given = Buffer.from(hashOf(code), "hex");
  if (!timingSafeEqual(given, Buffer.from(row.codeHash, "hex"))) return false;
  await tx.setupCode.delete({ where: { id: 1 } });
  return true;
}
