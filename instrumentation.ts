// Runs once when the Next.js server starts: the same runtime preparation as the CLI (secrets checked,
// embedded database when no DATABASE_URL, migrations applied) before any request is served; requests
// stamped with their socket's address (per-address limits); while no user exists, a one-time setup
// code for the first admin printed here; then, when no Inngest server schedules syncs, the server
// process syncs its active desks itself, so `npm start`, `next start` and the Docker image all keep
// their desks current.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddresses } = await import("@/lib/peer-address");
  stampPeerAddresses();
  const { prepareRuntime } = await import("@/lib/runtime");
  const runtime = await prepareRuntime();
  const { logger } = await import("@/lib/log");
  const { issueSetupCode } = await import("@/lib/data/setup-code");
  const code = await issueSetupCode();
  if (code) {
    const where = runtime.env.APP_URL ?? `http://localhost:${runtime.env.PORT}`;
    logger().warn(`No users yet. Create the first admin at ${where}/login with the one-time setup code ${code} (valid 24 h; a restart prints a new one), or run \`npm run cli -- user add\`.`);
  }
  // Sign-in and action budgets keep a row per key (an address, an account): rows unused for a day go, hourly.
  const { forgetOldLimits } = await import("@/lib/db/rate-limits");
  const forget = () => void forgetOldLimits().catch((error: unknown) => logger().warn(`Could not prune rate limits: ${String(error)}`));
  forget();
  setInterval(forget, 3_600_000).unref();
  if (runtime.syncs !== "in-process") return;
  const { runSyncLoop } = await import("@/lib/desks");
  const stop = new AbortController();
  process.once("SIGTERM", () => stop.abort());
  process.once("SIGINT", () => stop.abort());
  const log = logger({ component: "sync-loop" });
  void runSyncLoop({ signal: stop.signal, log: (line) => log.info(line) });
}
