// `sla set` and `sla list` as a user runs them: a child process, its exit code and output, and the
// targets it leaves on the desk.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDesk } from "@/lib/desks";
import { testCaller } from "@/lib/testing/callers";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";
import { deskCreateSchema } from "@/lib/validations/desk";

const run = promisify(execFile);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createDesk(testCaller(), deskCreateSchema.parse({ address: "acme", email: "agent@acme.com", token: "zdTokenVerySecret0123456789" }));
});
afterAll(() => database.drop());

async function cli(args: string[]) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...database.childEnv } as unknown as NodeJS.ProcessEnv;
  try {
    const { stdout, stderr } = await run(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/cli/index.ts"), ...args], { env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("sla commands", () => {
  it("sets a desk's targets in hours, lists them, and refuses nonsense changing nothing", async () => {
    const set = await cli(["sla", "set", "acme", "--first-reply-hours", "1.5", "--resolution-hours", "48"]);
    expect(set).toMatchObject({ code: 0, stdout: "SLA targets of acme.zendesk.com saved: first reply 1.5 h, full resolution 48 h.\n" });
    expect(await database.prisma.desk.findFirstOrThrow({ select: { slaFirstReplyMinutes: true, slaResolutionMinutes: true } })).toEqual({
      slaFirstReplyMinutes: 90,
      slaResolutionMinutes: 2880,
    });
    const bad = await cli(["sla", "set", "acme", "--first-reply-hours", "0", "--resolution-hours", "48"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("error: --first-reply-hours: The first reply target must be more than 0 hours.\n");
    const listed = await cli(["sla", "list"]);
    expect(listed.stdout).toMatch(/acme\.zendesk\.com\s+1\.5\s+48/);
    expect((await database.prisma.desk.findFirstOrThrow()).slaFirstReplyMinutes).toBe(90);
  }, 120_000);
});
