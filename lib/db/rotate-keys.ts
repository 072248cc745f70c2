// `keys rotate`: every registered secret re-encrypted under the current TOKEN_ENCRYPTION_KEY, read
// with it or with TOKEN_ENCRYPTION_KEY_PREVIOUS. One transaction per column with its rows locked, so a
// sync or a desk edit running meanwhile waits rather than writes under the old key; values already
// under the new key are left as they are, so a rotation can be run again after an interruption.
import { decryptSecret, sealSecret } from "@/lib/crypto";
import { context } from "@/lib/context";
import { allowLongStatements, db } from "@/lib/db/client";
import { ENCRYPTED_COLUMNS } from "@/lib/db/encrypted-columns";

export type RotationResult = { table: string; column: string; reencrypted: number; current: number; unreadable: number };

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export async function rotateEncryptionKeys(): Promise<RotationResult[]> {
  const { TOKEN_ENCRYPTION_KEY: key, TOKEN_ENCRYPTION_KEY_PREVIOUS: previous } = context().env;
  if (!key) throw new Error("TOKEN_ENCRYPTION_KEY is not set");
  const results: RotationResult[] = [];
  for (const { table, primaryKey, column } of ENCRYPTED_COLUMNS) {
    const result: RotationResult = { table, column, reencrypted: 0, current: 0, unreadable: 0 };
    await db().$transaction(
      async (tx) => {
        await allowLongStatements(tx);
        const rows = await tx.$queryRawUnsafe<{ pk: string; value: string }[]>(
          `SELECT ${quoted(primaryKey)}::text AS pk, ${quoted(column)} AS value FROM ${quoted(table)} WHERE ${quoted(column)} IS NOT NULL FOR UPDATE`,
        );
        for (const row of rows) {
          if (opens(row.value, key)) {
            result.current++;
            continue;
          }
          if (!previous || !opens(row.value, previous)) {
            result.unreadable++;
            continue;
          }
          const sealed = sealSecret(decryptSecret(row.value, previous));
          await tx.$executeRawUnsafe(`UPDATE ${quoted(table)} SET ${quoted(column)} = $1 WHERE ${quoted(primaryKey)}::text = $2`, sealed, row.pk);
          result.reencrypted++;
        }
      },
      { timeout: 600_000 },
    );
    results.push(result);
  }
  return results;
}

function opens(stored: string, key: string): boolean {
  try {
    decryptSecret(stored, key);
    return true;
  } catch {
    return false;
  }
}
