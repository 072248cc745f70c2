// The agents table's own URL parameters (sort, direction, page) beside the dashboard filter; like
// every URL schema here it never throws.
import { z } from "zod";
import type { RawSearchParams } from "@/lib/validations/ticket-search";

const AGENT_SORTS = ["name", "solved", "reply", "resolution", "reopened", "csat", "open"] as const;
export type AgentSort = (typeof AGENT_SORTS)[number];
export const AGENTS_PER_PAGE = 25;

const single = (input: unknown) => (Array.isArray(input) ? input[0] : input) || undefined;

const agentsViewSchema = z.object({
  sort: z.preprocess(single, z.enum(AGENT_SORTS).default("solved")).catch("solved"),
  dir: z.preprocess(single, z.enum(["asc", "desc"]).optional()).catch(undefined),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(100_000).default(1)).catch(1),
});

export type AgentsView = { sort: AgentSort; dir: "asc" | "desc"; page: number };

/** Numbers sort largest first by default, names A to Z. */
export function parseAgentsView(params: RawSearchParams): AgentsView {
  const record = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  const view = agentsViewSchema.parse(record);
  return { sort: view.sort, dir: view.dir ?? (view.sort === "name" ? "asc" : "desc"), page: view.page };
}

export function agentsViewParams(view: Partial<AgentsView>): Record<string, string | undefined> {
  return { sort: view.sort, dir: view.dir, page: view.page && view.page > 1 ? String(view.page) : undefined };
}
