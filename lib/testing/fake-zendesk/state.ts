// The fake account's mutable state: tickets in export order, the ticket event stream, comments, and
// the edits tests make between syncs (updates, new comments, deletions, corrupt items, renamed users
// and organizations). Every ticket change is also announced to listeners (the webhook deliveries).
import { createAccount, iso, type FactoryOptions, type FakeAccount, type FakeComment, type FakeTicket, type Json } from "@/lib/testing/fake-zendesk/factory";

export type FakeEvent = Json & { id: number; ticket_id: number; timestamp: number; child_events: Json[] };

/** One change to a ticket, as a webhook subscriber would hear of it. `previous` holds the old values of the patched fields. */
export type TicketChange =
  | { kind: "created"; ticket: FakeTicket }
  | { kind: "updated"; ticket: FakeTicket; previous: Json; patch: Json }
  | { kind: "comment"; ticket: FakeTicket; comment: FakeComment }
  | { kind: "comment-private"; ticket: FakeTicket; comment: FakeComment }
  | { kind: "deleted"; ticket: FakeTicket; previousStatus: string };

export type TicketChangeListener = (change: TicketChange) => void;

export class FakeState {
  readonly account: FakeAccount;
  readonly byId = new Map<number, FakeTicket>();
  /** Tickets ordered by (generated_timestamp, id), as the cursor export walks them. */
  order: FakeTicket[];
  readonly events: FakeEvent[] = [];
  private lastTs = 0;
  private sealedTs = 0;
  private nextCommentId = 5_000_000;
  private nextEventId = 1;
  private nextChildId = 900_000_000;
  private readonly listeners = new Set<TicketChangeListener>();

  constructor(options: FactoryOptions) {
    this.account = createAccount(options);
    for (const ticket of this.account.tickets) {
      this.byId.set(ticket.id, ticket);
      this.lastTs = Math.max(this.lastTs, ticket.generated_timestamp);
    }
    this.order = [...this.account.tickets].sort(compareTickets);
    const initial: FakeEvent[] = [];
    for (const [ticketId, comments] of this.account.comments) {
      comments.forEach((comment, index) => {
        const ts = Date.parse(comment.created_at) / 1000;
        const children: Json[] = [{ ...comment, event_type: "Comment" }];
        if (index === 0) children.push({ id: comment.id + 1, event_type: "Create", field_name: "status", value: "new" });
        initial.push({ id: 0, ticket_id: ticketId, timestamp: ts, created_at: iso(ts), event_type: "Audit", updater_id: comment.author_id, child_events: children });
      });
    }
    initial.sort((a, b) => a.timestamp - b.timestamp || a.ticket_id - b.ticket_id);
    for (const event of initial) this.events.push({ ...event, id: this.nextEventId++ });
  }

