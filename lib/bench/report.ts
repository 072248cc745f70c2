// The one table `npm run bench` prints (each figure beside its baseline and its target), the JSON file
// of a run under the output folder, and the committed baseline (lib/bench/baseline.json).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

export type Part = "ingest" | "requests" | "pages" | "load" | "realtime";
export type Figures = Record<string, number>;

export type Row = {
  /** Stable key: the baseline is matched on it. */
  id: string;
  part: Part;
  label: string;
  /** Raw figures for the JSON file and the next baseline; null when there is nothing to measure yet. */
  figures: Figures | null;
  show: (figures: Figures) => string;
  /** The baseline column when the part measures its own baseline (the ingest's COPY and per-row loop). */
  before?: string;
  /** The "now" column when figures is null. */
  missing?: string;
  target: string;
  pass: boolean | null;
};

export type Machine = {
  cores: number;
  cpu: string;
  memoryGb: number;
  /** Mean of the 1-minute load average over the run: other work on the machine skews every figure. */
  load: number;
  node: string;
  postgres: string;
  commit: string;
};

export type Baseline = {
  date: string;
  machine: Machine;
  /** Tickets per part the figures were measured at; other sizes are not compared. */
  sizes: Partial<Record<Part, number>>;
  iterations: number;
  figures: Record<string, Figures>;
};

export function machine(postgres: string, load: number): Machine {
  const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
  let commit = "unknown";
  try {
    commit = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? " (modified)" : ""}`;
  } catch {
    // not a git checkout
  }
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    load: Math.round(load * 10) / 10,
    node: process.version,
    postgres,
    commit,
  };
}

export function readBaseline(file: string): Baseline | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Baseline;
  } catch {
    return null;
  }
}

function beforeText(row: Row, baseline: Baseline | null, sizes: Partial<Record<Part, number>>): string {
  if (row.before !== undefined) return row.before;
  const figures = baseline?.figures[row.id];
  if (!baseline || !figures) return "";
  const size = baseline.sizes[row.part];
  if (size !== sizes[row.part]) return `(baseline at ${size?.toLocaleString("en-US")} tickets)`;
  return row.show(figures);
}

export function renderTable(rows: Row[], header: string, baseline: Baseline | null, sizes: Partial<Record<Part, number>>): string {
  const cells = rows.map((row) => [
    row.part,
    row.label,
    beforeText(row, baseline, sizes),
    row.figures ? row.show(row.figures) : (row.missing ?? "n/a"),
    row.target,
    row.pass === null ? "" : row.pass ? "✓" : "✗",
  ]);
  const baselineNote = [
    baseline ? `before: the ${baseline.date.slice(0, 10)} baseline (lib/bench/baseline.json, commit ${baseline.machine.commit})` : "before: no baseline",
    "[n]: tickets the view matches",
    "pages: p50 / p95",
  ].join(" · ");
  const titles = ["part", "measure", "before", "now", "target", ""];
  const widths = titles.map((t, i) => Math.max(t.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((text, i) => text.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [header, baselineNote, "", line(titles), line(widths.map((w) => "-".repeat(w)))];
  cells.forEach((c, i) => {
    if (i > 0 && rows[i - 1]!.part !== rows[i]!.part) out.push("");
    out.push(line(c));
  });
  return out.join("\n");
}

export function rowsForJson(rows: Row[], baseline: Baseline | null, sizes: Partial<Record<Part, number>>) {
  return rows.map((row) => ({
    id: row.id,
    part: row.part,
    label: row.label,
    figures: row.figures,
    before: beforeText(row, baseline, sizes),
    now: row.figures ? row.show(row.figures) : (row.missing ?? "n/a"),
    target: row.target,
    pass: row.pass,
  }));
}

/** The run's figures as the new baseline; parts not run keep their old figures. */
export function saveBaseline(file: string, previous: Baseline | null, rows: Row[], run: Omit<Baseline, "figures" | "sizes"> & { sizes: Partial<Record<Part, number>> }): void {
  const ran = new Set(rows.map((r) => r.part));
  const kept = Object.fromEntries(Object.entries(previous?.figures ?? {}).filter(([id]) => !ran.has(id.split(".")[0] as Part)));
  const keptSizes = Object.fromEntries(Object.entries(previous?.sizes ?? {}).filter(([part]) => !ran.has(part as Part)));
  const figures = { ...kept, ...Object.fromEntries(rows.filter((r) => r.figures).map((r) => [r.id, r.figures!])) };
  const baseline: Baseline = { ...run, sizes: { ...keptSizes, ...run.sizes }, figures };
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

const ms = (value: number) => (value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1));
export const int = (value: number) => Math.round(value).toLocaleString("en-US");
export const pagesTiming = (f: Figures) => `${ms(f.p50!)} / ${ms(f.p95!)} ms`;
