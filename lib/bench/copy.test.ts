import { once } from "node:events";
import { PassThrough, Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyIn, copyLine, copyOut, pgArray } from "@/lib/bench/copy";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query("CREATE TABLE copied (n int, label text, tags text[], doc jsonb)");
});

afterAll(async () => {
  await client.end();
  await database.drop();
});

const awkward = ["tab\there", "line\nbreak\r\n", "back\\slash \\N", 'quote " and {brace}', "Straße 日本語 🚀", ""];

describe("COPY over a pg connection", () => {
  it("stores every awkward value exactly as given", async () => {
    await client.query("TRUNCATE copied");
    const lines = awkward.map((label, n) => copyLine([n, label, pgArray([label, "plain"]), { label, n }]));
    lines.push(copyLine([99, null, pgArray([]), null]));
    expect(await copyIn(client, "COPY copied (n, label, tags, doc) FROM STDIN", lines)).toBe(awkward.length + 1);
    const { rows } = await client.query<{ n: number; label: string | null; tags: string[]; doc: unknown }>("SELECT * FROM copied ORDER BY n");
    expect(rows).toEqual([
      ...awkward.map((label, n) => ({ n, label, tags: [label, "plain"], doc: { label, n } })),
      { n: 99, label: null, tags: [], doc: null },
    ]);
  });

  it("streams a large table out to a slow reader and back in without losing a row", async () => {
    await client.query("TRUNCATE copied");
    await client.query(`INSERT INTO copied SELECT g, repeat('x', 200) || g, ARRAY['a'], jsonb_build_object('g', g) FROM generate_series(1, 50000) g`);
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        setImmediate(done);
      },
    });
    expect(await copyOut(client, "COPY (SELECT * FROM copied ORDER BY n) TO STDOUT", slow)).toBe(50_000);
    await client.query("TRUNCATE copied");
    const source = new PassThrough();
    const copying = copyIn(client, "COPY copied FROM STDIN", source);
    for (const chunk of chunks) if (!source.write(chunk)) await once(source, "drain");
    source.end();
    expect(await copying).toBe(50_000);
    const { rows } = await client.query<{ n: string; sum: string }>("SELECT count(*) AS n, sum(n) AS sum FROM copied");
    expect(rows[0]).toEqual({ n: "50000", sum: String((50_000 * 50_001) / 2) });
  });

  it("leaves the connection reading when the sink is ended while still full", async () => {
    const full = new Writable({ highWaterMark: 1, write: (_chunk, _encoding, done) => setTimeout(done, 20) });
    expect(await copyOut(client, "COPY (SELECT g FROM generate_series(1, 3) g) TO STDOUT", full)).toBe(3);
    full.end();
    expect((await client.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
  });

  it("fails with the server's error and leaves the connection usable", async () => {
    await expect(copyIn(client, "COPY copied (n) FROM STDIN", ["not a number\n"])).rejects.toThrow(/invalid input syntax for type integer/);
    await expect(copyIn(client, "COPY copied (n) FROM STDIN", (async function* () {
      yield "1\n";
      throw new Error("generator broke");
    })())).rejects.toThrow(/generator broke/);
    expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});
