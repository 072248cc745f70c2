// Tickets show the names of their requester, assignee, group and organization, joined when a ticket is
// upserted. A sideload that brings a new name for one of them also updates the tickets that did not
// change (and so are not on the page), which would otherwise show the old name until their next edit.
import { Prisma } from "@/lib/generated/prisma/client";
import { json } from "@/lib/sync/upsert";

type Tx = Prisma.TransactionClient;

export type Renamed = { users: string[]; groups: string[]; organizations: string[] };

type Named = { zendesk_id: number; name: string | null };
type Person = Named & { email: string | null; external_id: string | null };

const ids = (rows: { id: bigint }[]) => rows.map((r) => String(r.id));

/** Before the sideloads are upserted: which of them are stored under another name, email or external id. */
export async function findRenamed(tx: Tx, domain: string, users: Person[], groups: Named[], organizations: Named[]): Promise<Renamed> {
  const renamed: Renamed = { users: [], groups: [], organizations: [] };
  if (users.length > 0) {
    renamed.users = ids(await tx.$queryRaw<{ id: bigint }[]>`
      SELECT s.zendesk_id AS id FROM zendesk_users s
      JOIN jsonb_to_recordset(${json(users)}::jsonb) AS r(zendesk_id bigint, name text, email text, external_id text)
        ON s.domain = ${domain} AND s.zendesk_id = r.zendesk_id
      WHERE (s.name, s.email, s.external_id) IS DISTINCT FROM (r.name, r.email, r.external_id)`);
  }
  if (groups.length > 0) {
    renamed.groups = ids(await tx.$queryRaw<{ id: bigint }[]>`
      SELECT s.zendesk_id AS id FROM zendesk_groups s
      JOIN jsonb_to_recordset(${json(groups)}::jsonb) AS r(zendesk_id bigint, name text) ON s.domain = ${domain} AND s.zendesk_id = r.zendesk_id
      WHERE s.name IS DISTINCT FROM r.name`);
  }
  if (organizations.length > 0) {
    renamed.organizations = ids(await tx.$queryRaw<{ id: bigint }[]>`
      SELECT s.zendesk_id AS id FROM zendesk_organizations s
      JOIN jsonb_to_recordset(${json(organizations)}::jsonb) AS r(zendesk_id bigint, name text) ON s.domain = ${domain} AND s.zendesk_id = r.zendesk_id
      WHERE s.name IS DISTINCT FROM r.name`);
  }
  return renamed;
}

/** After the sideloads (and the page's tickets) are upserted: every ticket shows the stored names. */
export async function refreshTicketNames(tx: Tx, domain: string, renamed: Renamed): Promise<void> {
  const list = (values: string[]) => Prisma.sql`(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::bigint)`;
  if (renamed.users.length > 0) {
    await tx.$executeRaw`
      UPDATE zendesk_tickets t SET req_name = u.name, req_email = u.email, req_external_id = u.external_id
      FROM zendesk_users u
      WHERE u.domain = ${domain} AND u.zendesk_id IN ${list(renamed.users)} AND t.domain = ${domain} AND t.req_id = u.zendesk_id
        AND (t.req_name, t.req_email, t.req_external_id) IS DISTINCT FROM (u.name, u.email, u.external_id)`;
    await tx.$executeRaw`
      UPDATE zendesk_tickets t SET assignee_name = u.name, assignee_external_id = u.external_id
      FROM zendesk_users u
      WHERE u.domain = ${domain} AND u.zendesk_id IN ${list(renamed.users)} AND t.domain = ${domain} AND t.assignee_id = u.zendesk_id
        AND (t.assignee_name, t.assignee_external_id) IS DISTINCT FROM (u.name, u.external_id)`;
  }
  if (renamed.groups.length > 0) {
    await tx.$executeRaw`
      UPDATE zendesk_tickets t SET group_name = g.name FROM zendesk_groups g
      WHERE g.domain = ${domain} AND g.zendesk_id IN ${list(renamed.groups)} AND t.domain = ${domain} AND t.group_id = g.zendesk_id
        AND t.group_name IS DISTINCT FROM g.name`;
  }
  if (renamed.organizations.length > 0) {
    await tx.$executeRaw`
      UPDATE zendesk_tickets t SET organization_name = o.name FROM zendesk_organizations o
      WHERE o.domain = ${domain} AND o.zendesk_id IN ${list(renamed.organizations)} AND t.domain = ${domain} AND t.organization_id = o.zendesk_id
        AND t.organization_name IS DISTINCT FROM o.name`;
  }
}
