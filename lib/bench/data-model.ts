// The benchmark's account data: three desks of different sizes, their agents, groups, organizations,
// end users and the same 20 custom fields (every Zendesk field type) under per-desk ids. Both data
// generators (the fake Zendesk's account for the ingest, the database fill for the pages) build on
// this, so a figure from one part describes the same data as the others.
import { rngFor, Zipf } from "@/lib/bench/random";

/** Bump whenever generated data changes: a stored database with another version is generated again. */
export const GENERATOR_VERSION = 1;

/** Tickets are created over three years up to this fixed instant, so runs on any day see the same data. */
export const END = Date.UTC(2026, 9, 1) / 1000;
export const SPAN_SECONDS = 3 * 365 * 86_400;
export const START = END - SPAN_SECONDS;

export type BenchDesk = {
  number: 1 | 2 | 3;
  domain: string;
  name: string;
  /** Share of all generated tickets. */
  share: number;
  agents: number;
  groups: number;
  organizations: number;
  endUsers: number;
  /** Customer reference prefix (a regexp field). */
  prefix: string;
};

export const DESKS: readonly BenchDesk[] = [
  { number: 1, domain: "acme.zendesk.com", name: "Acme Support", share: 0.6, agents: 48, groups: 8, organizations: 400, endUsers: 30_000, prefix: "ACM" },
  { number: 2, domain: "globex.zendesk.com", name: "Globex Help", share: 0.3, agents: 24, groups: 6, organizations: 200, endUsers: 15_000, prefix: "GLX" },
  { number: 3, domain: "initech.zendesk.com", name: "Initech IT", share: 0.1, agents: 10, groups: 3, organizations: 60, endUsers: 5_000, prefix: "INI" },
];

