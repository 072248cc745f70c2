// Runs lib/bench/child.ts in its own process, so its memory is the sync's alone.
import { spawn } from "node:child_process";
import path from "node:path";
import type { SyncSummary } from "@/lib/bench/targets";

export type ChildResult = { summary: SyncSummary; peakRssMb: number };

export function syncInChild(deskId: number, env: Record<string, string>, liftExportLimit: boolean): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), "--import", "tsx", path.resolve("lib/bench/child.ts")], {
      env: { ...process.env, ...env, BENCH_DESK_ID: String(deskId), BENCH_LIFT_EXPORT_LIMIT: liftExportLimit ? "1" : "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) return reject(new Error(`sync process exited with ${code}: ${out.slice(-500)}`));
      const result = JSON.parse(line) as ChildResult;
      if (result.summary.error) return reject(new Error(`sync failed: ${result.summary.error}`));
      resolve(result);
    });
  });
}
