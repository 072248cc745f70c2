// lib/data queries the database: a client bundle must never pull it in, so each module says so first.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const dir = path.resolve("lib/data");
const modules = readdirSync(dir).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));

it.each(modules)("lib/data/%s starts with import \"server-only\"", (name) => {
  expect(readFileSync(path.join(dir, name), "utf8").startsWith('import "server-only";\n')).toBe(true);
});
