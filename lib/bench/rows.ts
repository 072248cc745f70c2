// Generated API objects as the rows the sync stores (see lib/sync/map.ts and upsert.ts): the same
// columns, names joined from the sideloads, custom fields keyed by id, `custom_field_<id>` keys in
// raw_data, deleted tickets with deleted_at. The pages database is filled with these by COPY.
import { PgText, pgArray } from "@/lib/bench/copy";
import type { ApiComment, GeneratedTicket, Json } from "@/lib/bench/generate-ticket";

export const TICKET_COLUMNS = [
  "desk_id", "domain", "zendesk_id", "subject", "description", "status", "priority", "ticket_type", "url", "via", "current_tags", "tags",
  "req_name", "req_email", "req_id", "req_external_id", "submitter_name", "assignee_name", "assignee_id", "assignee_external_id",
  "group_name", "group_id", "organization_name", "organization_id", "created_at", "updated_at", "generated_timestamp", "assigned_at",
  "initially_assigned_at", "solved_at", "due_date",
  "first_reply_time_in_minutes", "first_reply_time_in_minutes_within_business_hours",
  "first_resolution_time_in_minutes", "first_resolution_time_in_minutes_within_business_hours",
  "full_resolution_time_in_minutes", "full_resolution_time_in_minutes_within_business_hours",
  "agent_wait_time_in_minutes", "agent_wait_time_in_minutes_within_business_hours",
  "requester_wait_time_in_minutes", "requester_wait_time_in_minutes_within_business_hours",
  "on_hold_time_in_minutes", "on_hold_time_in_minutes_within_business_hours",
  "reopens", "replies", "group_stations", "assignee_stations", "satisfaction_score", "custom_fields", "raw_data", "deleted_at", "synced_at",
] as const;

export const COMMENT_COLUMNS = ["desk_id", "domain", "ticket_id", "comment_id", "author_id", "public", "body", "html_body", "created_at", "raw_data", "synced_at"] as const;
export const USER_COLUMNS = ["desk_id", "domain", "zendesk_id", "name", "email", "role", "external_id", "organization_id", "active", "updated_at", "raw_data", "synced_at"] as const;
export const GROUP_COLUMNS = ["desk_id", "domain", "zendesk_id", "name", "deleted", "updated_at", "raw_data", "synced_at"] as const;
export const ORGANIZATION_COLUMNS = ["desk_id", "domain", "zendesk_id", "name", "external_id", "updated_at", "raw_data", "synced_at"] as const;
export const FIELD_COLUMNS = ["desk_id", "domain", "zendesk_id", "title", "type", "options", "active", "position", "raw_data", "synced_at"] as const;

type Desk = { id: number; domain: string };
type Minutes = { calendar: number | null; business: number | null } | undefined;

export function ticketRow(desk: Desk, generated: GeneratedTicket, syncedAt: string): unknown[] {
  const { ticket: t, metricSet: m, requester, assignee, group, organization } = generated;
  // Serialised by hand: spreading the ticket into a new object per row costs more than the rest.
  const fields = (t.custom_fields as { id: number; value: unknown }[]).map((f) => [f.id, JSON.stringify(f.value)] as const);
  const customFields = new PgText(`{${fields.map(([id, value]) => `"${id}":${value}`).join(",")}}`);
  const rawData = new PgText(`${JSON.stringify(t).slice(0, -1)},${fields.map(([id, value]) => `"custom_field_${id}":${value}`).join(",")}}`);
  const tags = t.tags as string[];
  const minutes = (key: string) => {
    const pair = m[key] as Minutes;
    return [pair?.calendar ?? null, pair?.business ?? null];
  };
  return [
    desk.id, desk.domain, t.id, t.subject, t.description, t.status, t.priority, t.type, t.url, (t.via as { channel: string }).channel,
    tags.join(" "), pgArray(tags),
    requester.name, requester.email, requester.id, requester.externalId, requester.name, assignee?.name ?? null, assignee?.id ?? null, null,
    group?.name ?? null, group?.id ?? null, organization?.name ?? null, organization?.id ?? null,
    t.created_at, t.updated_at, t.generated_timestamp, m.assigned_at, m.initially_assigned_at, m.solved_at, t.due_at,
    ...minutes("reply_time_in_minutes"), ...minutes("first_resolution_time_in_minutes"), ...minutes("full_resolution_time_in_minutes"),
    ...minutes("agent_wait_time_in_minutes"), ...minutes("requester_wait_time_in_minutes"), ...minutes("on_hold_time_in_minutes"),
    m.reopens, m.replies, m.group_stations, m.assignee_stations, (t.satisfaction_rating as { score: string }).score,
    customFields, rawData, t.status === "deleted" ? t.updated_at : null, syncedAt,
  ];
}

/** raw_data is the comment event's comment with the ticket id, as the event export gives it to the sync. */
export function commentRow(desk: Desk, ticketId: number, c: ApiComment, syncedAt: string): unknown[] {
  const rawData = new PgText(`${JSON.stringify(c).slice(0, -1)},"ticket_id":${ticketId}}`);
  return [desk.id, desk.domain, ticketId, c.id, c.author_id, c.public, c.body, c.html_body, c.created_at, rawData, syncedAt];
}

export function userRow(desk: Desk, u: Json, syncedAt: string): unknown[] {
  return [desk.id, desk.domain, u.id, u.name, u.email, u.role, u.external_id, u.organization_id, u.active, u.updated_at, u, syncedAt];
}

export function groupRow(desk: Desk, g: Json, syncedAt: string): unknown[] {
  return [desk.id, desk.domain, g.id, g.name, g.deleted, g.updated_at, g, syncedAt];
}

export function organizationRow(desk: Desk, o: Json, syncedAt: string): unknown[] {
  return [desk.id, desk.domain, o.id, o.name, o.external_id, o.updated_at, o, syncedAt];
}

export function fieldRow(desk: Desk, f: Json, syncedAt: string): unknown[] {
  return [desk.id, desk.domain, f.id, f.title, f.type, f.custom_field_options ?? [], f.active, f.position, f, syncedAt];
}
