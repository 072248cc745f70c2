// The people phases of a sync: the incremental user export (cursor-based) and organization export
// (time-based), each page one transaction that upserts the rows, gives every ticket the new names of
// its requester, assignee or organization, and advances that export's own cursor. Without them a
// renamed requester or organization would keep its old name until each of its tickets changed.
import { db } from "@/lib/db/client";
import { openDeskClient } from "@/lib/sync/desk-client";
import { organizationRows, userRows } from "@/lib/sync/map";
import { findRenamed, refreshTicketNames } from "@/lib/sync/names";
import { countsOf, fetching, inactive, isResult, settle, TX, type PageOptions, type PageResult } from "@/lib/sync/pages";
import { advanceOrganizationCursor, advanceUserCursor, countOnRun, lockCursor } from "@/lib/sync/state";
import { upsertOrganizations, upsertUsers } from "@/lib/sync/upsert";
import { fetchOrganizationExportPage, fetchUserExportPage } from "@/lib/zendesk/endpoints";

export async function syncUserPage(deskId: number, runId: string, options: PageOptions = {}): Promise<PageResult> {
  const { client, desk } = await openDeskClient(deskId, options.tuning, options.history);
  if (!desk.active) return inactive(client);
  const from = desk.userCursor ? { cursor: desk.userCursor } : { startTime: Math.floor(desk.syncSince.getTime() / 1000) };
  const page = await fetching(client, runId, () => fetchUserExportPage(client, from, options.tuning?.pageSize));
  if (isResult(page)) return page;
  const users = userRows(page.users);
  await options.hooks?.beforeCommit?.("users");
  const counts = countsOf(client, page.bad);
  const committed = await db().$transaction(async (tx) => {
    if (!(await lockCursor(tx, deskId, "user_cursor", desk.userCursor))) return false;
    const renamed = await findRenamed(tx, desk.domain, users, [], []);
    const written = await upsertUsers(tx, deskId, desk.domain, users);
    await refreshTicketNames(tx, desk.domain, renamed);
    await advanceUserCursor(tx, deskId, page.afterCursor);
    await countOnRun(runId, counts, { pages: 1 }, tx);
    return written;
  }, TX);
  const stalled = !page.endOfStream && (page.afterCursor === null || page.afterCursor === desk.userCursor);
  return settle(runId, counts, committed, page.endOfStream, stalled);
}

export async function syncOrganizationPage(deskId: number, runId: string, options: PageOptions = {}): Promise<PageResult> {
  const { client, desk } = await openDeskClient(deskId, options.tuning, options.history);
  if (!desk.active) return inactive(client);
  const start = desk.organizationStartTime ?? Math.floor(desk.syncSince.getTime() / 1000);
  const page = await fetching(client, runId, () => fetchOrganizationExportPage(client, start, options.tuning?.pageSize));
  if (isResult(page)) return page;
  const organizations = organizationRows(page.organizations);
  await options.hooks?.beforeCommit?.("organizations");
  const counts = countsOf(client, page.bad);
  const committed = await db().$transaction(async (tx) => {
    if (!(await lockCursor(tx, deskId, "organization_start_time", desk.organizationStartTime))) return false;
    const renamed = await findRenamed(tx, desk.domain, [], [], organizations);
    const written = await upsertOrganizations(tx, deskId, desk.domain, organizations);
    await refreshTicketNames(tx, desk.domain, renamed);
    await advanceOrganizationCursor(tx, deskId, page.nextStartTime);
    await countOnRun(runId, counts, { pages: 1 }, tx);
    return written;
  }, TX);
  return settle(runId, counts, committed, page.endOfStream);
}
