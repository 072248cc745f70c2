// Each desk operation from the app and from the CLI, side by side: the app's path is the one every
// server action takes (performAction, as a signed-in admin, then the lib/desks use case), the CLI's is
// the real command in a child process. Both must leave the same rows and send Inngest the same events.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDesk } from "@/lib/data/desks";
import { createUser } from "@/lib/data/users";
import { createDesk, removeDesk, requestBackfill, requestSync, setDeskActive, testDeskConnection, updateDesk, type Actor } from "@/lib/desks";
import { performAction } from "@/lib/perform-action";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeInngest } from "@/lib/testing/fake-inngest";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";
import type { ActionResult } from "@/lib/validations/action-result";
import { deskCreateSchema, deskUpdateSchema } from "@/lib/validations/desk";

const run = promisify(execFile);
const ADMINS = { adminsOnly: "change desks" } as const;

let database: TestDatabase;
let inngest: FakeInngest;
let viaApp: FakeZendesk;
let viaCli: FakeZendesk;
let admin: Actor;

beforeAll(async () => {
  inngest = await FakeInngest.start();
  database = await createTestDatabase(inngest.env);
  [viaApp, viaCli] = await Promise.all([FakeZendesk.start({ seed: 21, tickets: 15 }), FakeZendesk.start({ seed: 21, tickets: 15 })]);
  const user = await createUser({ email: "lead@example.com", role: "admin", password: "a long password" });
  admin = { kind: "user", id: String(user.id), email: user.email, role: "admin" };
});
afterAll(async () => {
  await Promise.all([viaApp.close(), viaCli.close(), inngest.close()]);
  await database.drop();
});

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/cli/index.ts"), ...args], {
      env: { PATH: process.env.PATH, ...database.childEnv, ...env } as unknown as NodeJS.ProcessEnv,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The app's way: what a server action does once Next has given it the session. */
async function asApp<I>(actor: Actor | null, parsed: { success: true; data: I }, handler: (caller: Parameters<typeof createDesk>[0], input: I) => Promise<ActionResult>) {
  const deferred: (() => Promise<string>)[] = [];
  const result = await performAction(actor, ADMINS, parsed, handler, (work) => deferred.push(work));
  return { result, deferred };
}

/** A desk as both interfaces should leave it, minus what differs by nature (id, address, times). */
async function settingsOf(host: string) {
  const desk = await findDesk(host);
  if (!desk) return null;
  const { active, waitIntervalSeconds, rateLimitPerMinute, rateLimitShare, email, name, syncSince, lastError } = desk;
  return { active, waitIntervalSeconds, rateLimitPerMinute, rateLimitShare, email, name, syncSince, lastError };
}

const eventsFor = (deskId: number) => inngest.events.filter((e) => e.data.deskId === deskId).map(({ name, data }) => ({ name, data: { ...data, deskId: "the desk" } }));

