// One fixed palette that means something: a value has the same colour on every chart and under every
// filter, status colours are the ticket list's badge tones, good is green and bad is red. Plain hex,
// because SVG presentation attributes take plain values; these read well on light and dark.
import { STATUS_TONE } from "@/components/tickets/format";

/** The badge tones of components/ui/badge.tsx (light theme values of --success, --warning, --destructive, --muted-foreground). */
export const TONE = { success: "#16a34a", warning: "#d97706", error: "#dc2626", neutral: "#64748b" } as const;
const PRIMARY = "#4f46e5";
/** Tickets without a value (Unassigned, no priority…). */
const NONE_COLOR = "#cbd5e1";

export const SERIES = { created: PRIMARY, solved: TONE.success, unsolved: TONE.warning, reply: "#0891b2", resolution: "#7c3aed" } as const;

const PRIORITY: Record<string, string> = { urgent: TONE.error, high: "#ea580c", normal: "#2563eb", low: "#94a3b8" };
const SATISFACTION: Record<string, string> = {
  good: TONE.success,
  good_with_comment: TONE.success,
  bad: TONE.error,
  bad_with_comment: TONE.error,
  offered: "#f59e0b",
  unoffered: TONE.neutral,
};
const CHANNEL: Record<string, string> = {
  email: "#2563eb",
  web: "#7c3aed",
  api: "#0891b2",
  chat: "#db2777",
  voice: "#ea580c",
  mobile: "#65a30d",
  sms: "#ca8a04",
  any_channel: "#0d9488",
};
/** For channels outside the table: picked by the name, so a channel keeps its colour whatever else is shown. */
const SPARE = ["#0f766e", "#9333ea", "#c2410c", "#0369a1", "#4d7c0f", "#be185d", "#a16207", "#4338ca"];

function byName(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return SPARE[hash % SPARE.length]!;
}

export type ColorDimension = "status" | "priority" | "via" | "satisfaction" | "assignee" | "group" | "desk";

/** The colour of one value; `key` null is the "none" bar. */
export function colorOf(dimension: ColorDimension, key: string | null): string {
  if (key === null) return NONE_COLOR;
  switch (dimension) {
    case "status":
      return TONE[STATUS_TONE[key] ?? "neutral"];
    case "priority":
      return PRIORITY[key] ?? TONE.neutral;
    case "satisfaction":
      return SATISFACTION[key] ?? TONE.neutral;
    case "via":
      return CHANNEL[key] ?? byName(key);
    default:
      // People, groups and desks have no meaning in a colour: one colour, the bars' length says it all.
      return PRIMARY;
  }
}

export const AXIS = { stroke: "#94a3b8", fontSize: 12 };
export const GRID = "#94a3b833";
