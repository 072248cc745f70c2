// The `///` comments of schema.prisma as PostgreSQL comments, so analysts see them in psql (\d+) and
// BI tools. `node prisma/comments.mjs [Model …]` prints the COMMENT ON statements to put in a new
// migration; lib/db/schema-drift.test.ts fails when a table or column lacks its comment in the database.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import prismaSchemaWasm from "@prisma/prisma-schema-wasm";

const sql = (text) => `'${text.replaceAll("'", "''")}'`;

/** Every model's table comment and every column's comment, from the schema text. */
export function schemaComments(schemaText) {
  const dmmf = JSON.parse(prismaSchemaWasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schemaText]] })));
  const tables = [];
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    const columns = model.fields
      .filter((f) => f.kind !== "object")
      .map((f) => ({ column: f.dbName ?? f.name, comment: f.documentation ?? null }));
    // DMMF leaves out Unsupported("…") fields; read their doc comment and @map from the text.
    const block = new RegExp(`model ${model.name} \\{([\\s\\S]*?)\\n\\}`).exec(schemaText)?.[1] ?? "";
    for (const m of block.matchAll(/((?:^[ \t]*\/\/\/.*\n)*)^[ \t]*(\w+)\s+Unsupported\("\w+"\)\??(.*)$/gm)) {
      const comment = m[1].split("\n").map((l) => l.replace(/^\s*\/\/\/\s?/, "")).filter(Boolean).join("\n") || null;
      columns.push({ column: /@map\("(\w+)"\)/.exec(m[3])?.[1] ?? m[2], comment });
    }
    tables.push({ model: model.name, table, comment: model.documentation ?? null, columns });
  }
  return tables;
}

function commentStatements(tables) {
  return tables.flatMap(({ table, comment, columns }) => [
    ...(comment ? [`COMMENT ON TABLE "${table}" IS ${sql(comment)};`] : []),
    ...columns.filter((c) => c.comment).map((c) => `COMMENT ON COLUMN "${table}"."${c.column}" IS ${sql(c.comment)};`),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wanted = new Set(process.argv.slice(2));
  const tables = schemaComments(readFileSync(path.resolve("prisma/schema.prisma"), "utf8")).filter((t) => wanted.size === 0 || wanted.has(t.model));
  console.log(commentStatements(tables).join("\n"));
}
