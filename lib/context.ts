// What this process was started with: the parsed environment and the database to use. Set once by
// prepareRuntime() (or a test's database helper) and read by the modules below it, so nothing under
// the runtime reads process.env. Kept on globalThis: Next.js bundles instrumentation and routes
// separately, and both must see the one context of the process.
import type { Env } from "@/lib/env";

export type Context = { env: Env; databaseUrl: string };

const holder = globalThis as unknown as { zdcContext?: Context; zdcContextListeners?: Set<() => void> };

export function setContext(context: Context): void {
  holder.zdcContext = context;
  for (const listener of holder.zdcContextListeners ?? []) listener();
}

export function context(): Context {
  if (!holder.zdcContext) throw new Error("The runtime is not prepared: call prepareRuntime() first");
  return holder.zdcContext;
}

/** For process-wide objects built from the context (the database client): rebuilt when it changes. */
export function onContextChange(listener: () => void): void {
  (holder.zdcContextListeners ??= new Set()).add(listener);
}
