import "server-only";
// Custom fields are named by their Zendesk title in URLs and on screen; each desk numbers its fields
// itself, so one title is one field id per desk. Values read as people know them: a dropdown's label,
// not its tag.
import { db } from "@/lib/db/client";

export type FieldOption = { name: string; value: string };
export type FieldRef = { deskId: number; zendeskId: string; title: string; type: string; options: FieldOption[] };

const optionsOf = (value: unknown): FieldOption[] => (Array.isArray(value) ? (value as FieldOption[]) : []);

/**
 * A field as a search names it. `sharedId` when another desk may hold values under the same id (Zendesk
 * ids are unique within an account, not across them): it has a field with that id, or no field
 * definitions stored yet. A filter on a field id no other desk has needs no desk test. What this cannot
 * see: another desk's tickets still holding a value under a field that desk has deleted since (its
 * definition is gone), when that id is also this desk's field.
 */
export type SearchField = FieldRef & { sharedId: boolean };

/** The fields with these titles (case-insensitive), on every desk that has one. */
export async function fieldsByTitle(titles: string[]): Promise<SearchField[]> {
  if (titles.length === 0) return [];
  const lower = [...new Set(titles.map((t) => t.toLowerCase()))];
  const rows = await db().$queryRaw<{ desk_id: number; zendesk_id: bigint; title: string; type: string; options: unknown; shared: boolean }[]>`
    SELECT f.desk_id, f.zendesk_id, f.title, f.type, f.options,
      EXISTS (SELECT 1 FROM zendesk_ticket_fields o WHERE o.zendesk_id = f.zendesk_id AND o.desk_id <> f.desk_id)
        OR EXISTS (SELECT 1 FROM desks d WHERE d.id <> f.desk_id AND NOT EXISTS (SELECT 1 FROM zendesk_ticket_fields o WHERE o.desk_id = d.id)) AS shared
    FROM zendesk_ticket_fields f WHERE lower(f.title) = ANY(${lower}::text[])`;
  return rows.map((r) => ({
    deskId: r.desk_id,
    zendeskId: String(r.zendesk_id),
    title: r.title,
    type: r.type,
    options: optionsOf(r.options),
    sharedId: r.shared,
  }));
}

/** A desk's fields in Zendesk's order. */
export async function deskFields(deskId: number): Promise<FieldRef[]> {
  const rows = await db().$queryRaw<{ zendesk_id: bigint; title: string; type: string; options: unknown }[]>`
    SELECT zendesk_id, title, type, options FROM zendesk_ticket_fields
    WHERE desk_id = ${deskId} ORDER BY position NULLS LAST, zendesk_id`;
  return rows.map((r) => ({ deskId, zendeskId: String(r.zendesk_id), title: r.title, type: r.type, options: optionsOf(r.options) }));
}

/** A stored value as text: labels for dropdown tags, Yes/No for checkboxes, lists joined. */
export function displayField(value: unknown, options: FieldOption[]): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const label = (v: unknown) => options.find((o) => o.value === v)?.name ?? String(v);
  if (Array.isArray(value)) return value.length ? value.map(label).join(", ") : null;
  return label(value);
}

/**
 * Reads the named custom fields of rows: `{ title: text }` per row, looked up by the row's desk.
 * Titles no desk has read as null.
 */
export function customFieldReader(titles: string[], fields: FieldRef[]) {
  const byDeskAndTitle = new Map(fields.map((f) => [`${f.deskId}|${f.title.toLowerCase()}`, f]));
  return (deskId: number, values: Record<string, unknown>): Record<string, string | null> =>
    Object.fromEntries(
      titles.map((title) => {
        const field = byDeskAndTitle.get(`${deskId}|${title.toLowerCase()}`);
        return [title, field ? displayField(values[field.zendeskId], field.options) : null];
      }),
    );
}
