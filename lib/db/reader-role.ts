// `db reader --name bi`: a PostgreSQL login for analysts and BI tools that can read the synced tables
// and the analyst views and nothing else: not desks (credentials), not admin_users, and it cannot
// write. Running it again rotates the password. The password goes to the server only as a SCRAM
// verifier (as psql's \password sends it), so it never appears in a server log.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import pg from "pg";
import { READERS_GROUP, refreshAnalystViews } from "@/lib/db/analyst-views";

/** A request the database cannot honour as asked (a name taken by another role, missing rights). */
export class ReaderRoleError extends Error {}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function scramVerifier(password: string): string {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

export type Reader = { name: string; url: string; created: boolean; views: string[] };

export async function ensureReaderRole(databaseUrl: string, name: string): Promise<Reader> {
  if (!NAME.test(name) || name.startsWith("pg_") || name === READERS_GROUP) {
    throw new ReaderRoleError(`--name: use lower-case letters, digits and _ (not starting with a digit or pg_, not ${READERS_GROUP})`);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const existing = await client.query<{ reader: boolean }>(
      `SELECT NOT r.rolsuper AND EXISTS (
         SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid AND g.rolname = $2) AS reader
       FROM pg_roles r WHERE r.rolname = $1`,
      [name, READERS_GROUP],
    );
    const exists = existing.rows.length > 0;
    if (exists && !existing.rows[0]!.reader) throw new ReaderRoleError(`A role named ${name} already exists and is not a reader: choose another --name`);

    const password = randomBytes(24).toString("base64url");
    await client.query("BEGIN");
    try {
      const group = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [READERS_GROUP]);
      if (group.rows.length === 0) await client.query(`CREATE ROLE ${READERS_GROUP} NOLOGIN`);
      const database = (await client.query<{ name: string }>(`SELECT current_database() AS name`)).rows[0]!.name;
      await client.query(`GRANT CONNECT ON DATABASE "${database}" TO ${READERS_GROUP}`);
      await client.query(`GRANT USAGE ON SCHEMA public TO ${READERS_GROUP}`);
      // Before PostgreSQL 15 everyone may create tables in public; a reader must not.
      await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      const verifier = scramVerifier(password);
      if (exists) await client.query(`ALTER ROLE "${name}" WITH LOGIN PASSWORD '${verifier}'`);
      else await client.query(`CREATE ROLE "${name}" WITH LOGIN PASSWORD '${verifier}' IN ROLE ${READERS_GROUP}`);
      // Belt and braces: even a statement the grants would allow runs in a read-only transaction.
      await client.query(`ALTER ROLE "${name}" SET default_transaction_read_only = on`);
      // Creates views still missing, then grants the tables and every view to the group.
      await refreshAnalystViews(async (text, params) => (await client.query(text, params)).rows);
      const views = (await client.query<{ name: string }>(`SELECT name FROM analyst_views ORDER BY name`)).rows.map((r) => r.name);
      await client.query("COMMIT");
      const url = new URL(databaseUrl);
      url.username = name;
      url.password = password;
      return { name, url: url.toString(), created: !exists, views };
    } catch (error) {
      await client.query("ROLLBACK");
      if (error instanceof ReaderRoleError) throw error;
      const code = (error as { code?: string }).code;
      if (code === "42501") throw new ReaderRoleError(`The app's database user may not create roles (${(error as Error).message}): run this as a user with CREATEROLE`);
      throw error;
    }
  } finally {
    await client.end().catch(() => {});
  }
}