/** Tickets of each desk when `total` are generated over all three (the last desk takes the rounding). */
export function ticketsPerDesk(total: number): number[] {
  const counts = DESKS.map((d) => Math.floor(total * d.share));
  counts[counts.length - 1]! += total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

type FieldType = "tagger" | "multiselect" | "checkbox" | "integer" | "decimal" | "date" | "regexp" | "text" | "textarea";
type FieldOption = { name: string; value: string };
export type FieldSpec = {
  /** 1..20; the Zendesk id is fieldId(desk, key). */
  key: number;
  title: string;
  type: FieldType;
  /** Share of tickets with a value (for a checkbox: share checked; unchecked is false, never null). */
  fill: number;
  options?: FieldOption[];
  pattern?: string;
};

const options = (names: string[]): FieldOption[] =>
  names.map((name) => ({ name, value: name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") }));

export const FIELDS: readonly FieldSpec[] = [
  { key: 1, title: "Product", type: "tagger", fill: 0.9, options: options(["Cloud Sync ☁️", "Mobile App", "Web Portal", "Billing", "Public API", "Analytics", "Integrations", "Desktop Client", "Security", "Marketplace", "Reports", "Onboarding"]) },
  { key: 2, title: "Plan", type: "tagger", fill: 0.95, options: options(["Free", "Starter", "Professional", "Enterprise"]) },
  { key: 3, title: "Region", type: "tagger", fill: 0.8, options: options(["Europe 🇪🇺", "North America", "Asia-Pacific", "Latin America", "Middle East", "Africa"]) },
  {
    key: 4,
    title: "Category",
    type: "tagger",
    fill: 0.85,
    options: options([
      "Password reset", "Login problem", "Invoice question", "Refund request", "Bug report", "Feature request", "Data export", "Integration error",
      "Performance", "Account deletion", "Plan change", "Shipping", "Returns", "Outage", "Security question", "How-to", "Feedback", "Complaint",
      "Legal", "Partnership", "Pricing", "Training", "Migration", "Other",
    ]),
  },
  { key: 5, title: "Root cause", type: "tagger", fill: 0.45, options: options(["User error", "Software bug", "Documentation gap", "Third party", "Configuration", "Network", "Billing system", "Unknown"]) },
  { key: 6, title: "Platforms", type: "multiselect", fill: 0.6, options: options(["Web", "iOS", "Android", "Windows", "macOS", "Linux"]) },
  { key: 7, title: "Affected modules", type: "multiselect", fill: 0.35, options: options(["Inbox", "Calendar", "Contacts", "Files", "Search", "Notifications", "Settings", "Admin console", "Exports", "Sharing"]) },
  { key: 8, title: "VIP", type: "checkbox", fill: 0.08 },
  { key: 9, title: "Escalated", type: "checkbox", fill: 0.05 },
  { key: 10, title: "Contract renewal", type: "checkbox", fill: 0.15 },
  { key: 11, title: "Order number", type: "integer", fill: 0.55 },
  { key: 12, title: "Seats", type: "integer", fill: 0.4 },
  { key: 13, title: "Refund amount", type: "decimal", fill: 0.12 },
  { key: 14, title: "Effort score", type: "decimal", fill: 0.3 },
  { key: 15, title: "Due by", type: "date", fill: 0.25 },
  { key: 16, title: "Renewal date", type: "date", fill: 0.2 },
  { key: 17, title: "Customer reference", type: "regexp", fill: 0.5, pattern: "^[A-Z]{3}-\\d{6}$" },
  { key: 18, title: "Serial number", type: "regexp", fill: 0.3, pattern: "^SN\\d{10}$" },
  { key: 19, title: "Summary", type: "text", fill: 0.45 },
  { key: 20, title: "Internal notes", type: "textarea", fill: 0.35 },
];

/** Zendesk's system fields, listed by /ticket_fields beside the custom ones. */
export const SYSTEM_FIELDS = [
  ["Subject", "subject"],
  ["Description", "description"],
  ["Status", "status"],
  ["Type", "tickettype"],
  ["Priority", "priority"],
  ["Group", "group"],
  ["Assignee", "assignee"],
] as const;

export const fieldId = (desk: number, key: number) => 360_000_000_000 + desk * 1000 + key;
export const field = (title: string): FieldSpec => FIELDS.find((f) => f.title === title)!;

// Zendesk-style ids, distinct per desk so a join on the wrong domain finds nothing.
export const agentId = (desk: number, k: number) => 10_000_000 * desk + 1_000 + k;
const endUserId = (desk: number, k: number) => 10_000_000 * desk + 100_000 + k;
const groupId = (desk: number, k: number) => 900_000 + desk * 1000 + k;
const organizationId = (desk: number, k: number) => 800_000 + desk * 10_000 + k;

const FIRST = ["Anna", "Ben", "Chloé", "Dmitri", "Elif", "François", "Grace", "Hiroshi", "Ines", "Jonas", "Kasia", "Liam", "María", "Noah", "Olga", "Pedro", "Quinn", "Rania", "Søren", "Tomás", "Uma", "Vera", "Wei", "Ximena", "Yusuf", "Zoë", "Åsa", "Łukasz", "Nguyễn", "Олег", "李娜", "Αλέξης"];
const LAST = ["Andersen", "Becker", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Hansen", "Ivanova", "Jansen", "Kowalski", "López", "Müller", "Nakamura", "O'Brien", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka", "Uçar", "Virtanen", "Wójcik", "Yılmaz", "Zhang", "Øvergaard", "Šimek", "Смирнов", "山田", "Παπαδόπουλος"];
const COMPANY = ["Nordwind", "Blue Harbor", "Kettle & Co", "Zürich Data", "Sakura Labs", "Andes Freight", "Polar Bytes", "Café Central", "Oak Ledger", "Mistral Energy", "Ōsaka Trading", "Vltava Tech"];

export type Person = { id: number; name: string; email: string; role: "agent" | "end-user"; externalId: string | null; organizationId: number | null };
export type Named = { id: number; name: string };

/** The people and teams of one desk; fixed for a desk whatever the ticket count. */
export type DeskPeople = {
  desk: BenchDesk;
  agents: Person[];
  endUsers: Person[];
  groups: Named[];
  organizations: Named[];
  organizationById: Map<number, Named>;
  /** Assignments are skewed: the busiest agent gets several times the median agent's tickets. */
  agentZipf: Zipf;
};

const personName = (k: number, salt: number) => `${FIRST[k % FIRST.length]} ${LAST[(k * 7 + salt) % LAST.length]}`;

export function deskPeople(desk: BenchDesk): DeskPeople {
  const rnd = rngFor(desk.number, 0xdeadbeef);
  const domain = desk.domain.split(".")[0];
  const groups = Array.from({ length: desk.groups }, (_, k) => ({ id: groupId(desk.number, k), name: `${["Tier 1", "Tier 2", "Billing", "Technical", "VIP care", "Returns", "Partners", "Nachtschicht"][k % 8]} ${domain}` }));
  const organizations = Array.from({ length: desk.organizations }, (_, k) => ({ id: organizationId(desk.number, k), name: `${COMPANY[k % COMPANY.length]} ${Math.floor(k / COMPANY.length) + 1}` }));
  const agents: Person[] = Array.from({ length: desk.agents }, (_, k) => ({
    id: agentId(desk.number, k),
    name: personName(k, desk.number),
    email: `agent${k}@${desk.domain}`,
    role: "agent",
    externalId: null,
    organizationId: null,
  }));
  const endUsers: Person[] = Array.from({ length: desk.endUsers }, (_, k) => ({
    id: endUserId(desk.number, k),
    name: personName(k, Math.floor(k / FIRST.length)),
    email: `user${k}@customer${k % 997}.example`,
    role: "end-user",
    externalId: k % 3 === 0 ? null : `crm-${desk.number}-${k}`,
    organizationId: rnd() < 0.7 ? organizations[Math.floor(rnd() * organizations.length)]!.id : null,
  }));
  const organizationById = new Map(organizations.map((o) => [o.id, o]));
  return { desk, agents, endUsers, groups, organizations, organizationById, agentZipf: new Zipf(agents.length, 1.1) };
}

/** An agent's team: assignments and groups go together, as in a real desk. */
export const groupOf = (people: DeskPeople, agentIndex: number) => people.groups[agentIndex % people.groups.length]!;
