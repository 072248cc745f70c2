// Turns a parsed Zendesk export page into the rows of the database contract (zendesk_* tables).
// Names (requester, assignee, group, organization) are joined in SQL from the sideloads upserted in
// the same transaction, so this module only shapes what the ticket itself and its metric set carry.
import { COMMENTS, GROUPS, ORGANIZATIONS, TICKET_FIELDS, TICKET_INPUTS, TICKETS, USERS, type MappedRow } from "@/lib/db/columns";
import type { Comment, MetricSet, Ticket, TicketField, ZendeskGroup, ZendeskOrganization, ZendeskUser } from "@/lib/zendesk/schemas";

export type TicketRow = ReturnType<typeof ticketRow>;

/** Newest version per id, so one statement never touches a row twice. */
function latestById<T>(items: T[], id: (item: T) => number, updated: (item: T) => string | null | undefined): T[] {
  const byId = new Map<number, T>();
  for (const item of items) {
    const seen = byId.get(id(item));
    if (!seen || (updated(item) ?? "") >= (updated(seen) ?? "")) byId.set(id(item), item);
  }
  return [...byId.values()];
}

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

function ticketRow(ticket: Ticket, metrics: MetricSet | undefined) {
  const customFields: Record<string, unknown> = {};
  const rawData: Record<string, unknown> = { ...ticket };
  for (const field of ticket.custom_fields ?? ticket.fields ?? []) {
    customFields[String(field.id)] = field.value ?? null;
    rawData[`custom_field_${field.id}`] = field.value ?? null;
  }
  const tags = ticket.tags ?? [];
  return {
    zendesk_id: ticket.id,
    subject: ticket.subject ?? null,
    description: ticket.description ?? null,
    status: ticket.status,
    priority: ticket.priority ?? null,
    ticket_type: ticket.type ?? null,
    url: ticket.url ?? null,
    via: text(ticket.via?.channel),
    current_tags: tags.join(" "),
    tags,
    req_id: ticket.requester_id ?? null,
    submitter_id: ticket.submitter_id ?? null,
    assignee_id: ticket.assignee_id ?? null,
    group_id: ticket.group_id ?? null,
    organization_id: ticket.organization_id ?? null,
    created_at: ticket.created_at ?? null,
    updated_at: ticket.updated_at ?? null,
    generated_timestamp: ticket.generated_timestamp ?? null,
    assigned_at: metrics?.assigned_at ?? null,
    initially_assigned_at: metrics?.initially_assigned_at ?? null,
    solved_at: metrics?.solved_at ?? null,
    due_date: ticket.due_at ?? null,
    first_reply_time_in_minutes: metrics?.reply_time_in_minutes?.calendar ?? null,
    first_reply_time_in_minutes_within_business_hours: metrics?.reply_time_in_minutes?.business ?? null,
    first_resolution_time_in_minutes: metrics?.first_resolution_time_in_minutes?.calendar ?? null,
    first_resolution_time_in_minutes_within_business_hours: metrics?.first_resolution_time_in_minutes?.business ?? null,
    full_resolution_time_in_minutes: metrics?.full_resolution_time_in_minutes?.calendar ?? null,
    full_resolution_time_in_minutes_within_business_hours: metrics?.full_resolution_time_in_minutes?.business ?? null,
    agent_wait_time_in_minutes: metrics?.agent_wait_time_in_minutes?.calendar ?? null,
    agent_wait_time_in_minutes_within_business_hours: metrics?.agent_wait_time_in_minutes?.business ?? null,
    requester_wait_time_in_minutes: metrics?.requester_wait_time_in_minutes?.calendar ?? null,
    requester_wait_time_in_minutes_within_business_hours: metrics?.requester_wait_time_in_minutes?.business ?? null,
    on_hold_time_in_minutes: metrics?.on_hold_time_in_minutes?.calendar ?? null,
    on_hold_time_in_minutes_within_business_hours: metrics?.on_hold_time_in_minutes?.business ?? null,
    reopens: metrics?.reopens ?? null,
    replies: metrics?.replies ?? null,
    group_stations: metrics?.group_stations ?? null,
    assignee_stations: metrics?.assignee_stations ?? null,
    satisfaction_score: ticket.satisfaction_rating?.score ?? null,
    custom_fields: customFields,
    raw_data: rawData,
  } satisfies MappedRow<typeof TICKETS> & Record<keyof typeof TICKET_INPUTS, unknown>;
}

export function ticketRows(tickets: Ticket[], metricSets: MetricSet[]): TicketRow[] {
  const metrics = new Map(metricSets.map((m) => [m.ticket_id, m]));
  return latestById(tickets, (t) => t.id, (t) => t.updated_at).map((t) => ticketRow(t, metrics.get(t.id)));
}

export function userRows(users: ZendeskUser[]) {
  return latestById(users, (u) => u.id, (u) => u.updated_at).map((u) => ({
    zendesk_id: u.id,
    name: u.name ?? null,
    email: u.email ?? null,
    role: u.role ?? null,
    external_id: text(u.external_id),
    organization_id: u.organization_id ?? null,
    active: u.active ?? true,
    updated_at: u.updated_at ?? null,
    raw_data: u,
  }) satisfies MappedRow<typeof USERS>);
}

export function groupRows(groups: ZendeskGroup[]) {
  return latestById(groups, (g) => g.id, (g) => g.updated_at).map((g) => ({
    zendesk_id: g.id,
    name: g.name ?? null,
    deleted: g.deleted ?? false,
    updated_at: g.updated_at ?? null,
    raw_data: g,
  }) satisfies MappedRow<typeof GROUPS>);
}

export function organizationRows(organizations: ZendeskOrganization[]) {
  return latestById(organizations, (o) => o.id, (o) => o.updated_at).map((o) => ({
    zendesk_id: o.id,
    name: o.name ?? null,
    external_id: text(o.external_id),
    updated_at: o.updated_at ?? null,
    raw_data: o,
  }) satisfies MappedRow<typeof ORGANIZATIONS>);
}

export function commentRows(comments: (Comment & { ticket_id: number })[]) {
  return latestById(comments, (c) => c.id, () => null).map((c) => ({
    comment_id: c.id,
    ticket_id: c.ticket_id,
    author_id: c.author_id ?? null,
    public: c.public ?? true,
    body: c.body ?? null,
    html_body: c.html_body ?? null,
    created_at: c.created_at ?? null,
    raw_data: c,
  }) satisfies MappedRow<typeof COMMENTS>);
}

export function ticketFieldRows(fields: TicketField[]) {
  return latestById(fields, (f) => f.id, () => null).map((f) => ({
    zendesk_id: f.id,
    title: f.title,
    type: f.type,
    options: f.custom_field_options ?? [],
    active: f.active ?? true,
    position: f.position ?? null,
    raw_data: f,
  }) satisfies MappedRow<typeof TICKET_FIELDS>);
}
