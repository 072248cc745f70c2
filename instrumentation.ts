// Runs once when the Next.js server starts: the same runtime preparation as the CLI (secrets checked,
// embedded database when no DATABASE_URL, migrations applied) before any request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareRuntime } = await import("@/lib/runtime");
  await prepareRuntime();
}
