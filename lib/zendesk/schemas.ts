// Zod schemas for every Zendesk response the collector reads. Objects are loose: fields Zendesk adds
// later are kept (they end up in raw_data). Page envelopes take items as unknown so one bad item can
// be set aside without losing the page (see parseItems).
import { z } from "zod";

const id = z.number().int().positive();
/** A reference to a user, group…: Zendesk itself appears as -1 (e.g. the author of automatic comments). */
const optionalId = z.number().int().nullish();
const text = z.string().nullish();
const externalId = z.union([z.string(), z.number()]).nullish();

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

/**
 * A point in time as Zendesk writes it (ISO 8601, kept as is when in UTC), another ISO offset or unix
 * seconds (made UTC ISO), or null when unreadable: a bad date must neither set a ticket aside nor,
 * cast to timestamptz in the bulk upsert, fail its whole page.
 */
const timestamp = z.unknown().transform((value): string | null | undefined => {
  if (value === undefined || value === null) return value;
  if (typeof value === "string" && ISO_UTC.test(value) && Number.isFinite(Date.parse(value))) return value;
  const seconds = typeof value === "number" ? value : typeof value === "string" && NUMERIC.test(value.trim()) ? Number(value) : null;
  const ms = seconds !== null ? seconds * 1000 : typeof value === "string" ? Date.parse(value) : Number.NaN;
  const date = new Date(ms);
  return Number.isFinite(ms) && date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999 ? date.toISOString() : null;
}).optional();

/** A whole number for an integer column: a float is rounded, anything else is null rather than a failed page. */
const count = z.unknown().transform((value): number | null | undefined => {
  if (value === undefined || value === null) return value;
  const n = typeof value === "number" ? value : typeof value === "string" && NUMERIC.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isFinite(n) && Math.abs(n) < 2 ** 31 ? Math.round(n) : null;
}).optional();

/** Unix seconds (an export's end_time, an event's timestamp). */
const seconds = z.unknown().transform((value): number | null | undefined => {
  if (value === undefined || value === null) return value;
  const n = typeof value === "number" ? value : typeof value === "string" && NUMERIC.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}).optional();

const minutes = z.looseObject({ calendar: count, business: count }).nullish().catch(null);

const customFields = z.array(z.looseObject({ id, value: z.unknown() })).nullish();

export const ticketSchema = z.looseObject({
  id,
  url: text,
  subject: text,
  description: text,
  status: z.string(),
  priority: text,
  type: text,
  requester_id: optionalId,
  submitter_id: optionalId,
  assignee_id: optionalId,
  group_id: optionalId,
  organization_id: optionalId,
  tags: z.array(z.string()).nullish(),
  custom_fields: customFields,
  // The same values again; the only copy when a server leaves custom_fields out.
  fields: customFields.catch(null),
  created_at: timestamp,
  updated_at: timestamp,
  generated_timestamp: seconds,
  due_at: timestamp,
  via: z.looseObject({ channel: z.union([z.string(), z.number()]).nullish() }).nullish().catch(null),
  // An object ({ score, comment, … }) when rated; the docs also name bare states such as "offered".
  satisfaction_rating: z
    .union([z.looseObject({ score: text }), z.string().transform((score) => ({ score }))])
    .nullish()
    .catch(null),
});

export const userSchema = z.looseObject({
  id,
  name: text,
  email: text,
  role: text,
  external_id: externalId,
  organization_id: optionalId,
  active: z.boolean().nullish(),
  updated_at: timestamp,
});

export const groupSchema = z.looseObject({ id, name: text, deleted: z.boolean().nullish(), updated_at: timestamp });

export const organizationSchema = z.looseObject({ id, name: text, external_id: externalId, updated_at: timestamp });

export const metricSetSchema = z.looseObject({
  ticket_id: id,
  reopens: count,
  replies: count,
  assignee_stations: count,
  group_stations: count,
  reply_time_in_minutes: minutes,
  first_resolution_time_in_minutes: minutes,
  full_resolution_time_in_minutes: minutes,
  agent_wait_time_in_minutes: minutes,
  requester_wait_time_in_minutes: minutes,
  on_hold_time_in_minutes: minutes,
  assigned_at: timestamp,
  initially_assigned_at: timestamp,
  solved_at: timestamp,
});

