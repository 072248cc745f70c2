// What every benchmark part gets from the command line and gives back.
import type { BenchServer } from "@/lib/bench/database";
import type { Row } from "@/lib/bench/report";

export type BenchContext = {
  server: BenchServer;
  /** The git-ignored output folder (.bench): results, the embedded database, temporary files. */
  outputDir: string;
  /** --tickets: the part's size instead of its default. */
  tickets?: number;
  iterations: number;
  warmup: number;
  http: boolean;
  regenerate: boolean;
  /** Environment for processes the part starts (the sync child, next start). */
  env: Record<string, string>;
  log: (line: string) => void;
};

export type PartResult = {
  rows: Row[];
  /** Tickets the part measured at (a baseline is compared only at the same size). */
  size: number;
  /** Everything else worth keeping in the run's JSON file. */
  details: Record<string, unknown>;
};
