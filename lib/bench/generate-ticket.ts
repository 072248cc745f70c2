// One generated ticket as Zendesk's API returns it (ticket, metric set, comments), from the data model:
// created over three years with growing volume and quiet weekends, status by age, skewed assignees,
// all 20 custom fields, ~3 comments. Ticket `index` of a desk is always the same ticket.
import { DESKS, END, FIELDS, START, SPAN_SECONDS, fieldId, groupOf, type DeskPeople, type FieldSpec, type Named, type Person } from "@/lib/bench/data-model";
import { intBetween, logNormal, pickWeighted, rngFor, Zipf, type Rng } from "@/lib/bench/random";
import { maybeErrorCode, sentences, subject, summary } from "@/lib/bench/text";

export type Json = Record<string, unknown>;
type ApiTicket = Json & { id: number; updated_at: string; generated_timestamp: number; status: string; created_at: string };
export type ApiComment = Json & { id: number; created_at: string; author_id: number; body: string; html_body: string; public: boolean };

export type GeneratedTicket = {
  ticket: ApiTicket;
  metricSet: Json;
  comments: ApiComment[];
  requester: Person;
  assignee: Person | null;
  group: Named | null;
  organization: Named | null;
};

export const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
const day = (seconds: number) => iso(seconds).slice(0, 10);

const HOUR = 3600;
const DAY = 86_400;

type Weights<T> = readonly (readonly [T, number])[];
const RECENT: Weights<string> = [["new", 25], ["open", 35], ["pending", 15], ["hold", 5], ["solved", 20]];
const THIS_MONTH: Weights<string> = [["new", 3], ["open", 15], ["pending", 10], ["hold", 4], ["solved", 38], ["closed", 30]];
const OLDER: Weights<string> = [["open", 1], ["pending", 0.5], ["hold", 0.5], ["solved", 3], ["closed", 95]];
const PRIORITIES: Weights<string | null> = [["low", 15], ["normal", 55], ["high", 20], ["urgent", 5], [null, 5]];
const TYPES: Weights<string | null> = [["question", 40], ["incident", 30], ["problem", 10], ["task", 10], [null, 10]];
const CHANNELS: Weights<string> = [["email", 45], ["web", 30], ["chat", 10], ["api", 8], ["voice", 5], ["mobile", 2]];
const RATED: Weights<string> = [["unoffered", 60], ["offered", 13], ["good", 22], ["bad", 5]];
const COMMENTS: Weights<number> = [[1, 20], [2, 25], [3, 20], [4, 15], [5, 10], [6, 5], [7, 3], [8, 2]];
const TAGS = ["billing", "vip", "bug", "how_to", "ünïcode", "refund", "urgent_callback", "mobile", "sla_breach", "churn_risk", "feature_request", "outage_2025", "wholesale", "partner", "beta", "gdpr", "escalation", "spam", "auto_reply", "survey"];
const tagZipf = new Zipf(TAGS.length, 1);
const optionZipf = new Map(FIELDS.filter((f) => f.options).map((f) => [f.key, new Zipf(f.options!.length, 1)]));

/** Creation times grow linearly over the three years (twice the volume at the end), weekends are quieter. */
function createdAt(rnd: Rng, index: number, count: number): number {
  const x = Math.min(1, (index + rnd()) / count);
  let created = START + Math.floor((Math.sqrt(1 + 3 * x) - 1) * SPAN_SECONDS);
  const weekday = (Math.floor(created / DAY) + 4) % 7; // 1970-01-01 was a Thursday
  if ((weekday === 0 || weekday === 6) && rnd() < 0.6 && created + 2 * DAY < END - HOUR) created += 2 * DAY;
  return Math.min(created, END - HOUR);
}

function statusFor(rnd: Rng, age: number): string {
  if (rnd() < 0.004) return "deleted";
  return pickWeighted(rnd, age < 3 * DAY ? RECENT : age < 30 * DAY ? THIS_MONTH : OLDER);
}

const minutesPair = (calendar: number | null) => ({ calendar, business: calendar === null ? null : Math.round(calendar * 0.45) });

