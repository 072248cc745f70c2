// The PostgreSQL the benchmark runs on: DATABASE_URL (a role that may create databases) or an
// embedded server whose data directory stays under the output folder, so the 2,000,000-ticket pages
// database survives between runs. Each part works in its own database; nothing else is touched.
import path from "node:path";
import pg from "pg";
import { migrate, startEmbeddedPostgres } from "@/lib/bench/targets";

export type BenchServer = {
  /** "PostgreSQL 18.1 (embedded)" */
  description: string;
  urlOf: (database: string) => string;
  stop: () => Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function openServer(outputDir: string): Promise<BenchServer> {
  const given = process.env.DATABASE_URL;
  const embedded = given ? null : await startEmbeddedPostgres(path.join(outputDir, "pg"));
  const adminUrl = given ?? embedded!.url;
  let version: string;
  try {
    version = await withClient(adminUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    description: `PostgreSQL ${version.split(" ")[0]} (${embedded ? "embedded" : "DATABASE_URL"})`,
    urlOf: (database) => withDatabase(adminUrl, database),
    stop: async () => embedded?.stop(),
  };
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return name;
};

/** A new, migrated database (an older one of that name is dropped). */
export async function freshDatabase(server: BenchServer, name: string): Promise<string> {
  await withClient(server.urlOf("postgres"), async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${ident(name)}`);
  });
  const url = server.urlOf(name);
  await migrate(url);
  return url;
}

/** The label a database carries (COMMENT ON DATABASE), null when it does not exist. */
export async function databaseLabel(server: BenchServer, name: string): Promise<string | null | undefined> {
  return withClient(server.urlOf("postgres"), async (c) => {
    const { rows } = await c.query<{ label: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS label FROM pg_database WHERE datname = $1",
      [name],
    );
    return rows.length ? rows[0]!.label : undefined;
  });
}

export async function labelDatabase(server: BenchServer, name: string, label: string): Promise<void> {
  await withClient(server.urlOf("postgres"), (c) => c.query(`COMMENT ON DATABASE ${ident(name)} IS ${c.escapeLiteral(label)}`));
}
