// The columns a ticket list (and its CSV export) can show, each naming the table column it reads from
// the column registry (lib/db/columns.ts), so a list column cannot point at a column that is not there.
// Custom fields join them as `cfcol` columns, named by their Zendesk title.
import type { TicketColumn as TableColumn } from "@/lib/db/columns";

/** How a cell is read and shown: the kind decides the rendering in the table and the text in the CSV. */
type ColumnKind = "id" | "subject" | "status" | "priority" | "text" | "desk" | "tags" | "time" | "minutes" | "number";

export type ListColumnSpec = {
  label: string;
  /** Header in the CSV export. */
  csv: string;
  kind: ColumnKind;
  table: TableColumn;
  /** Section of the column picker. */
  group: "ticket" | "people" | "times" | "sla";
  /** Personal data a desk may mask from viewers. */
  personal?: boolean;
};

const sla = (label: string, table: TableColumn): ListColumnSpec => ({ label, csv: table, kind: "minutes", table, group: "sla" });

export const LIST_COLUMNS = {
  id: { label: "#", csv: "id", kind: "id", table: "zendesk_id", group: "ticket" },
  subject: { label: "Subject", csv: "subject", kind: "subject", table: "subject", group: "ticket" },
  status: { label: "Status", csv: "status", kind: "status", table: "status", group: "ticket" },
  priority: { label: "Priority", csv: "priority", kind: "priority", table: "priority", group: "ticket" },
  type: { label: "Type", csv: "type", kind: "text", table: "ticket_type", group: "ticket" },
  desk: { label: "Desk", csv: "desk", kind: "desk", table: "domain", group: "ticket" },
  via: { label: "Channel", csv: "channel", kind: "text", table: "via", group: "ticket" },
  tags: { label: "Tags", csv: "tags", kind: "tags", table: "tags", group: "ticket" },
  satisfaction: { label: "Satisfaction", csv: "satisfaction", kind: "text", table: "satisfaction_score", group: "ticket" },
  assignee: { label: "Assignee", csv: "assignee", kind: "text", table: "assignee_name", group: "people" },
  group: { label: "Group", csv: "group", kind: "text", table: "group_name", group: "people" },
  organization: { label: "Organization", csv: "organization", kind: "text", table: "organization_name", group: "people" },
  requester: { label: "Requester", csv: "requester", kind: "text", table: "req_name", group: "people", personal: true },
  requesterEmail: { label: "Requester email", csv: "requester_email", kind: "text", table: "req_email", group: "people", personal: true },
  created: { label: "Created", csv: "created_at", kind: "time", table: "created_at", group: "times" },
  updated: { label: "Updated", csv: "updated_at", kind: "time", table: "updated_at", group: "times" },
  solved: { label: "Solved", csv: "solved_at", kind: "time", table: "solved_at", group: "times" },
  due: { label: "Due", csv: "due_at", kind: "time", table: "due_date", group: "times" },
  reopens: { label: "Reopens", csv: "reopens", kind: "number", table: "reopens", group: "sla" },
  replies: { label: "Replies", csv: "replies", kind: "number", table: "replies", group: "sla" },
  firstReply: sla("First reply", "first_reply_time_in_minutes"),
  firstReplyBusiness: sla("First reply (business hours)", "first_reply_time_in_minutes_within_business_hours"),
  firstResolution: sla("First resolution", "first_resolution_time_in_minutes"),
  firstResolutionBusiness: sla("First resolution (business hours)", "first_resolution_time_in_minutes_within_business_hours"),
  fullResolution: sla("Full resolution", "full_resolution_time_in_minutes"),
  fullResolutionBusiness: sla("Full resolution (business hours)", "full_resolution_time_in_minutes_within_business_hours"),
  agentWait: sla("Agent wait", "agent_wait_time_in_minutes"),
  agentWaitBusiness: sla("Agent wait (business hours)", "agent_wait_time_in_minutes_within_business_hours"),
  requesterWait: sla("Requester wait", "requester_wait_time_in_minutes"),
  requesterWaitBusiness: sla("Requester wait (business hours)", "requester_wait_time_in_minutes_within_business_hours"),
  onHold: sla("On hold", "on_hold_time_in_minutes"),
  onHoldBusiness: sla("On hold (business hours)", "on_hold_time_in_minutes_within_business_hours"),
} as const satisfies Record<string, ListColumnSpec>;

export type ListColumn = keyof typeof LIST_COLUMNS;

/** Display order: the order of LIST_COLUMNS. */
export const TICKET_COLUMNS = Object.keys(LIST_COLUMNS) as ListColumn[];

export const DEFAULT_COLUMNS: ListColumn[] = ["id", "subject", "status", "priority", "assignee", "group", "created", "updated"];

/** Always shown: a row needs its number and a link. */
export const FIXED_COLUMNS: readonly ListColumn[] = ["id", "subject"];

export const COLUMN_GROUPS = [
  ["ticket", "Ticket"],
  ["people", "People"],
  ["times", "Times"],
  ["sla", "SLA metrics"],
] as const;

/** A custom-field column in a view: the field's title (as in the `cfcol` URL parameter). */
export const customColumnId = (title: string) => `cf:${title}`;
