// A desk's users, groups, organizations and ticket fields as Zendesk's API returns them: the fake
// serves these, and the database fill stores them as the sync would.
import { DESKS, END, FIELDS, SPAN_SECONDS, SYSTEM_FIELDS, fieldId, type DeskPeople, type Person } from "@/lib/bench/data-model";
import { iso, type Json } from "@/lib/bench/generate-ticket";

const SINCE = iso(END - SPAN_SECONDS - 30 * 86_400);
const UPDATED = iso(END - 86_400);

export function apiUser(people: DeskPeople, person: Person): Json & { id: number } {
  return {
    id: person.id,
    url: `https://${people.desk.domain}/api/v2/users/${person.id}.json`,
    name: person.name,
    email: person.email,
    created_at: SINCE,
    updated_at: UPDATED,
    time_zone: "Europe/Berlin",
    iana_time_zone: "Europe/Berlin",
    phone: null,
    locale: "en-US",
    locale_id: 1,
    organization_id: person.organizationId,
    role: person.role,
    verified: true,
    external_id: person.externalId,
    tags: [],
    active: true,
    shared: false,
    suspended: false,
    restricted_agent: person.role !== "agent",
    default_group_id: person.role === "agent" ? people.groups[0]!.id : null,
    user_fields: {},
  };
}

export function apiGroups(people: DeskPeople): (Json & { id: number })[] {
  return people.groups.map((g) => ({
    id: g.id,
    url: `https://${people.desk.domain}/api/v2/groups/${g.id}.json`,
    name: g.name,
    description: "",
    default: false,
    deleted: false,
    is_public: true,
    created_at: SINCE,
    updated_at: UPDATED,
  }));
}

export function apiOrganizations(people: DeskPeople): (Json & { id: number })[] {
  return people.organizations.map((o) => ({
    id: o.id,
    url: `https://${people.desk.domain}/api/v2/organizations/${o.id}.json`,
    name: o.name,
    external_id: `org-${o.id}`,
    domain_names: [],
    details: "",
    notes: "",
    group_id: null,
    shared_tickets: false,
    shared_comments: false,
    tags: [],
    organization_fields: {},
    created_at: SINCE,
    updated_at: UPDATED,
  }));
}

export function apiTicketFields(deskNumber: number): (Json & { id: number; title: string; type: string })[] {
  const system = SYSTEM_FIELDS.map(([title, type], i) => ({ id: fieldId(deskNumber, 900 + i), title, type, position: i + 1 }));
  const custom = FIELDS.map((f) => ({
    id: fieldId(deskNumber, f.key),
    title: f.title,
    type: f.type,
    position: SYSTEM_FIELDS.length + f.key,
    ...(f.options ? { custom_field_options: f.options.map((o, i) => ({ id: fieldId(deskNumber, f.key) * 100 + i, name: o.name, raw_name: o.name, value: o.value, default: false })) } : {}),
    ...(f.pattern ? { regexp_for_validation: f.pattern } : {}),
  }));
  return [...system, ...custom].map((f) => ({
    url: `https://${DESKS[deskNumber - 1]!.domain}/api/v2/ticket_fields/${f.id}.json`,
    raw_title: f.title,
    description: "",
    raw_description: "",
    active: true,
    required: false,
    collapsed_for_agents: false,
    title_in_portal: f.title,
    visible_in_portal: true,
    editable_in_portal: false,
    required_in_portal: false,
    removable: f.id % 1000 < 900,
    created_at: SINCE,
    updated_at: UPDATED,
    ...f,
  }));
}
