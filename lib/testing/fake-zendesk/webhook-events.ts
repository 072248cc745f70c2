// Ticket changes as Zendesk's ticket event payloads (zen:event-type:ticket.*): one event per changed
// field, ids as strings and enums upper-case as in Zendesk's examples, `subject` "zen:ticket:{id}",
// and event.meta.sequence tying together the events of one action.
import { randomUUID } from "node:crypto";
import type { FakeAccount, FakeComment, FakeTicket, Json } from "@/lib/testing/fake-zendesk/factory";
import type { TicketChange } from "@/lib/testing/fake-zendesk/state";

export const TICKET_EVENT_TYPES = [
  "agent_assignment_changed", "attachment_linked_to_comment", "attachment_redacted_from_comment", "brand_changed",
  "comment_added", "comment_made_private", "comment_redacted", "custom_field_changed", "custom_status_changed",
  "description_changed", "external_id_changed", "email_ccs_changed", "followers_changed", "form_changed",
  "group_assignment_changed", "organization_changed", "priority_changed", "problem_link_changed", "requester_changed",
  "status_changed", "subject_changed", "submitter_changed", "tags_changed", "task_due_at_changed", "created",
  "marked_as_spam", "merged", "permanently_deleted", "soft_deleted", "type_changed", "sla_policy_changed",
  "schedule_changed", "ola_policy_changed",
].map((name) => `zen:event-type:ticket.${name}`);

/** Fields whose change has its own event type, with how its value is written. */
const FIELD_EVENTS: Record<string, { type: string; value: (v: unknown) => unknown }> = {
  status: { type: "status_changed", value: (v) => upper(v) },
  priority: { type: "priority_changed", value: (v) => upper(v) },
  type: { type: "type_changed", value: (v) => upper(v) },
  subject: { type: "subject_changed", value: (v) => v ?? "" },
  description: { type: "description_changed", value: (v) => v ?? "" },
  external_id: { type: "external_id_changed", value: (v) => (v == null ? null : String(v)) },
  assignee_id: { type: "agent_assignment_changed", value: (v) => idString(v) },
  group_id: { type: "group_assignment_changed", value: (v) => idString(v) },
  organization_id: { type: "organization_changed", value: (v) => idString(v) },
  requester_id: { type: "requester_changed", value: (v) => idString(v) },
  submitter_id: { type: "submitter_changed", value: (v) => idString(v) },
  ticket_form_id: { type: "form_changed", value: (v) => idString(v) },
  brand_id: { type: "brand_changed", value: (v) => idString(v) },
};

export type TicketEvent = { type: string; event: Json };

const upper = (v: unknown) => (v == null ? null : String(v).toUpperCase());
const idString = (v: unknown) => (v == null ? null : String(v));

export function ticketDetail(ticket: FakeTicket, actorId: number): Json {
  return {
    actor_id: String(actorId),
    assignee_id: idString(ticket.assignee_id),
    brand_id: idString(ticket.brand_id),
    created_at: ticket.created_at,
    custom_status: idString(ticket.custom_status_id),
    description: String(ticket.description ?? ""),
    external_id: ticket.external_id == null ? null : String(ticket.external_id),
    form_id: idString(ticket.ticket_form_id),
    group_id: idString(ticket.group_id),
    id: String(ticket.id),
    is_public: ticket.is_public !== false,
    organization_id: idString(ticket.organization_id),
    priority: upper(ticket.priority),
    requester_id: idString(ticket.requester_id),
    status: upper(ticket.status),
    subject: String(ticket.subject ?? ""),
    submitter_id: idString(ticket.submitter_id),
    tags: Array.isArray(ticket.tags) ? ticket.tags : [],
    type: upper(ticket.type),
    updated_at: ticket.updated_at,
    via: { channel: String((ticket.via as Json | undefined)?.channel ?? "api") },
  };
}

function commentEvent(account: FakeAccount, comment: FakeComment): Json {
  const author = account.users.find((u) => u.id === comment.author_id);
  return {
    comment: {
      id: String(comment.id),
      body: String(comment.body ?? ""),
      is_public: comment.public !== false,
      author: { id: String(comment.author_id), is_staff: author?.role === "agent" || author?.role === "admin", name: String(author?.name ?? "") },
    },
  };
}

function fieldEvents(previous: Json, patch: Json): TicketEvent[] {
  const events: TicketEvent[] = [];
  for (const [field, next] of Object.entries(patch)) {
    const before = previous[field];
    if (JSON.stringify(before) === JSON.stringify(next)) continue;
    const known = FIELD_EVENTS[field];
    if (known) {
      events.push({ type: known.type, event: { current: known.value(next), previous: known.value(before) } });
    } else if (field === "tags") {
      const was = new Set(Array.isArray(before) ? (before as string[]) : []);
      const now = new Set(Array.isArray(next) ? (next as string[]) : []);
      events.push({ type: "tags_changed", event: { tags_added: [...now].filter((t) => !was.has(t)), tags_removed: [...was].filter((t) => !now.has(t)) } });
    } else if (field === "custom_fields" || field === "fields") {
      if (field === "fields" && "custom_fields" in patch) continue;
      const old = new Map(((before as Json[] | undefined) ?? []).map((f) => [f.id, f.value]));
      for (const f of (next as Json[] | undefined) ?? []) {
        if (JSON.stringify(old.get(f.id)) === JSON.stringify(f.value)) continue;
        events.push({
          type: "custom_field_changed",
          event: { current: { id: String(f.id), value: f.value ?? null }, previous: { id: String(f.id), value: old.get(f.id) ?? null }, custom_field: { id: String(f.id) } },
        });
      }
    }
    // Other fields (due_at, satisfaction_rating, …) have no ticket event of their own in Zendesk's list.
  }
  return events;
}

/** The events one change produces, in order, with a shared sequence id. */
export function ticketEvents(account: FakeAccount, change: TicketChange): TicketEvent[] {
  let events: TicketEvent[];
  switch (change.kind) {
    case "created":
      events = [{ type: "created", event: {} }];
      break;
    case "updated":
      events = fieldEvents(change.previous, change.patch);
      break;
    case "comment":
      events = [{ type: "comment_added", event: commentEvent(account, change.comment) }];
      break;
    case "comment-private":
      events = [{ type: "comment_made_private", event: commentEvent(account, change.comment) }];
      break;
    case "deleted":
      events = [{ type: "soft_deleted", event: {} }];
      break;
  }
  const sequence = randomUUID();
  return events.map((e, i) => ({
    type: `zen:event-type:ticket.${e.type}`,
    event: { ...e.event, meta: { sequence: { id: sequence, position: i + 1, total: events.length } } },
  }));
}
