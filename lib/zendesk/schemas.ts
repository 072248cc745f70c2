// Zod schemas for every Zendesk response the collector reads. Objects are loose: fields Zendesk adds
// later are kept (they end up in raw_data). Page envelopes take items as unknown so one bad item can
// be set aside without losing the page (see parseItems).
import { z } from "zod";

const id = z.number().int().positive();
const optionalId = id.nullish();
const text = z.string().nullish();
const count = z.number().int().nullish();
const externalId = z.union([z.string(), z.number()]).nullish();

const minutes = z.looseObject({ calendar: count, business: count }).nullish();

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
  custom_fields: z.array(z.looseObject({ id, value: z.unknown() })).nullish(),
  created_at: z.iso.datetime({ offset: true }).nullish(),
  updated_at: z.iso.datetime({ offset: true }).nullish(),
  generated_timestamp: z.number().int().nullish(),
  due_at: z.iso.datetime({ offset: true }).nullish(),
  via: z.looseObject({ channel: z.union([z.string(), z.number()]).nullish() }).nullish(),
  satisfaction_rating: z.looseObject({ score: text }).nullish(),
});

export const userSchema = z.looseObject({
  id,
  name: text,
  email: text,
  role: text,
  external_id: externalId,
  organization_id: optionalId,
  active: z.boolean().nullish(),
  updated_at: text,
});

export const groupSchema = z.looseObject({ id, name: text, deleted: z.boolean().nullish(), updated_at: text });

export const organizationSchema = z.looseObject({ id, name: text, external_id: externalId, updated_at: text });

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
  assigned_at: text,
  initially_assigned_at: text,
  solved_at: text,
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
  created_at: text,
  attachments: z.array(z.unknown()).nullish(),
});


export const ticketEventSchema = z.looseObject({
  id,
  ticket_id: id,
  timestamp: z.number().int().nullish(),
  created_at: text,
  child_events: z.array(z.unknown()).nullish(),
});

const items = z.array(z.unknown());

export const ticketExportPageSchema = z.looseObject({
  tickets: items,
  after_cursor: text,
  after_url: text,
  end_of_stream: z.boolean(),
  users: items.nullish(),
  groups: items.nullish(),
  organizations: items.nullish(),
  metric_sets: items.nullish(),
});

export const ticketEventPageSchema = z.looseObject({
  ticket_events: items,
  next_page: text,
  end_time: z.number().int().nullish(),
  end_of_stream: z.boolean().nullish(),
});

/** Cursor pagination (`meta`, `links`) or offset pagination (`next_page`), whichever the server chose. */
const listPage = {
  meta: z.looseObject({ has_more: z.boolean(), after_cursor: text }).nullish(),
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