describe("every desk operation behaves the same from the app and the CLI (Inngest configured)", () => {
  let appDesk: number;
  let cliDesk: number;

  it("create", async () => {
    const input = { address: viaApp.url, email: viaApp.email, token: viaApp.token, name: "EU", waitIntervalSeconds: "30", rateLimitShare: "40" };
    const app = await asApp(admin, { success: true, data: deskCreateSchema.parse(input) }, async (caller, desk) => ({ ok: true, message: (await createDesk(caller, desk)).message }));
    expect(app.result).toMatchObject({ ok: true, message: expect.stringMatching(/^Added desk \d+/) });
    const cliRun = await cli(inngest.env, "desk", "add", "--domain", viaCli.url, "--email", viaCli.email, "--token", viaCli.token, "--name", "EU", "--wait", "30", "--rate-share", "40");
    expect(cliRun).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Added desk \d+/) });
    expect(await settingsOf(viaCli.host)).toEqual(await settingsOf(viaApp.host));
    appDesk = (await findDesk(viaApp.host))!.id;
    cliDesk = (await findDesk(viaCli.host))!.id;
  });

  it("refuses a viewer in the app, changing nothing", async () => {
    const viewer: Actor = { kind: "user", id: "77", email: "v@example.com", role: "viewer" };
    const before = await settingsOf(viaApp.host);
    const app = await asApp(viewer, { success: true, data: appDesk }, async (caller, id) => ({ ok: true, message: (await setDeskActive(caller, id, false)).message }));
    expect(app.result).toEqual({ ok: false, error: "Only admins can change desks." });
    // The use case refuses too, should a handler forget the wrapper's check.
    await expect(setDeskActive({ actor: viewer, defer: () => {} }, appDesk, false)).rejects.toThrow("Only admins can activate or deactivate desks.");
    expect(await settingsOf(viaApp.host)).toEqual(before);
  });

  it("update settings", async () => {
    const patch = deskUpdateSchema.parse({ waitIntervalSeconds: "120", rateLimitShare: "20", name: "Support EU" });
    await asApp(admin, { success: true, data: patch }, async (caller, p) => ({ ok: true, message: (await updateDesk(caller, appDesk, p)).message }));
    expect(await cli(inngest.env, "desk", "update", String(cliDesk), "--wait", "120", "--rate-share", "20", "--name", "Support EU")).toMatchObject({ code: 0 });
    expect(await settingsOf(viaCli.host)).toEqual(await settingsOf(viaApp.host));
    expect(await settingsOf(viaApp.host)).toMatchObject({ waitIntervalSeconds: 120, rateLimitShare: 20, name: "Support EU" });
  });

  it("test connection", async () => {
    const app = await testDeskConnection({ actor: admin, defer: () => {} }, appDesk);
    const cliRun = await cli(inngest.env, "desk", "test", String(cliDesk));
    expect(cliRun.code).toBe(0);
    expect(cliRun.stdout.trim()).toBe(app.message.replace(viaApp.host, viaCli.host));
  });

  it("sync now and backfill become the same events", async () => {
    const since = new Date("2024-03-01T00:00:00Z");
    const app = await asApp(admin, { success: true, data: appDesk }, async (caller, id) => ({ ok: true, message: await requestSync(caller, id) }));
    await asApp(admin, { success: true, data: appDesk }, async (caller, id) => ({ ok: true, message: await requestBackfill(caller, id, since) }));
    expect(app).toMatchObject({ result: { ok: true, message: "Sync requested from Inngest." }, deferred: [] });
    expect((await cli(inngest.env, "desk", "sync", String(cliDesk))).stdout.trim()).toBe("Sync requested from Inngest.");
    expect((await cli(inngest.env, "desk", "backfill", String(cliDesk), "--since", "2024-03-01")).code).toBe(0);
    expect(eventsFor(cliDesk)).toEqual(eventsFor(appDesk));
    expect(eventsFor(appDesk).map((e) => e.name)).toEqual(["desk/sync.requested", "desk/backfill.requested"]);
  });

  it("deactivate cancels the desk's runs, from both", async () => {
    await asApp(admin, { success: true, data: appDesk }, async (caller, id) => ({ ok: true, message: (await setDeskActive(caller, id, false)).message }));
    expect((await cli(inngest.env, "desk", "update", String(cliDesk), "--inactive")).code).toBe(0);
    expect(eventsFor(cliDesk)).toEqual(eventsFor(appDesk));
    expect(eventsFor(appDesk).at(-1)?.name).toBe("desk/deactivated");
    expect(await settingsOf(viaCli.host)).toEqual(await settingsOf(viaApp.host));
  });

  it("remove deletes the desk with its rows and cancels its runs, from both", async () => {
    await asApp(admin, { success: true, data: appDesk }, async (caller, id) => ({ ok: true, message: (await removeDesk(caller, id)).message }));
    expect((await cli(inngest.env, "desk", "remove", String(cliDesk))).stdout).toMatch(/^Removed desk/);
    expect(eventsFor(cliDesk)).toEqual(eventsFor(appDesk));
    expect(eventsFor(appDesk).at(-1)?.name).toBe("desk/removed");
    expect([await findDesk(viaApp.host), await findDesk(viaCli.host)]).toEqual([null, null]);
  });
});

describe("without Inngest, both run the sync in this install", () => {
  it("sync now: the app runs it after its answer, the CLI before it exits; the same rows either way", async () => {
    database.useEnv({});
    const create = (fake: FakeZendesk) => createDesk({ actor: admin, defer: () => {} }, deskCreateSchema.parse({ address: fake.url, email: fake.email, token: fake.token }));
    const [{ desk: a }, { desk: b }] = [await create(viaApp), await create(viaCli)];
    const app = await asApp(admin, { success: true, data: a.id }, async (caller, id) => ({ ok: true, message: await requestSync(caller, id) }));
    expect(app.result).toEqual({ ok: true, message: "Sync started: follow it on the Sync page." });
    expect(app.deferred).toHaveLength(1);
    await app.deferred[0]!();
    const cliRun = await cli({}, "desk", "sync", String(b.id));
    expect(cliRun.stdout.trim().split("\n")).toEqual(["Sync started: follow it on the Sync page.", expect.stringMatching(/: 15 tickets, /)]);
    const count = (deskId: number) => database.prisma.zendeskTicket.count({ where: { deskId } });
    expect(await count(b.id)).toBe(await count(a.id));
    expect(await count(a.id)).toBe(15);
    const triggers = await database.prisma.syncRun.findMany({ where: { deskId: { in: [a.id, b.id] } }, select: { deskId: true, trigger: true, status: true } });
    expect(triggers).toEqual(expect.arrayContaining([
      { deskId: a.id, trigger: "app", status: "succeeded" },
      { deskId: b.id, trigger: "cli", status: "succeeded" },
    ]));
  });
});
