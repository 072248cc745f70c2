// /api/health for orchestrators (Docker, Kubernetes, a load balancer): is the database answering, and
// is this process's sync loop alive. Public, so it holds no secrets, hosts or counts of data.
import { context } from "@/lib/context";
import { pingDatabase, type DatabaseHealth } from "@/lib/data/health";
import { inngestConfigured } from "@/lib/env";
import { syncLoopState, type SyncLoopState } from "@/lib/sync/loop";

export type HealthReport = {
  ok: boolean;
  database: DatabaseHealth;
  sync: { scheduler: "inngest" } | { scheduler: "in-process"; loop: Pick<SyncLoopState, "state" | "lastTickAt" | "syncing" | "restarts"> | null };
};

export async function healthReport(): Promise<HealthReport> {
  const database = await pingDatabase();
  if (inngestConfigured(context().env)) return { ok: database.ok, database, sync: { scheduler: "inngest" } };
  const loop = syncLoopState();
  return {
    ok: database.ok && loop?.state !== "stopped",
    database,
    sync: { scheduler: "in-process", loop: loop && { state: loop.state, lastTickAt: loop.lastTickAt, syncing: loop.syncing, restarts: loop.restarts } },
  };
}
