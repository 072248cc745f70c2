// A desk's Zendesk credentials, decrypted for the client only: the sync, "test connection" and the
// comment repair all take them from here. Nothing returned from here is logged or shown.
import { openSecret } from "@/lib/crypto";
import { db } from "@/lib/db/client";

export type DeskCredentials = { baseUrl: string; email: string; token: string };

export async function deskCredentials(deskId: number): Promise<DeskCredentials> {
  const row = await db().desk.findUniqueOrThrow({
    where: { id: deskId },
    select: { baseUrl: true, email: true, tokenCiphertext: true },
  });
  return { baseUrl: row.baseUrl, email: row.email, token: openSecret(row.tokenCiphertext) };
}
