// How every CLI command runs: runtime prepared once, the command as the actor "cli" (work it starts
// runs in the foreground, its summary printed), one-line errors, a non-zero exit on failure, and the
// database (and an embedded server this process started) closed at the end.
import { ZodError } from "zod";
import { prepareRuntime, type Runtime } from "@/lib/runtime";
import { UserError } from "@/lib/data/errors";
import { describeDatabaseError } from "@/lib/db/errors";
import { MigrationError } from "@/lib/db/migrate";
import { ReaderRoleError } from "@/lib/db/reader-role";
import type { Caller, Deferred } from "@/lib/desks";
import { InvalidEnvironmentError } from "@/lib/env";
import { log } from "@/lib/log";
import { MissingSecretError } from "@/lib/secrets";

export class CliError extends Error {}

const quiet = (line: string) => {
  if (!line.startsWith("Warning:")) return;
  process.stderr.write(`${line}\n`);
};

/** Schema keys whose command-line option has another name. */
const OPTION_NAMES: Record<string, string> = {
  address: "domain",
  authMethod: "auth",
  waitIntervalSeconds: "wait",
  rateLimitPerMinute: "rate-limit",
  rateLimitShare: "rate-share",
};

function describe(error: unknown): string {
  if (error instanceof ZodError) {
    return error.issues
      .map((issue) => {
        const key = String(issue.path[0] ?? "");
        const field = key ? `--${OPTION_NAMES[key] ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : "";
        return field ? `${field}: ${issue.message}` : issue.message;
      })
      .join("; ");
  }
  const database = describeDatabaseError(error);
  if (database) return database;
  // Prisma's messages span many lines (the call site, a code frame); the first line says what failed.
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").find((line) => line.trim())?.trim() ?? "unknown error";
}

const expected = (error: unknown) =>
  error instanceof ZodError ||
  error instanceof UserError ||
  error instanceof CliError ||
  error instanceof MigrationError ||
  error instanceof MissingSecretError ||
  error instanceof InvalidEnvironmentError ||
  error instanceof ReaderRoleError ||
  describeDatabaseError(error) !== null;

export function action<A extends unknown[]>(fn: (runtime: Runtime, caller: Caller, ...args: A) => Promise<void>) {
  return async (...args: A) => {
    let runtime: Runtime | undefined;
    const deferred: Deferred[] = [];
    try {
      runtime = await prepareRuntime(quiet);
      await fn(runtime, { actor: { kind: "cli" }, defer: (work) => deferred.push(work) }, ...args);
      for (const work of deferred) console.log(await work());
    } catch (error) {
      process.stderr.write(`error: ${describe(error)}\n`);
      if (!expected(error) && runtime?.env.LOG_LEVEL === "debug") log.debug("command failed", { err: error });
      process.exitCode = 1;
    } finally {
      await runtime?.stop();
    }
  };
}

/** Fails before the runtime starts: bad arguments must change nothing. */
export function parseOrFail<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    process.stderr.write(`error: ${describe(error)}\n`);
    process.exit(1);
  }
}

export function printTable(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const cells = rows.map((row) => columns.map((c) => formatCell(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join("  ").trimEnd();
  console.log(line(columns));
  for (const row of cells) console.log(line(row));
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (value instanceof Date) return value.toISOString().replace(/\.\d+Z$/, "Z");
  return String(value);
}
