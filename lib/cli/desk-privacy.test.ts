// `desk privacy` as an admin runs it: a child process on a real database.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDesk } from "@/lib/desks";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";
import { deskCreateSchema } from "@/lib/validations/desk";

const run = promisify(execFile);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createDesk(testCaller(), deskCreateSchema.parse({ address: "acme", email: "a@acme.com", token: "zdTokenVerySecret0123456789" }));
});
afterAll(() => database.drop());

async function cli(args: string[]) {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, ...database.childEnv, AUTH_SECRET: randomBytes(32).toString("base64") };
  try {
    const { stdout, stderr } = await run(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/cli/index.ts"), ...args], { env: env as NodeJS.ProcessEnv, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const masked = async () => (await database.prisma.desk.findUniqueOrThrow({ where: { domain: "acme.zendesk.com" } })).maskPii;

it("masks and unmasks a desk's personal data, and shows the setting", async () => {
  expect(await cli(["desk", "privacy", "acme"])).toMatchObject({ code: 0, stdout: "acme.zendesk.com: personal data shown to viewers\n" });
  expect(await cli(["desk", "privacy", "acme", "--mask-pii"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^acme\.zendesk\.com: Personal data masked/) });
  expect(await masked()).toBe(true);
  expect(await cli(["desk", "privacy", "acme.zendesk.com", "--no-mask-pii"])).toMatchObject({ code: 0 });
  expect(await masked()).toBe(false);
  expect(await cli(["desk", "privacy", "nosuch", "--mask-pii"])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: No desk nosuch/) });
});
