import "server-only";
// Names for the ids the dashboards count by: desks, agents and groups. Rollups and aggregates carry
// ids only, so a renamed agent shows under the new name everywhere at once.
import { db } from "@/lib/db/client";

export type Option = { value: string; label: string };

export async function deskOptions(): Promise<Option[]> {
  const rows = await db().$queryRaw<{ id: number; label: string }[]>`SELECT id, coalesce(name, domain) AS label FROM desks ORDER BY label, id`;
  return rows.map((r) => ({ value: String(r.id), label: r.label }));
}

/** Desk id → name (or domain). */
export async function deskNames(ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db().$queryRaw<{ id: number; label: string }[]>`
    SELECT id, coalesce(name, domain) AS label FROM desks WHERE id = ANY(${ids}::int[])`;
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** A Zendesk id as seen on one desk: ids are an account's own, so names are looked up per desk. */
export type DeskScopedId = { deskId: number; id: string };
const scoped = (deskId: number, id: string | bigint) => `${deskId}:${id}`;

function validIds(ids: DeskScopedId[]): { desks: number[]; ids: string[] } {
  const unique = new Map(ids.filter((r) => /^\d{1,19}$/.test(r.id)).map((r) => [scoped(r.deskId, r.id), r]));
  return { desks: [...unique.values()].map((r) => r.deskId), ids: [...unique.values()].map((r) => r.id) };
}

/**
 * "deskId:userId" → name, from the synced users (unique on domain and id); an id without a user row
 * (an agent since deleted) takes the name one of its tickets carries.
 */
export async function userNames(ids: DeskScopedId[]): Promise<Map<string, string>> {
  const wanted = validIds(ids);
  if (wanted.ids.length === 0) return new Map();
  const rows = await db().$queryRaw<{ desk_id: number; id: bigint; label: string | null }[]>`
    SELECT w.desk_id, w.id, coalesce(
      (SELECT coalesce(u.name, u.email) FROM zendesk_users u WHERE u.domain = d.domain AND u.zendesk_id = w.id),
      (SELECT t.assignee_name FROM zendesk_tickets t WHERE t.assignee_id = w.id AND t.desk_id = w.desk_id AND t.assignee_name IS NOT NULL LIMIT 1)) AS label
    FROM unnest(${wanted.desks}::int[], ${wanted.ids}::bigint[]) AS w(desk_id, id)
    JOIN desks d ON d.id = w.desk_id`;
  return new Map(rows.map((r) => [scoped(r.desk_id, r.id), r.label ?? `User ${r.id}`]));
}

/** "deskId:groupId" → name. */
export async function groupNames(ids: DeskScopedId[]): Promise<Map<string, string>> {
  const wanted = validIds(ids);
  if (wanted.ids.length === 0) return new Map();
  const rows = await db().$queryRaw<{ desk_id: number; id: bigint; label: string | null }[]>`
    SELECT w.desk_id, w.id, coalesce(
      (SELECT g.name FROM zendesk_groups g WHERE g.domain = d.domain AND g.zendesk_id = w.id),
      (SELECT t.group_name FROM zendesk_tickets t WHERE t.group_id = w.id AND t.desk_id = w.desk_id AND t.group_name IS NOT NULL LIMIT 1)) AS label
    FROM unnest(${wanted.desks}::int[], ${wanted.ids}::bigint[]) AS w(desk_id, id)
    JOIN desks d ON d.id = w.desk_id`;
  return new Map(rows.map((r) => [scoped(r.desk_id, r.id), r.label ?? `Group ${r.id}`]));
}

export const scopedKey = scoped;
