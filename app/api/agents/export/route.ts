// CSV of the agents table, every agent (not just one page), sorted and filtered as in the URL.
import { currentUser } from "@/lib/auth";
import { listAgentStats, sortAgents } from "@/lib/data/agents";
import { dashboardScope } from "@/lib/data/dashboard-scope";
import { csvField } from "@/lib/data/ticket-export";
import { parseAgentsView } from "@/lib/validations/agents-view";

const round = (value: number | null, digits = 1) => (value === null ? null : String(Math.round(value * 10 ** digits) / 10 ** digits));

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export agents.", { status: 401 });
  const params = new URL(request.url).searchParams;
  const { filter, result } = await dashboardScope(params, "30d");
  if (!result.ok) return new Response(result.error, { status: 400 });
  const view = parseAgentsView(params);
  const rows = sortAgents(await listAgentStats(result.period, filter.desk), view.sort, view.dir);
  const header = ["agent", "agent_id", "desk_id", "solved", "first_reply_median_minutes", "full_resolution_median_minutes", "reopened", "csat_good", "csat_bad", "csat_percent", "unsolved_now"];
  const lines = rows.map((r) =>
    [
      r.name,
      r.agentId,
      r.deskId === null ? null : String(r.deskId),
      String(r.solved),
      round(r.replyMedianMinutes),
      round(r.resolutionMedianMinutes),
      String(r.reopened),
      String(r.good),
      String(r.bad),
      r.csat === null ? null : round(r.csat * 100),
      String(r.open),
    ]
      .map(csvField)
      .join(","),
  );
  const body = `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
  const { from, to } = result.period;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="agents-${from}-${to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
