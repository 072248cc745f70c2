// Playwright's web server: the app on its own embedded database (.data/e2e), emptied and seeded on
// every run (including a desk synced from a fake Zendesk that runs alongside), built when the build is
// stale, served with `next start`.
import pg from "pg";
import { serveApp } from "@/lib/cli/start";
import { prepareRuntime } from "@/lib/runtime";
import { seed } from "./seed";

process.env.DATA_DIR = ".data/e2e";
process.env.EMBEDDED_PG_PORT ??= "54339";
// Where Zendesk (the fake ones the specs start) delivers webhooks: this very server.
process.env.APP_URL ??= `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
// Every spec signs in from 127.0.0.1, dozens of times in a few minutes: more than the per-address
// default allows a real client. The limits themselves are tested in lib/data/sign-in.test.ts.
process.env.LOGIN_RATE_PER_MINUTE ??= "60";
delete process.env.DATABASE_URL;

const runtime = await prepareRuntime((line) => console.error(line));
const client = new pg.Client({ connectionString: runtime.databaseUrl });
await client.connect();
await client.query("TRUNCATE desks, admin_users RESTART IDENTITY CASCADE");
await client.end();
const stopFakeZendesk = await seed();

const code = await serveApp(runtime, { port: Number(process.env.E2E_PORT ?? 3100) });
await stopFakeZendesk();
await runtime.stop();
process.exit(code);
