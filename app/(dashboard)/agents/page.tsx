import { Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AgentsTable } from "@/components/agents/agents-table";
import { DashboardFilters } from "@/components/charts/dashboard-filters";
import { PeriodSummary } from "@/components/charts/period-summary";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth";
import { listAgentStats, sortAgents } from "@/lib/data/agents";
import { dashboardScope } from "@/lib/data/dashboard-scope";
import { AGENTS_PER_PAGE, agentsViewParams, parseAgentsView } from "@/lib/validations/agents-view";
import { dashboardHref, dashboardParams } from "@/lib/validations/dashboard-filter";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const params = await searchParams;
  const { filter, result, desks } = await dashboardScope(params, "30d");
  const view = parseAgentsView(params);
  const keep = agentsViewParams({ sort: view.sort, dir: view.dir });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Agents</h1>
        <p className="text-sm text-muted-foreground">
          Every agent, over the tickets solved in the period (status solved or closed): how many, their median first reply and full resolution
          times (calendar time; from duration buckets, within 5 %), how many had been reopened, and CSAT (good ÷ rated). Unsolved now: tickets new, open, pending or on hold
          assigned to them today.
        </p>
      </div>
      <DashboardFilters key={JSON.stringify(filter)} path="/agents" filter={filter} desks={desks} keep={keep} shown={result.ok ? result.period : undefined} />
      <PeriodSummary result={result} />
      {result.ok && <AgentsSection filter={filter} period={result.period} view={view} desks={desks} />}
    </div>
  );
}

async function AgentsSection({
  filter,
  period,
  view,
  desks,
}: {
  filter: Parameters<typeof dashboardHref>[1];
  period: { from: string; to: string };
  view: ReturnType<typeof parseAgentsView>;
  desks: { value: string; label: string }[];
}) {
  const rows = sortAgents(await listAgentStats(period, filter.desk), view.sort, view.dir);
  const pages = Math.max(1, Math.ceil(rows.length / AGENTS_PER_PAGE));
  const page = Math.min(view.page, pages);
  const shown = rows.slice((page - 1) * AGENTS_PER_PAGE, page * AGENTS_PER_PAGE);
  const first = rows.length === 0 ? 0 : (page - 1) * AGENTS_PER_PAGE + 1;
  const last = first + shown.length - 1;
  const pageHref = (n: number) => dashboardHref("/agents", filter, agentsViewParams({ ...view, page: n }));
  const exportQuery = dashboardParams(filter, agentsViewParams({ sort: view.sort, dir: view.dir })).toString();
  const deskNames = filter.desk.length !== 1 && desks.length > 1 ? new Map(desks.map((d) => [Number(d.value), d.label])) : null;
  return (
    <section className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" data-testid="agents-count">
          Agents {first}–{Math.max(first, last)} of {rows.length}
        </p>
        <Button variant="outline" asChild>
          <a href={`/api/agents/export?${exportQuery}`} download>
            <Download aria-hidden /> Export CSV (all {rows.length})
          </a>
        </Button>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No agents synced for these desks yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <AgentsTable rows={shown} view={{ ...view, page }} filter={filter} period={period} deskNames={deskNames} />
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Agent pages" className="flex items-center gap-3 text-sm">
          {page > 1 ? (
            <Link href={pageHref(page - 1)} className="text-primary hover:underline">
              Previous page
            </Link>
          ) : (
            <span className="text-muted-foreground">Previous page</span>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={pageHref(page + 1)} className="text-primary hover:underline">
              Next page
            </Link>
          ) : (
            <span className="text-muted-foreground">Next page</span>
          )}
        </nav>
      )}
    </section>
  );
}
