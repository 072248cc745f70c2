// Runs once when the Next.js server starts: the same runtime preparation as the CLI (secrets checked,
// embedded database when no DATABASE_URL, migrations applied) before any request is served; then,
// when no Inngest server schedules syncs, the server process syncs its active desks itself, so
// `npm start`, `next start` and the Docker image all keep their desks current.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareRuntime } = await import("@/lib/runtime");
  const runtime = await prepareRuntime();
  if (runtime.syncs !== "in-process") return;
  const { runSyncLoop } = await import("@/lib/desks");
  const { logger } = await import("@/lib/log");
  const stop = new AbortController();
  process.once("SIGTERM", () => stop.abort());
  process.once("SIGINT", () => stop.abort());
  const log = logger({ component: "sync-loop" });
  void runSyncLoop({ signal: stop.signal, log: (line) => log.info(line) });
}