export const ticketFieldSchema = z.looseObject({
  id,
  title: z.string(),
  type: z.string(),
  active: z.boolean().nullish(),
  position: count,
  custom_field_options: z.array(z.looseObject({ name: z.string(), value: z.unknown() })).nullish(),
});

export const commentSchema = z.looseObject({
  id,
  author_id: optionalId,
  body: text,
  html_body: text,
  public: z.boolean().nullish(),
  created_at: timestamp,
  attachments: z.array(z.unknown()).nullish(),
});


/** A CommentPrivacyChange child event: the comment it names became public or internal. */
export const privacyChangeSchema = z.looseObject({ comment_id: id, public: z.boolean() });

export const ticketEventSchema = z.looseObject({
  id,
  ticket_id: id,
  timestamp: seconds,
  created_at: timestamp,
  child_events: z.array(z.unknown()).nullish(),
});

const items = z.array(z.unknown());

export const ticketExportPageSchema = z.looseObject({
  tickets: items.nullish(),
  after_cursor: text,
  after_url: text,
  end_of_stream: z.boolean().nullish(),
  users: items.nullish(),
  groups: items.nullish(),
  organizations: items.nullish(),
  metric_sets: items.nullish(),
});

export const ticketEventPageSchema = z.looseObject({
  ticket_events: items.nullish(),
  next_page: text,
  end_time: seconds,
  end_of_stream: z.boolean().nullish(),
});

const ticketSideloads = {
  users: items.nullish(),
  groups: items.nullish(),
  organizations: items.nullish(),
  metric_sets: items.nullish(),
};

/** Show Ticket: the ticket (parsed on its own, like an export item) and its sideloads. */
export const showTicketSchema = z.looseObject({ ticket: z.unknown(), ...ticketSideloads });

/** Show Many Tickets: up to 100 tickets and their sideloads. */
export const showManyTicketsSchema = z.looseObject({ tickets: items.nullish(), ...ticketSideloads });

export const userExportPageSchema = z.looseObject({
  users: items.nullish(),
  after_cursor: text,
  after_url: text,
  end_of_stream: z.boolean().nullish(),
});

export const organizationExportPageSchema = z.looseObject({
  organizations: items.nullish(),
  next_page: text,
  end_time: seconds,
  end_of_stream: z.boolean().nullish(),
});

/** Cursor pagination (`meta`, `links`) or offset pagination (`next_page`), whichever the server chose. */
const listPage = {
  meta: z.looseObject({ has_more: z.boolean().nullish(), after_cursor: text }).nullish(),
  links: z.looseObject({ next: text }).nullish(),
  next_page: text,
};

export const commentPageSchema = z.looseObject({ comments: items, users: items.nullish(), ...listPage });

export const ticketFieldPageSchema = z.looseObject({ ticket_fields: items, ...listPage });

export type Ticket = z.infer<typeof ticketSchema>;
export type ZendeskUser = z.infer<typeof userSchema>;
export type ZendeskGroup = z.infer<typeof groupSchema>;
export type ZendeskOrganization = z.infer<typeof organizationSchema>;
export type MetricSet = z.infer<typeof metricSetSchema>;
export type TicketField = z.infer<typeof ticketFieldSchema>;
export type Comment = z.infer<typeof commentSchema>;

/** Parses each item on its own: good ones are returned, bad ones only counted. */
export function parseItems<S extends z.ZodType>(
  values: readonly unknown[] | null | undefined,
  schema: S,
): { items: z.infer<S>[]; bad: number } {
  const out: z.infer<S>[] = [];
  let bad = 0;
  for (const value of values ?? []) {
    const parsed = schema.safeParse(value);
    if (parsed.success) out.push(parsed.data);
    else bad++;
  }
  return { items: out, bad };
}