function optionsOf(rnd: Rng, spec: FieldSpec, n: number): string[] {
  const zipf = optionZipf.get(spec.key)!;
  return [...new Set(Array.from({ length: n }, () => spec.options![zipf.index(rnd)]!.value))];
}

function fieldValue(rnd: Rng, spec: FieldSpec, deskNumber: number, created: number): unknown {
  if (spec.type === "checkbox") return rnd() < spec.fill;
  if (rnd() >= spec.fill) return null;
  switch (spec.type) {
    case "tagger":
      return optionsOf(rnd, spec, 1)[0];
    case "multiselect":
      return optionsOf(rnd, spec, intBetween(rnd, 1, 3));
    // Zendesk sends numbers as strings.
    case "integer":
      return spec.title === "Seats" ? String(Math.round(Math.exp(rnd() * Math.log(5000)))) : String(intBetween(rnd, 1, 9_999_999));
    case "decimal":
      return spec.title === "Effort score" ? (1 + rnd() * 4).toFixed(1) : Math.min(5000, logNormal(rnd, 60, 1)).toFixed(2);
    case "date":
      return spec.title === "Due by" ? day(created + intBetween(rnd, 1, 30) * DAY) : day(END - 365 * DAY + Math.floor(rnd() * 3 * 365) * DAY);
    case "regexp":
      return spec.title === "Serial number"
        ? `SN${String(intBetween(rnd, 0, 9_999_999_999)).padStart(10, "0")}`
        : `${DESKS[deskNumber - 1]!.prefix}-${String(intBetween(rnd, 0, 999_999)).padStart(6, "0")}`;
    case "text":
      return summary(rnd);
    case "textarea":
      return sentences(rnd, 1, 3).join(" ");
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function generateTicket(people: DeskPeople, index: number, count: number): GeneratedTicket {
  const { desk } = people;
  const rnd = rngFor(desk.number, index);
  const id = index + 1;
  const created = createdAt(rnd, index, count);
  const age = END - created;
  const status = statusFor(rnd, age);
  const requester = people.endUsers[Math.floor(rnd() * people.endUsers.length)]!;
  const agentIndex = (status === "new" && rnd() < 0.6) || rnd() < 0.03 ? null : people.agentZipf.index(rnd);
  const assignee = agentIndex === null ? null : people.agents[agentIndex]!;
  const group = agentIndex !== null ? groupOf(people, agentIndex) : rnd() < 0.5 ? people.groups[Math.floor(rnd() * people.groups.length)]! : null;
  const organization = requester.organizationId === null ? null : people.organizationById.get(requester.organizationId)!;

  const solved = status === "solved" || status === "closed";
  const replyMinutes = status === "new" ? null : Math.max(1, Math.min(Math.floor(age / 60), Math.round(logNormal(rnd, 180, 1.3))));
  const resolutionMinutes = solved ? Math.max(5, Math.min(Math.floor(age / 60) - 1, Math.round(logNormal(rnd, 1440, 1.5)))) : null;
  const solvedAt = resolutionMinutes === null ? null : created + resolutionMinutes * 60;
  let updated: number;
  if (status === "closed") updated = Math.min(END - 60, solvedAt! + 4 * DAY);
  else if (status === "solved") updated = Math.min(END - 60, solvedAt! + intBetween(rnd, 0, HOUR));
  else updated = created + Math.floor(rnd() * Math.min(age, 60 * DAY));

  const custom = FIELDS.map((spec) => ({ id: fieldId(desk.number, spec.key), value: fieldValue(rnd, spec, desk.number, created) }));
  const fieldTags = FIELDS.flatMap((spec, i) => {
    const value = custom[i]!.value;
    if (spec.type === "tagger" && typeof value === "string") return [value];
    if (spec.type === "multiselect" && Array.isArray(value)) return value as string[];
    return [];
  });
  const tags = [...new Set([...Array.from({ length: intBetween(rnd, 0, 3) }, () => TAGS[tagZipf.index(rnd)]!), ...fieldTags])];
  const channel = pickWeighted(rnd, CHANNELS);
  const type = pickWeighted(rnd, TYPES);
  const description = `${sentences(rnd, 2, 5).join(" ")}${maybeErrorCode(rnd, 0.05)}`;
  const title = subject(rnd);
  const assignedAt = assignee ? created + Math.min(age - 60, 60 * Math.round((replyMinutes ?? 10) / 2)) : null;

  const ticket: ApiTicket = {
    url: `https://${desk.domain}/api/v2/tickets/${id}.json`,
    id,
    external_id: null,
    via: { channel, source: { from: {}, to: {}, rel: null } },
    created_at: iso(created),
    updated_at: iso(updated),
    generated_timestamp: updated,
    type,
    subject: title,
    raw_subject: title,
    description,
    priority: pickWeighted(rnd, PRIORITIES),
    status,
    recipient: null,
    requester_id: requester.id,
    submitter_id: requester.id,
    assignee_id: assignee?.id ?? null,
    organization_id: organization?.id ?? null,
    group_id: group?.id ?? null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: type === "task" ? iso(created + 7 * DAY) : null,
    tags,
    custom_fields: custom,
    satisfaction_rating: { score: solved ? pickWeighted(rnd, RATED) : "unoffered" },
    sharing_agreement_ids: [],
    fields: custom,
    followup_ids: [],
    ticket_form_id: 360_000_100_000 + desk.number,
    brand_id: 360_000_200_000 + desk.number,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: channel === "chat",
  };

  const metricSet: Json = {
    id: 30_000_000 + id,
    ticket_id: id,
    url: `https://${desk.domain}/api/v2/ticket_metrics/${30_000_000 + id}.json`,
    reopens: pickWeighted(rnd, [[0, 85], [1, 12], [2, 3]]),
    replies: status === "new" ? 0 : intBetween(rnd, 1, 8),
    assignee_stations: assignee ? intBetween(rnd, 1, 3) : 0,
    group_stations: group ? intBetween(rnd, 1, 2) : 0,
    reply_time_in_minutes: minutesPair(replyMinutes),
    first_resolution_time_in_minutes: minutesPair(resolutionMinutes === null ? null : Math.round(resolutionMinutes * (0.6 + rnd() * 0.4))),
    full_resolution_time_in_minutes: minutesPair(resolutionMinutes),
    agent_wait_time_in_minutes: minutesPair(Math.round(logNormal(rnd, 120, 1.2))),
    requester_wait_time_in_minutes: minutesPair(Math.round(logNormal(rnd, 300, 1.2))),
    on_hold_time_in_minutes: minutesPair(status === "hold" ? Math.round(logNormal(rnd, 600, 1)) : 0),
    assigned_at: assignedAt === null ? null : iso(assignedAt),
    initially_assigned_at: assignedAt === null ? null : iso(assignedAt),
    solved_at: solvedAt === null ? null : iso(solvedAt),
    created_at: iso(created),
    updated_at: iso(updated),
  };

  const commentCount = status === "new" ? 1 : pickWeighted(rnd, COMMENTS);
  const comments: ApiComment[] = [];
  for (let c = 0; c < commentCount; c++) {
    const commentId = 10_000_000_000 + id * 16 + c;
    // The requester writes first; agent and requester take turns after.
    const author = c % 2 === 0 ? requester : (assignee ?? people.agents[0]!);
    const body = c === 0 ? description : `${sentences(rnd, 1, 4).join(" ")}${maybeErrorCode(rnd, 0.02)}`;
    comments.push({
      id: commentId,
      type: "Comment",
      author_id: author.id,
      body,
      html_body: `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(body)}</p></div>`,
      plain_body: body,
      public: c === 0 || rnd() < 0.85,
      attachments: [],
      audit_id: commentId + 8,
      via: { channel: c === 0 ? channel : "web", source: { from: {}, to: {}, rel: null } },
      created_at: iso(created + Math.floor(((updated - created) * c) / commentCount)),
      metadata: { system: { client: "Mozilla/5.0", ip_address: "192.0.2.1", location: "Berlin, Germany" } },
    });
  }
  return { ticket, metricSet, comments, requester, assignee, group, organization };
}
