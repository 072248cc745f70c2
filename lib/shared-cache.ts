// Per-process, few-seconds cache for page data that is the same for every viewer (the ticket list's
// filter choices, the desks' freshness line): under a burst of page loads the database answers it
// once per TTL instead of once per request. Nothing is invalidated: every entry is at most `ttlMs`
// old, in every app instance alike, so only data that may lag by that much belongs here; nothing
// that depends on who asks (masking, roles, a user's own views) does. Concurrent misses share one
// load, and a failed load is not kept.
import { context } from "@/lib/context";

type Entry = { at: number; value: Promise<unknown> };

// On globalThis: Next.js bundles routes separately, and they should share one cache per process.
const holder = globalThis as unknown as { zdcSharedCache?: Map<string, Entry> };

/** Per database: tests (and the benchmark) switch databases within one process. */
function databaseScope(): string {
  try {
    return context().databaseUrl;
  } catch {
    return "";
  }
}

export async function shared<T>(key: string, ttlMs: number, load: () => Promise<T>, now = Date.now): Promise<T> {
  const entries = (holder.zdcSharedCache ??= new Map());
  const fullKey = `${databaseScope()}|${key}`;
  const seen = entries.get(fullKey);
  if (seen && now() - seen.at < ttlMs) return seen.value as Promise<T>;
  const value = load();
  entries.set(fullKey, { at: now(), value });
  value.catch(() => {
    if (entries.get(fullKey)?.value === value) entries.delete(fullKey);
  });
  return value;
}

/** How long shared page data may lag: short enough that a reload a moment later shows the change. */
export const SHARED_TTL_MS = 2_000;
