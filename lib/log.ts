// The app's one logger: one JSON object per line in production (for log shippers), a short readable
// line elsewhere; levels from LOG_LEVEL; secrets redacted by key wherever they sit in the fields.
// Child loggers carry ids (desk, run, request) so one operation's lines can be found together:
//   const log = logger({ deskId: 3 }); log.info("sync finished", { tickets: 120 });
// Errors logged as `err` keep their message and class; the stack only at debug level, or when the
// error is not one of ours (a bug), so an everyday refusal never fills the log with stack traces.
import type { Env } from "@/lib/env";

export type Level = "debug" | "info" | "warn" | "error";
export type Fields = Record<string, unknown>;

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Field names whose values never reach a log line, at any depth (compared lower-case, `_`/`-` ignored). */
const SECRET_KEYS = new Set([
  "password",
  "token",
  "apitoken",
  "accesstoken",
  "refreshtoken",
  "secret",
  "clientsecret",
  "authorization",
  "cookie",
  "setcookie",
  "authsecret",
  "tokenencryptionkey",
  "signingkey",
  "eventkey",
  "setupcode",
  "ciphertext",
  "tokenciphertext",
]);
export const REDACTED = "[redacted]";

type Settings = { level: Level; json: boolean; write: (line: string) => void };

const holder = globalThis as unknown as { zdcLog?: Settings };

function settings(): Settings {
  holder.zdcLog ??= {
    level: "info",
    json: process.env.NODE_ENV === "production",
    write: (line) => process.stdout.write(`${line}\n`),
  };
  return holder.zdcLog;
}

/** Called by prepareRuntime() with the parsed settings; tests pass `write` to read what was logged. */
export function configureLog(env: Pick<Env, "LOG_LEVEL" | "NODE_ENV">, write?: (line: string) => void): void {
  const current = settings();
  holder.zdcLog = { level: env.LOG_LEVEL, json: env.NODE_ENV === "production", write: write ?? current.write };
}

/** Tests: capture lines (JSON or not) until the returned function is called. */
export function captureLog(options: { json?: boolean; level?: Level } = {}): { lines: string[]; restore: () => void } {
  const previous = settings();
  const lines: string[] = [];
  holder.zdcLog = { level: options.level ?? "debug", json: options.json ?? true, write: (line) => lines.push(line) };
  return { lines, restore: () => void (holder.zdcLog = previous) };
}

const normalise = (key: string) => key.toLowerCase().replace(/[-_]/g, "");

function clean(value: unknown, depth: number, withStack: boolean): unknown {
  if (value instanceof Error) {
    // Plain Error/TypeError/ReferenceError are bugs more often than not: their stack is worth the lines.
    const ours = ![Error, TypeError, ReferenceError, RangeError, SyntaxError].includes(value.constructor as ErrorConstructor);
    return {
      type: value.name === "Error" ? value.constructor.name : value.name,
      message: value.message,
      ...((withStack || !ours) && value.stack ? { stack: value.stack } : {}),
      ...(value.cause !== undefined && depth < 3 ? { cause: clean(value.cause, depth + 1, withStack) } : {}),
    };
  }
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  if (depth >= 5) return "[…]";
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => clean(item, depth + 1, withStack));
  if (value instanceof Date) return value.toISOString();
  const out: Fields = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEYS.has(normalise(key)) && item !== undefined && item !== null ? REDACTED : clean(item, depth + 1, withStack);
  }
  return out;
}

function readable(record: Fields): string {
  const { time, level, msg, err, ...rest } = record;
  const extras = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  const error = err as { type?: string; message?: string; stack?: string } | undefined;
  const errorText = error ? ` (${error.stack ?? `${error.type}: ${error.message}`})` : "";
  return `${String(time).slice(11, 19)} ${String(level).padEnd(5)} ${String(msg)}${extras ? ` ${extras}` : ""}${errorText}`;
}

export type Logger = {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  /** A logger whose lines all carry these fields (deskId, runId, requestId…). */
  child(bindings: Fields): Logger;
};

function make(bindings: Fields): Logger {
  const emit = (level: Level) => (msg: string, fields?: Fields) => {
    const current = settings();
    if (RANK[level] < RANK[current.level]) return;
    const record = clean({ time: new Date().toISOString(), level, msg, ...bindings, ...fields }, 0, current.level === "debug") as Fields;
    try {
      current.write(current.json ? JSON.stringify(record) : readable(record));
    } catch {
      // A closed stdout (the parent went away) must not take the process down with it.
    }
  };
  return {
    debug: emit("debug"),
    info: emit("info"),
    warn: emit("warn"),
    error: emit("error"),
    child: (more) => make({ ...bindings, ...more }),
  };
}

/** The root logger, or one bound to some ids. */
export function logger(bindings: Fields = {}): Logger {
  return make(bindings);
}

export const log = logger();
