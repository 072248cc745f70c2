// GET /api/health: 200 while the database answers (and the in-process sync loop runs), else 503.
import { healthReport } from "@/lib/desks/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await healthReport();
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