  /** Calls `listener` after every ticket change (create, update, comment, privacy change, delete); returns an unsubscribe. */
  onTicketChange(listener: TicketChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(change: TicketChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /**
   * The second a change is stamped with: now (a second back, as before), never before an earlier
   * change, so the exports stay in time order. Many changes share a second, as a macro's bulk update
   * does in Zendesk, but one record never gets two versions in the same second (`previous`: the
   * record's own last change), so "the newer updated_at wins" still tells its versions apart. A
   * second an export has shown is closed (`seal`): a later change never lands behind a cursor it gave.
   */
  private tick(previous = 0): number {
    this.lastTs = Math.max(this.lastTs, Math.floor(Date.now() / 1000) - 1, previous + 1, this.sealedTs + 1);
    return this.lastTs;
  }

  /**
   * Called by the exports as they answer. Zendesk leaves out the last minute, so what it exports is
   * finished; this fake exports up to now, so it closes the seconds it has shown instead.
   */
  seal(): void {
    this.sealedTs = this.lastTs;
  }

  private touch(ticket: FakeTicket, ts: number): void {
    ticket.updated_at = iso(ts);
    ticket.generated_timestamp = ts;
    const index = this.order.indexOf(ticket);
    if (index >= 0) this.order.splice(index, 1);
    // Tickets of one second go in id order, as the cursor export walks them: search back from the end.
    let at = this.order.length;
    while (at > 0 && compareTickets(this.order[at - 1]!, ticket) > 0) at--;
    this.order.splice(at, 0, ticket);
  }

  private pushEvent(ticketId: number, ts: number, children: Json[]): void {
    this.events.push({ id: this.nextEventId++, ticket_id: ticketId, timestamp: ts, created_at: iso(ts), event_type: "Audit", updater_id: 5000, child_events: children });
  }

  /** Ids for change events: unique across tickets, which may now share a second. */
  private childIds(n: number): number[] {
    return Array.from({ length: n }, () => this.nextChildId++);
  }

  ticket(id: number): FakeTicket {
    const ticket = this.byId.get(id);
    if (!ticket) throw new Error(`fake: no ticket ${id}`);
    return ticket;
  }

  updateTicket(id: number, patch: Json): FakeTicket {
    const ticket = this.ticket(id);
    const previous = this.patchTicket(ticket, patch);
    this.announce({ kind: "updated", ticket, previous, patch });
    return ticket;
  }

  private patchTicket(ticket: FakeTicket, patch: Json): Json {
    const previous = Object.fromEntries(Object.keys(patch).map((field) => [field, structuredClone(ticket[field])]));
    const ts = this.tick(ticket.generated_timestamp);
    Object.assign(ticket, patch);
    this.touch(ticket, ts);
    const ids = this.childIds(Object.keys(patch).length);
    this.pushEvent(ticket.id, ts, Object.keys(patch).map((field, i) => ({ id: ids[i], event_type: "Change", field_name: field, value: patch[field] })));
    return previous;
  }

  addComment(ticketId: number, body: string, isPublic = true): FakeComment {
    const comment = this.appendComment(ticketId, body, isPublic);
    this.announce({ kind: "comment", ticket: this.ticket(ticketId), comment });
    return comment;
  }

  private appendComment(ticketId: number, body: string, isPublic: boolean): FakeComment {
    const ticket = this.ticket(ticketId);
    const ts = this.tick(ticket.generated_timestamp);
    const comment: FakeComment = {
      id: this.nextCommentId++,
      type: "Comment",
      author_id: Number(ticket.requester_id),
      body,
      html_body: `<p>${body}</p>`,
      plain_body: body,
      public: isPublic,
      attachments: [],
      created_at: iso(ts),
    };
    const comments = this.account.comments.get(ticketId) ?? [];
    comments.push(comment);
    this.account.comments.set(ticketId, comments);
    this.touch(ticket, ts);
    this.pushEvent(ticketId, ts, [{ ...comment, event_type: "Comment" }]);
    return comment;
  }

  /** An agent makes a comment internal: the event export carries a CommentPrivacyChange, not the comment again. */
  makeCommentPrivate(ticketId: number, commentId: number): FakeComment {
    const ticket = this.ticket(ticketId);
    const comment = this.account.comments.get(ticketId)?.find((c) => c.id === commentId);
    if (!comment) throw new Error(`fake: no comment ${commentId} on ticket ${ticketId}`);
    const ts = this.tick(ticket.generated_timestamp);
    comment.public = false;
    this.touch(ticket, ts);
    this.pushEvent(ticketId, ts, [{ id: this.childIds(1)[0], event_type: "CommentPrivacyChange", type: "CommentPrivacyChange", comment_id: commentId, public: false }]);
    this.announce({ kind: "comment-private", ticket, comment });
    return comment;
  }

  /** An admin adds a custom ticket field (it appears in /ticket_fields, not in any ticket until set). */
  addTicketField(field: Json & { id: number; title: string; type: string }): void {
    this.account.ticketFields.push({ active: true, position: this.account.ticketFields.length + 1, ...field });
  }

  deleteTicket(id: number): FakeTicket {
    const ticket = this.ticket(id);
    const previousStatus = String(ticket.status);
    this.patchTicket(ticket, { status: "deleted" });
    this.announce({ kind: "deleted", ticket, previousStatus });
    return ticket;
  }

  createTicket(patch: Json = {}): FakeTicket {
    const template = this.account.tickets[0]!;
    const id = Math.max(...this.byId.keys()) + 1;
    const ts = this.tick();
    const ticket: FakeTicket = { ...structuredClone(template), id, created_at: iso(ts), updated_at: iso(ts), generated_timestamp: ts, ...patch };
    this.byId.set(id, ticket);
    this.account.tickets.push(ticket);
    this.touch(ticket, ts);
    this.account.metricSets.set(id, { ...structuredClone(this.account.metricSets.get(template.id)!), id: 30_000 + id, ticket_id: id });
    this.account.comments.set(id, []);
    this.appendComment(id, `New ticket ${id}`, true);
    this.announce({ kind: "created", ticket });
    return ticket;
  }

  user(id: number): Json {
    const user = this.account.users.find((u) => u.id === id);
    if (!user) throw new Error(`fake: no user ${id}`);
    return user;
  }

  organization(id: number): Json {
    const organization = this.account.organizations.find((o) => o.id === id);
    if (!organization) throw new Error(`fake: no organization ${id}`);
    return organization;
  }

  /**
   * A user is renamed: only the user's updated_at moves, so the users export returns it and the ticket
   * export does not (tickets' generated_timestamp changes only when the ticket itself does).
   */
  renameUser(id: number, name: string): Json {
    const user = this.user(id);
    return Object.assign(user, { name, updated_at: iso(this.tick(secondOf(user))) });
  }

  /** An admin adds an agent (it appears in the users export, in no ticket until assigned). */
  addAgent(fields: Json = {}): Json {
    const id = Math.max(...this.account.users.map((u) => Number(u.id))) + 1;
    const at = iso(this.tick());
    const agent: Json = {
      id,
      name: `Agent ${id}`,
      email: `agent${id}@example.com`,
      role: "agent",
      external_id: null,
      organization_id: null,
      active: true,
      created_at: at,
      updated_at: at,
      ...fields,
    };
    this.account.users.push(agent);
    return agent;
  }

  /** An organization is renamed: it appears in the organizations export; tickets don't move. */
  renameOrganization(id: number, name: string): Json {
    const organization = this.organization(id);
    return Object.assign(organization, { name, updated_at: iso(this.tick(secondOf(organization))) });
  }

  /** Makes a ticket fail validation without moving it in the stream (a bad item for the client). */
  corruptTicket(id: number): void {
    (this.ticket(id) as Json).status = 12345;
  }
}

const secondOf = (item: Json) => Math.floor(Date.parse(String(item.updated_at)) / 1000) || 0;

function compareTickets(a: FakeTicket, b: FakeTicket): number {
  return a.generated_timestamp - b.generated_timestamp || a.id - b.id;
}
