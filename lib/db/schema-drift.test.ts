// schema.prisma is the contract; the migrations are what databases get. This test migrates an empty
// database and compares it with the schema's DMMF: every table, column, type, nullability, enum,
// index (columns, order, method, operator class), uniqueness and foreign key, in both directions.
import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
// @ts-expect-error: prisma/comments.mjs is a plain script without type declarations.
import { schemaComments } from "../../prisma/comments.mjs";
import { createEmptyDatabase } from "@/lib/testing/db";

type Field = {
  name: string;
  dbName?: string;
  kind: "scalar" | "object" | "enum";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type Model = { name: string; dbName: string | null; fields: Field[] };
type Index = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc"; operatorClass?: string }[];
};
type Dmmf = { datamodel: { models: Model[]; enums: { name: string; dbName: string | null; values: { name: string }[] }[]; indexes: Index[] } };

const schemaText = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
const dmmf: Dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schemaText]] })));
const models = dmmf.datamodel.models;
const enums = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
const tableOf = (model: Model) => model.dbName ?? model.name;
const columnOf = (model: Model, fieldName: string) => {
  const field = model.fields.find((f) => f.name === fieldName)!;
  return field.dbName ?? field.name;
};

/** Fields Prisma cannot describe (DMMF omits them): `name Unsupported("type")? @map("column")`. */
function unsupportedColumns(): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>();
  for (const block of schemaText.matchAll(/model (\w+) \{([\s\S]*?)\n\}/g)) {
    const model = models.find((m) => m.name === block[1])!;
    for (const line of block[2]!.matchAll(/^\s*(\w+)\s+Unsupported\("(\w+)"\)\??(.*)$/gm)) {
      const mapped = /@map\("(\w+)"\)/.exec(line[3]!)?.[1] ?? line[1]!;
      const columns = result.get(tableOf(model)) ?? new Map();
      columns.set(mapped, line[2]!);
      result.set(tableOf(model), columns);
    }
  }
  return result;
}

function expectedUdt(field: Field): string {
  const native = field.nativeType?.[0];
  const base =
    field.kind === "enum"
      ? enums.get(field.type)!
      : native === "Timestamptz"
        ? "timestamptz"
        : ({ String: "text", Int: "int4", BigInt: "int8", Boolean: "bool", DateTime: "timestamp", Json: "jsonb", Float: "float8", Decimal: "numeric" } as Record<string, string>)[field.type]!;
  return field.isList ? `_${base}` : base;
}

let url: string;
let drop: () => Promise<void>;
let client: pg.Client;

beforeAll(async () => {
  ({ url, drop } = await createEmptyDatabase());
  await migrate(url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await drop();
});

describe("the migrated database matches prisma/schema.prisma", () => {
  it("has exactly the schema's tables", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map(tableOf).sort());
  });

  it("has exactly the schema's enums and values", async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const expected = dmmf.datamodel.enums.map((e) => ({ typname: e.dbName ?? e.name, labels: e.values.map((v) => v.name) }));
    expect(rows.sort((a, b) => a.typname.localeCompare(b.typname))).toEqual(expected.sort((a, b) => a.typname.localeCompare(b.typname)));
  });

  for (const model of models) {
    it(`${tableOf(model)}: every column with its type and nullability, and nothing else`, async () => {
      const { rows } = await client.query<{ column_name: string; udt_name: string; is_nullable: string; precision: number | null }>(
        `SELECT column_name, udt_name, is_nullable, datetime_precision AS precision
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [tableOf(model)],
      );
      const actual = Object.fromEntries(
        rows.map((r) => [r.column_name, { type: r.udt_name, nullable: r.is_nullable === "YES", precision: r.udt_name.startsWith("timestamp") ? r.precision : null }]),
      );
      const expected: Record<string, { type: string; nullable: boolean; precision: number | null }> = {};
      for (const field of model.fields.filter((f) => f.kind !== "object")) {
        const type = expectedUdt(field);
        const precision = type.startsWith("timestamp") ? Number(field.nativeType?.[1]?.[0] ?? 3) : null;
        // Prisma creates scalar lists without NOT NULL (its `migrate diff` output does the same).
        expected[field.dbName ?? field.name] = { type, nullable: !field.isRequired || field.isList, precision };
      }
      for (const [column, type] of unsupportedColumns().get(tableOf(model)) ?? []) {
        expected[column] = { type, nullable: true, precision: null };
      }
      expect(actual).toEqual(expected);
    });
  }

  it("has every index the schema declares, with its columns, order, method and operator class", async () => {
    const { rows } = await client.query<{ table: string; def: string; unique: boolean }>(
      `SELECT c.relname AS table, pg_get_indexdef(i.indexrelid) AS def, i.indisunique AS unique
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'`,
    );
    const actual = rows.map((r) => `${r.unique ? "UNIQUE " : ""}${r.table} ${r.def.replace(/^.* USING /, "USING ")}`);
    for (const index of dmmf.datamodel.indexes) {
      const model = models.find((m) => m.name === index.model)!;
      const method = (index.algorithm ?? "BTree").toLowerCase();
      const columns = index.fields
        .map((f) => {
          const opclass = f.operatorClass ? ` ${f.operatorClass.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase()}` : "";
          return `${columnOf(model, f.name)}${opclass}${f.sortOrder === "desc" ? " DESC" : ""}`;
        })
        .join(", ");
      const unique = index.type === "id" || index.type === "unique" ? "UNIQUE " : "";
      expect(actual).toContain(`${unique}${tableOf(model)} USING ${method} (${columns})`);
    }
  });

  it("has every relation as a foreign key with the schema's delete rule", async () => {
    const { rows } = await client.query<{ table: string; column: string; ref_table: string; ref_column: string; on_delete: string }>(
      `SELECT tc.table_name AS table, kcu.column_name AS column, ccu.table_name AS ref_table,
              ccu.column_name AS ref_column, rc.delete_rule AS on_delete
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
       JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
    );
    const expected = models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === "object" && f.relationFromFields?.length)
        .map((f) => ({
          table: tableOf(model),
          column: columnOf(model, f.relationFromFields![0]!),
          ref_table: tableOf(models.find((m) => m.name === f.type)!),
          ref_column: columnOf(models.find((m) => m.name === f.type)!, f.relationToFields![0]!),
          on_delete: (f.relationOnDelete ?? "Restrict").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase(),
        })),
    );
    const key = (r: { table: string; column: string }) => `${r.table}.${r.column}`;
    expect(rows.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
  });

  it("describes every table and column with the schema's /// comment, for analysts", async () => {
    const { rows } = await client.query<{ table: string; column: string | null; comment: string | null }>(
      `SELECT c.relname AS table, NULL AS column, obj_description(c.oid, 'pg_class') AS comment
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
       UNION ALL
       SELECT c.relname, a.attname, col_description(c.oid, a.attnum)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    const inDatabase = Object.fromEntries(rows.map((r) => [`${r.table}${r.column ? `.${r.column}` : ""}`, r.comment]));
    const tables = schemaComments(schemaText) as { table: string; comment: string | null; columns: { column: string; comment: string | null }[] }[];
    const inSchema = Object.fromEntries(tables.flatMap((t) => [[t.table, t.comment], ...t.columns.map((c) => [`${t.table}.${c.column}`, c.comment])]));
    // A column without a comment in the schema fails too: write its /// line and a COMMENT ON in the migration.
    expect(Object.entries(inSchema).filter(([, comment]) => !comment).map(([name]) => name)).toEqual([]);
    expect(inDatabase).toEqual(inSchema);
  });
});
