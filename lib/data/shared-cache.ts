import "server-only";
// Per-process, few-seconds cache for page data that is the same for every viewer (the ticket list's
// filter choices, the desks' freshness line): under a burst of page loads the database answers it
// once per TTL instead of once per request. Nothing is invalidated: every entry is at most `ttlMs`
// old, in every app instance alike, so only data that may lag by that much belongs here; nothing
// that depends on who asks (masking, roles, a user's own views) does. Concurrent misses share one
// load, and a failed load is not kept.
import { db } from "@/lib/db/client";

type Entry = { at: number; value: Promise<unknown> };

// On globalThis: Next.js bundles routes separately, and they should share one cache per process.
// Per database client: tests (and the benchmark) switch databases within one process.
const holder = globalThis as unknown as { zdcSharedCache?: WeakMap<object, Map<string, Entry>> };

export async function shared<T>(key: string, ttlMs: number, load: () => Promise<T>, now = Date.now, scope: object = db()): Promise<T> {
  const caches = (holder.zdcSharedCache ??= new WeakMap());
  let entries = caches.get(scope);
  if (!entries) caches.set(scope, (entries = new Map()));
  const seen = entries.get(key);
  if (seen && now() - seen.at < ttlMs) return seen.value as Promise<T>;
  const value = load();
  entries.set(key, { at: now(), value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** How long shared page data may lag: short enough that a reload a moment later shows the change. */
export const SHARED_TTL_MS = 2_000;
