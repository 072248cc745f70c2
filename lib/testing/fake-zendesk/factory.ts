// Seeded test data for the fake Zendesk: users, groups, organizations, custom fields, tickets with
// metric sets, and comments. The same seed always gives the same account.

export type Json = Record<string, unknown>;

export type FakeTicket = Json & { id: number; updated_at: string; generated_timestamp: number; status: string };
export type FakeComment = Json & { id: number; created_at: string; author_id: number };

export type FakeAccount = {
  users: Json[];
  groups: Json[];
  organizations: Json[];
  ticketFields: Json[];
  tickets: FakeTicket[];
  metricSets: Map<number, Json>;
  comments: Map<number, FakeComment[]>;
};

export type FactoryOptions = { seed?: number; tickets?: number; users?: number; startTime?: number; commentsPerTicket?: [number, number] };

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["printer", "invoice", "login", "crash", "refund", "Café", "naïve", "Straße", "日本語", "emoji 🚀", "Ελληνικά", "шрифт"];
const STATUSES = ["new", "open", "pending", "hold", "solved", "closed"];
const PRIORITIES = ["low", "normal", "high", "urgent", null];
const TYPES = ["question", "incident", "problem", "task", null];
const CHANNELS = ["email", "web", "api", "chat"];

export const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

export function createAccount(options: FactoryOptions = {}): FakeAccount {
  const rnd = random(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const phrase = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const start = options.startTime ?? 1_700_000_000;

  const organizations = Array.from({ length: 5 }, (_, i) => ({
    id: 9000 + i,
    name: `Org ${i} ${pick(WORDS)}`,
    external_id: `org-ext-${i}`,
    updated_at: iso(start),
  }));
  const groups = Array.from({ length: 4 }, (_, i) => ({ id: 7000 + i, name: `Group ${i} ${pick(WORDS)}`, deleted: false, updated_at: iso(start) }));
  const users = Array.from({ length: options.users ?? 40 }, (_, i) => ({
    id: 5000 + i,
    name: `User ${i} ${pick(WORDS)}`,
    email: `user${i}@example.com`,
    role: i < 8 ? "agent" : "end-user",
    external_id: i % 3 === 0 ? null : `ext-${i}`,
    organization_id: pick(organizations).id,
    active: true,
    updated_at: iso(start),
  }));
  const agents = users.filter((u) => u.role === "agent");
  const ticketFields: Json[] = [
    { id: 100, title: "Subject", type: "subject", active: true, position: 1 },
    { id: 101, title: "Product 📦", type: "tagger", active: true, position: 2, custom_field_options: [{ name: "Alpha", value: "alpha" }, { name: "Beta", value: "beta" }] },
    { id: 102, title: "Order number", type: "integer", active: true, position: 3 },
    { id: 103, title: "VIP", type: "checkbox", active: true, position: 4 },
    { id: 104, title: "Notes", type: "textarea", active: true, position: 5 },
    { id: 105, title: "Regions", type: "multiselect", active: false, position: 6, custom_field_options: [{ name: "EU", value: "eu" }, { name: "US", value: "us" }] },
  ];

  const tickets: FakeTicket[] = [];
  const metricSets = new Map<number, Json>();
  const comments = new Map<number, FakeComment[]>();
  const [minComments, maxComments] = options.commentsPerTicket ?? [1, 3];
  let commentId = 1_000_000;
  const total = options.tickets ?? 50;
  for (let i = 0; i < total; i++) {
    const id = i + 1;
    const created = start + i * 37;
    const updated = created + int(0, 30);
    const requester = pick(users);
    const assignee = rnd() < 0.8 ? pick(agents) : null;
    const status = STATUSES[i % STATUSES.length]!;
    const tags = Array.from(new Set([pick(["billing", "vip", "bug", "ünïcode"]), pick(["a", "b", "c"])]));
    const custom = [
      { id: 101, value: pick(["alpha", "beta", null]) },
      { id: 102, value: rnd() < 0.5 ? int(1, 99999) : null },
      { id: 103, value: rnd() < 0.5 },
      { id: 104, value: rnd() < 0.7 ? phrase(3) : null },
      { id: 105, value: rnd() < 0.5 ? ["eu"] : [] },
    ];
    const subject = `${pick(["Help", "Problem", "Frage", "質問"])}: ${phrase(3)}`;
    tickets.push({
      id,
      url: `https://fake.zendesk.com/api/v2/tickets/${id}.json`,
      external_id: null,
      created_at: iso(created),
      updated_at: iso(updated),
      generated_timestamp: updated,
      type: pick(TYPES),
      subject,
      raw_subject: subject,
      description: phrase(8),
      priority: pick(PRIORITIES),
      status,
      requester_id: requester.id,
      submitter_id: requester.id,
      assignee_id: assignee?.id ?? null,
      organization_id: requester.organization_id,
      group_id: assignee ? pick(groups).id : null,
      tags,
      custom_fields: custom,
      fields: custom,
      due_at: status === "open" && rnd() < 0.3 ? iso(created + 86_400) : null,
      via: { channel: pick(CHANNELS), source: { from: {}, to: {}, rel: null } },
      satisfaction_rating: { score: pick(["good", "bad", "unoffered"]) },
      is_public: true,
    });
    const solved = status === "solved" || status === "closed";
    metricSets.set(id, {
      id: 30_000 + id,
      ticket_id: id,
      url: `https://fake.zendesk.com/api/v2/ticket_metrics/${30_000 + id}.json`,
      reopens: int(0, 3),
      replies: int(0, 9),
      assignee_stations: int(0, 3),
      group_stations: int(0, 3),
      reply_time_in_minutes: { calendar: int(1, 500), business: int(1, 300) },
      first_resolution_time_in_minutes: solved ? { calendar: int(10, 5000), business: int(5, 3000) } : { calendar: null, business: null },
      full_resolution_time_in_minutes: solved ? { calendar: int(10, 9000), business: int(5, 6000) } : { calendar: null, business: null },
      agent_wait_time_in_minutes: { calendar: int(0, 900), business: int(0, 600) },
      requester_wait_time_in_minutes: { calendar: int(0, 900), business: int(0, 600) },
      on_hold_time_in_minutes: { calendar: int(0, 100), business: int(0, 60) },
      assigned_at: assignee ? iso(created + 60) : null,
      initially_assigned_at: assignee ? iso(created + 30) : null,
      solved_at: solved ? iso(updated) : null,
      created_at: iso(created),
      updated_at: iso(updated),
    });
    const list: FakeComment[] = [];
    const n = int(minComments, maxComments);
    for (let c = 0; c < n; c++) {
      const author = c === 0 ? requester : pick(users);
      list.push({
        id: ++commentId,
        type: "Comment",
        author_id: author.id,
        body: `${phrase(6)} #${c}`,
        html_body: `<p>${phrase(4)}</p>`,
        plain_body: phrase(4),
        public: c === 0 || rnd() < 0.7,
        attachments: [],
        audit_id: commentId + 500_000,
        via: { channel: "web" },
        created_at: iso(created + Math.min(c, Math.max(0, updated - created))),
      });
    }
    comments.set(id, list);
  }
  return { users, groups, organizations, ticketFields, tickets, metricSets, comments };
}
