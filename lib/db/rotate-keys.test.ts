// `keys rotate` re-encrypts every registered secret under the new key, the old key accepted meanwhile;
// and the registry cannot forget a `*_ciphertext` column the schema gains.
import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto";
import { ENCRYPTED_COLUMNS } from "@/lib/db/encrypted-columns";
import { rotateEncryptionKeys } from "@/lib/db/rotate-keys";
import { deskCredentials } from "@/lib/sync/credentials";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";

const OLD = randomBytes(32).toString("base64");
const NEW = randomBytes(32).toString("base64");
const OTHER = randomBytes(32).toString("base64");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ TOKEN_ENCRYPTION_KEY: OLD });
  const row = (domain: string, key: string) =>
    database.prisma.desk.create({ data: { domain, baseUrl: `https://${domain}`, email: "a@b.c", tokenCiphertext: encryptSecret(`token-of-${domain}`, key) } });
  await row("one.zendesk.com", OLD);
  await row("two.zendesk.com", OLD);
  await row("lost.zendesk.com", OTHER);
});
afterAll(() => database.drop());

/** The API token the desk's client would send, read back from its Basic header. */
const tokenOf = async (domain: string) => {
  const { auth } = await deskCredentials((await database.prisma.desk.findUniqueOrThrow({ where: { domain } })).id);
  return Buffer.from((await auth.header()).replace(/^Basic /, ""), "base64").toString("utf8").split("/token:")[1];
};
const tokenColumn = (results: { column: string }[]) => results.find((r) => r.column === "token_ciphertext");

describe("keys rotate", () => {
  it("re-encrypts under the new key while the old one still opens everything, and can run again", async () => {
    database.useEnv({ TOKEN_ENCRYPTION_KEY: NEW, TOKEN_ENCRYPTION_KEY_PREVIOUS: OLD });
    expect(await tokenOf("one.zendesk.com")).toBe("token-of-one.zendesk.com");
    const before = await database.prisma.desk.findUniqueOrThrow({ where: { domain: "two.zendesk.com" } });

    expect(tokenColumn(await rotateEncryptionKeys())).toEqual({ table: "desks", column: "token_ciphertext", reencrypted: 2, current: 0, unreadable: 1 });
    const after = await database.prisma.desk.findUniqueOrThrow({ where: { domain: "two.zendesk.com" } });
    expect(after.tokenCiphertext).not.toBe(before.tokenCiphertext);
    expect(after.tokenCiphertext).not.toContain("token-of");
    expect(tokenColumn(await rotateEncryptionKeys())).toEqual({ table: "desks", column: "token_ciphertext", reencrypted: 0, current: 2, unreadable: 1 });

    // The old key can go now.
    database.useEnv({ TOKEN_ENCRYPTION_KEY: NEW });
    expect(await tokenOf("two.zendesk.com")).toBe("token-of-two.zendesk.com");
    await expect(tokenOf("lost.zendesk.com")).rejects.toThrow(/TOKEN_ENCRYPTION_KEY differs/);
  });

  it("from the command line, names what it needs and reports what it did", async () => {
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/cli/index.ts"), "keys", "rotate"], {
        env: { PATH: process.env.PATH, NODE_ENV: "test", ...database.childEnv, ...env } as NodeJS.ProcessEnv,
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const missing = await run({ TOKEN_ENCRYPTION_KEY: NEW });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^error: Set TOKEN_ENCRYPTION_KEY to the new key and TOKEN_ENCRYPTION_KEY_PREVIOUS/);
    const done = await run({ TOKEN_ENCRYPTION_KEY: NEW, TOKEN_ENCRYPTION_KEY_PREVIOUS: OLD });
    expect(done.stdout).toContain("desks.token_ciphertext: 0 re-encrypted, 2 already under the new key, 1 readable with neither key");
    expect(done.code).toBe(1);
    expect(done.stderr.trim()).toMatch(/^error: 1 secret\(s\) open with neither key/);
  }, 60_000);

  it("knows every *_ciphertext column of schema.prisma (OAuth and webhook secrets must register here)", () => {
    const schema = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
    const found: string[] = [];
    for (const model of schema.matchAll(/model (\w+) \{([\s\S]*?)\n\}/g)) {
      const table = /@@map\("(\w+)"\)/.exec(model[2]!)?.[1] ?? model[1]!;
      for (const field of model[2]!.matchAll(/^\s*(\w+)\s+\w+[^\n]*$/gm)) {
        const column = /@map\("(\w+)"\)/.exec(field[0])?.[1] ?? field[1]!;
        if (/ciphertext$/i.test(column)) found.push(`${table}.${column}`);
      }
    }
    expect(found).toContain("desks.token_ciphertext");
    expect(found.sort()).toEqual(ENCRYPTED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());
  });
});
