// `bench:pages -- --http`: pages measured end to end through `next start` (the existing .next build)
// on the pages database: a signed-in viewer's GET, timed until the last byte of the streamed HTML, so
// rendering and every Suspense boundary are included.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createViewer, freePort } from "@/lib/bench/targets";

const VIEWER = { email: "bench@example.com", password: "bench-password-123" };

export type HttpApp = {
  get: (pathAndQuery: string) => Promise<void>;
  /** A signed-in GET that answers with its status instead of throwing (load tests count refusals); an error page counts as 500. */
  status: (pathAndQuery: string) => Promise<number>;
  stop: () => Promise<void>;
  /** CPU time the app's process has used so far, in ms (Linux /proc; null elsewhere). */
  cpuMs: () => number | null;
};

/** utime + stime of a process, in ms (clock ticks are 100 per second on Linux). */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function waitForServer(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/login`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("next start did not answer within a minute");
}

/** Auth.js credentials sign-in over HTTP: CSRF cookie and token, then the callback sets the session. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, ...VIEWER, callbackUrl: `${base}/` }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed (${response.status})`);
  return `${csrfCookie}; ${session.split(";")[0]}`;
}

export async function startHttpApp(env: Record<string, string | undefined>): Promise<HttpApp> {
  if (!existsSync(path.resolve(".next", "BUILD_ID"))) throw new Error("No .next build: run `npx next build` first");
  await createViewer(VIEWER.email, VIEWER.password);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const bin = path.resolve("node_modules", "next", "dist", "bin", "next");
  // Its own process group, so stopping it also stops the next-server child holding the port.
  const child = spawn(process.execPath, [bin, "start", "-p", String(port)], {
    env: { ...process.env, ...env, NODE_ENV: "production", AUTH_TRUST_HOST: "true" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
  };
  try {
    await waitForServer(base, child);
    const cookie = await signIn(base);
    return {
      get: async (pathAndQuery) => {
        const response = await fetch(`${base}${pathAndQuery}`, { headers: { cookie }, redirect: "manual" });
        if (response.status !== 200) throw new Error(`GET ${pathAndQuery}: ${response.status}`);
        await response.arrayBuffer();
      },
      status: async (pathAndQuery) => {
        const response = await fetch(`${base}${pathAndQuery}`, { headers: { cookie }, redirect: "manual" });
        const body = await response.text();
        // A streamed page has sent its 200 before a failure (a BusyError) renders the error boundary:
        // counted as the 500 it is.
        return response.status === 200 && body.includes(`data-testid="page-error"`) ? 500 : response.status;
      },
      stop,
      // `next start` serves from its own process (no worker): this is the server's CPU.
      cpuMs: () => processCpuMs(child.pid),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
