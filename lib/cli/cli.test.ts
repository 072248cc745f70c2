// The CLI as a user runs it: a child process, its exit code, what it prints, and what it leaves in
// the database.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TSX_NODE_ARGS } from "@/lib/testing/node-args";
import { freePort } from "@/lib/testing/net";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { FakeZendesk } from "@/lib/testing/fake-zendesk/server";

const run = promisify(execFile);
const TOKEN = "zdTokenVerySecret0123456789";

let database: TestDatabase;
type Env = Record<string, string | undefined>;
let env: Env;

beforeAll(async () => {
  database = await createTestDatabase();
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
});
afterAll(() => database.drop());

async function cli(args: string[], options: { input?: string; env?: Env } = {}) {
  const child = run(process.execPath, [...TSX_NODE_ARGS, path.resolve("lib/cli/index.ts"), ...args], {
    env: (options.env ?? env) as NodeJS.ProcessEnv,
    timeout: 30_000,
  });
  if (options.input !== undefined) {
    child.child.stdin!.end(options.input);
  } else {
    child.child.stdin!.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("desk commands", () => {
  it("adds a desk, lists it, and keeps its token unreadable in the database", async () => {
    const added = await cli(["desk", "add", "--domain", "acme", "--email", "agent@acme.com", "--token", TOKEN]);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/Added desk \d+ \(acme\.zendesk\.com\)/) });

    const listed = await cli(["desk", "list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/acme\.zendesk\.com\s+api-token \(\d+ days left\)\s+agent@acme\.com\s+\(encrypted\)\s+yes/);
    expect(listed.stdout).not.toContain(TOKEN);

    const rows = await database.prisma.$queryRaw<{ row: string }[]>`SELECT desks::text AS row FROM desks`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain(TOKEN);
    expect(rows[0]!.row).toContain("v1.");
  });

  it.each([
    [["desk", "add", "--domain", "bad domain", "--email", "a@b.co", "--token", TOKEN], /^error: --domain: .*not a Zendesk subdomain/],
    [["desk", "add", "--domain", "beta", "--email", "not-an-email", "--token", TOKEN], /^error: --email: /],
    [["desk", "add", "--domain", "beta", "--email", "a@b.co", "--token", "short"], /^error: --token: The API token is too short/],
    [["desk", "add", "--domain", "beta", "--email", "a@b.co", "--token", TOKEN, "--wait", "2"], /^error: --wait: At least 10 seconds/],
    [["desk", "add", "--domain", "beta", "--email", "a@b.co"], /^error: --token: Enter the API token/],
    [["desk", "add", "--domain", "beta", "--client-id", "zdc", "--token", TOKEN], /^error: Give either --client-id\/--client-secret \(OAuth\) or --email\/--token/],
    [["desk", "add", "--domain", "beta", "--client-id", "zdc", "--client-secret", "short"], /^error: --client-secret: The client secret is too short/],
    [["desk", "add", "--domain", "beta", "--auth", "password"], /^error: option '--auth <method>' argument 'password' is invalid/],
    [["desk", "connect", "acme"], /^error: Set APP_URL to the app's public address \(or pass --redirect-uri\)/],
    [["desk", "connect", "acme", "--redirect-uri", "http://collector.example.com/cb"], /^error: Zendesk accepts only https redirect URLs/],
    [["desk", "add", "--domain", "acme.zendesk.com", "--email", "a@b.co", "--token", TOKEN], /^error: A desk for acme\.zendesk\.com already exists/],
    [["desk", "update", "acme"], /^error: Nothing to change/],
    [["desk", "remove", "nosuch"], /^error: No desk nosuch/],
    [["desk", "frobnicate"], /^error: unknown command 'frobnicate'/],
    [["desk", "add", "--domain", "127.0.0.1:99999", "--email", "a@b.co", "--token", TOKEN], /^error: --domain: 99999 is not a port/],
    [["desk", "backfill", "acme", "--since", "0000-01-01"], /^error: --since: .*(calendar|1970)/],
    [["desk", "backfill", "acme", "--since", "2024-02-30"], /^error: --since: 2024-02-30 is not a date on the calendar/],
    [["desk", "backfill", "acme", "--since", "1969-12-31"], /^error: --since: the date must be 1970-01-01 or later/],
  ])("%j fails with one line and changes nothing", async (args, message) => {
    const before = await database.prisma.$queryRaw<{ row: string }[]>`SELECT desks::text AS row FROM desks ORDER BY id`;
    const result = await cli(args);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(await database.prisma.$queryRaw`SELECT desks::text AS row FROM desks ORDER BY id`).toEqual(before);
  });

  it("updates and removes a desk by domain", async () => {
    expect((await cli(["desk", "update", "acme.zendesk.com", "--inactive", "--wait", "120"])).code).toBe(0);
    const desk = await database.prisma.desk.findUniqueOrThrow({ where: { domain: "acme.zendesk.com" } });
    expect(desk).toMatchObject({ active: false, waitIntervalSeconds: 120 });
    expect((await cli(["desk", "remove", "acme"])).stdout).toMatch(/Removed desk/);
    expect(await database.prisma.desk.count()).toBe(0);
  });
});

describe("OAuth desks", () => {
  const SECRET = "zdc-client-secret-0123456789";
  let fake: FakeZendesk;
  const outputs: string[] = [];
  const cliSeen = async (args: string[], options: { input?: string; env?: Env } = {}) => {
    const result = await cli(args, options);
    outputs.push(result.stdout, result.stderr);
    return result;
  };
  beforeAll(async () => {
    fake = await FakeZendesk.start({
      seed: 4,
      tickets: 8,
      oauth: { clients: [{ identifier: "zdc-server", secret: SECRET }, { identifier: "zdc-public", kind: "public", redirectUris: ["https://collector.example.com/api/desks/oauth/callback"] }] },
    });
  });
  afterAll(() => fake.close());

  it("adds a desk on client credentials with the secret from stdin, tests and syncs it, and never shows a secret or token", async () => {
    const host = fake.url.replace("127.0.0.1", "localhost");
    const added = await cliSeen(["desk", "add", "--domain", host, "--client-id", "zdc-server"], { input: `${SECRET}\n` });
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Added desk \d+ \(localhost:\d+\) with OAuth client credentials\n$/) });
    const listed = await cliSeen(["desk", "list"]);
    expect(listed.stdout).toMatch(/localhost:\d+\s+oauth-client-credentials\s+zdc-server\s+\(encrypted\)\s+yes/);
    const tested = await cliSeen(["desk", "test", new URL(host).host]);
    expect(tested).toMatchObject({ code: 0, stdout: expect.stringContaining("with OAuth client zdc-server (scope read webhooks:write") });
    fake.apiTokens = false;
    const synced = await cliSeen(["sync", "--once", "--desk", new URL(host).host]);
    fake.apiTokens = true;
    expect(synced).toMatchObject({ code: 0, stdout: expect.stringMatching(/localhost:\d+: 8 tickets/) });

    const tokens = fake.oauth.tokens().map((t) => t.accessToken);
    expect(tokens.length).toBeGreaterThan(0);
    const rows = await database.prisma.$queryRaw<{ row: string }[]>`SELECT d::text AS row FROM desks d UNION ALL SELECT r::text FROM sync_runs r`;
    for (const text of [...outputs, ...rows.map((r) => r.row)]) {
      expect(text).not.toContain(SECRET);
      for (const token of tokens) expect(text).not.toContain(token);
    }
  }, 180_000);

  it("moves an API-token desk to OAuth keeping its data and cursors, and prints the URL that connects a desk", async () => {
    expect((await cli(["desk", "add", "--domain", fake.url, "--email", fake.email, "--token", fake.token])).code).toBe(0);
    expect((await cli(["sync", "--once", "--desk", fake.host])).code).toBe(0);
    const before = await database.prisma.desk.findUniqueOrThrow({ where: { domain: fake.host } });
    const moved = await cli(["desk", "update", fake.host, "--client-id", "zdc-server", "--client-secret", SECRET]);
    expect(moved).toMatchObject({ code: 0, stdout: expect.stringContaining("now signs in with OAuth client credentials; its synced data and cursors are kept") });
    const after = await database.prisma.desk.findUniqueOrThrow({ where: { domain: fake.host } });
    expect(after).toMatchObject({ authMethod: "client_credentials", tokenCiphertext: null, ticketCursor: before.ticketCursor, eventStartTime: before.eventStartTime });
    expect(await database.prisma.zendeskTicket.count({ where: { deskId: after.id } })).toBe(8);

    const redirect = "https://collector.example.com/api/desks/oauth/callback";
    const connect = await cli(["desk", "connect", fake.host, "--client-id", "zdc-public"], { env: { ...env, APP_URL: "https://collector.example.com/" } });
    expect(connect.code).toBe(0);
    const url = new URL(connect.stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/oauth/authorizations/new`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: "zdc-public", redirect_uri: redirect, code_challenge_method: "S256" });
    expect(connect.stderr).toContain(`Zendesk sends you back to ${redirect}`);
    // The link works with Zendesk: consent sends the admin back to the app with a code and the state.
    const back = new URL((await fetch(url, { redirect: "manual" })).headers.get("location")!);
    expect(back.searchParams.get("state")).toBe(url.searchParams.get("state"));
    // Nothing changes until the app receives that answer.
    expect((await database.prisma.desk.findUniqueOrThrow({ where: { domain: fake.host } })).authMethod).toBe("client_credentials");
  }, 180_000);
});

describe("user commands", () => {
  it("adds a user with the password from stdin", async () => {
    const result = await cli(["user", "add", "--email", "Lead@Example.com", "--role", "viewer"], { input: "a long stdin password\n" });
    expect(result).toMatchObject({ code: 0, stdout: "Added viewer lead@example.com\n" });
    const user = await database.prisma.adminUser.findUniqueOrThrow({ where: { email: "lead@example.com" } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a bad role or a short password without creating anyone", async () => {
    const count = await database.prisma.adminUser.count();
    expect((await cli(["user", "add", "--email", "x@example.com", "--role", "owner", "--password", "a long password"])).stderr).toMatch(/^error: --role: Role must be admin or viewer/);
    expect((await cli(["user", "add", "--email", "x@example.com", "--role", "admin"], { input: "short\n" })).stderr).toMatch(/^error: --password: .*at least 10/);
    expect(await database.prisma.adminUser.count()).toBe(count);
  });
});

describe("every command", () => {
  it.concurrent.each([[[]], [["db"]], [["db", "migrate"]], [["desk"]], [["desk", "add"]], [["desk", "list"]], [["desk", "update"]], [["desk", "remove"]], [["desk", "connect"]], [["user", "add"]], [["start"]], [["sync"]]])(
    "%j has --help",
    async (args) => {
      const result = await cli([...args, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: /);
    },
  );
});

describe("production settings", () => {
  it("refuses to start without secrets in production, naming them", async () => {
    const result = await cli(["desk", "list"], { env: { PATH: env.PATH, DATABASE_URL: database.url, NODE_ENV: "production" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: AUTH_SECRET and TOKEN_ENCRYPTION_KEY must be set in production/);
  });
});

describe("without DATABASE_URL", () => {
  const portOpen = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });

  it("starts an embedded PostgreSQL under DATA_DIR, keeps data across runs, generates dev secrets and stops on exit", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "zdc-cli-embedded-"));
    // The embedded server runs as an unprivileged user when the tests run as root.
    await chmod(dataDir, 0o777);
    const port = await freePort();
    const embeddedEnv = { PATH: env.PATH, HOME: env.HOME, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) };
    try {
      const added = await cli(["desk", "add", "--domain", "embedded", "--email", "a@b.co", "--token", TOKEN], { env: embeddedEnv });
      expect(added.code).toBe(0);
      expect(added.stderr).toMatch(/Warning: AUTH_SECRET and TOKEN_ENCRYPTION_KEY not set; generated development values/);
      expect(await portOpen(port)).toBe(false);

      const listed = await cli(["desk", "list"], { env: embeddedEnv });
      expect(listed.stdout).toContain("embedded.zendesk.com");
      expect(listed.stderr).toBe("");
      expect(await portOpen(port)).toBe(false);

      const secrets = path.join(dataDir, "secrets.json");
      expect((await stat(secrets)).mode & 0o777).toBe(0o600);
      expect(Object.keys(JSON.parse(await readFile(secrets, "utf8"))).sort()).toEqual(["AUTH_SECRET", "TOKEN_ENCRYPTION_KEY"]);
      expect((await stat(path.join(dataDir, "pg", "PG_VERSION"))).isFile()).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
