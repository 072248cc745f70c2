// Per-desk request pacing, shared by every client of that desk in this process: a sliding window for
// the desk's share of the account limit, another for the incremental exports (10 a minute), holds
// from the rate-limit headers, and the Retry-After block.

export type RequestKind = "api" | "export";

/** When requests went out (ms), so a runner whose steps may run in other processes can carry them on. */
export type RequestHistory = Record<RequestKind, number[]>;

export type PacerSettings = {
  /** The plan limit per window as configured on the desk; the observed X-Rate-Limit when null. */
  limitPerWindow: number | null;
  /** Percent of the limit this collector may spend. */
  sharePercent: number;
  exportLimitPerWindow: number;
  windowMs: number;
};

const FALLBACK_LIMIT = 200; // Zendesk's smallest plan, until a response tells us better

export class Pacer {
  private blockedUntil = 0;
  private holdUntil = 0;
  private observedLimit: number | null = null;
  private readonly sent: Record<RequestKind, number[]> = { api: [], export: [] };

  constructor(public settings: PacerSettings) {}

  get limit(): number {
    return this.settings.limitPerWindow ?? this.observedLimit ?? FALLBACK_LIMIT;
  }

  /** Requests per window this desk may send to ordinary endpoints. */
  get budget(): number {
    return Math.max(1, Math.floor((this.limit * this.settings.sharePercent) / 100));
  }

  /** X-Rate-Limit as last seen, null before the first response. */
  get observed(): number | null {
    return this.observedLimit;
  }

  block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  /** The earliest time a request of this kind may go out. */
  nextSlot(kind: RequestKind, now = Date.now()): number {
    let at = Math.max(now, this.blockedUntil, this.holdUntil);
    const windows: [number[], number][] = [[this.sent.api, this.budget]];
    if (kind === "export") windows.push([this.sent.export, this.settings.exportLimitPerWindow]);
    for (const [sent, budget] of windows) {
      prune(sent, now - this.settings.windowMs);
      // A request is timed here as it leaves; the server times it as it arrives, maybe later for the
      // first of a window (a new connection) than for the last, so the window is kept 1 % longer.
      if (sent.length >= budget) at = Math.max(at, sent[sent.length - budget]! + this.settings.windowMs * 1.01);
    }
    return at;
  }

  record(kind: RequestKind, at = Date.now()): void {
    this.sent.api.push(at);
    if (kind === "export") this.sent.export.push(at);
  }

  /** Adds requests made elsewhere (an earlier step, maybe in another process) that this one has not seen. */
  seed(history: RequestHistory): void {
    for (const kind of ["api", "export"] as const) {
      const known = new Set(this.sent[kind]);
      const added = history[kind].filter((at) => !known.has(at));
      if (added.length === 0) continue;
      this.sent[kind].push(...added);
      this.sent[kind].sort((a, b) => a - b);
    }
  }

  /**
   * Reads X-Rate-Limit / X-Rate-Limit-Remaining / ratelimit-remaining / ratelimit-reset. When what is
   * left of the account's window is no more than other integrations' share, wait for the reset.
   */
  observe(headers: Headers, now = Date.now(), options: { hold?: boolean } = {}): number | null {
    const limit = intHeader(headers, "x-rate-limit") ?? intHeader(headers, "ratelimit-limit");
    if (limit && limit > 0) this.observedLimit = limit;
    const remaining = intHeader(headers, "ratelimit-remaining") ?? intHeader(headers, "x-rate-limit-remaining");
    if (remaining === null || options.hold === false) return limit;
    const reserved = this.limit - this.budget;
    if (remaining <= reserved) {
      const reset = intHeader(headers, "ratelimit-reset");
      // Seconds to the window's end, so never more than a window (an epoch time here would block for years).
      const wait = reset !== null && reset >= 0 ? Math.min(reset * 1000, this.settings.windowMs) : this.settings.windowMs / this.budget;
      this.holdUntil = Math.max(this.holdUntil, now + wait);
    }
    return limit;
  }
}

function prune(sent: number[], before: number): void {
  let drop = 0;
  while (drop < sent.length && sent[drop]! <= before) drop++;
  if (drop > 0) sent.splice(0, drop);
}

function intHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  if (value === null || value.trim() === "") return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? Math.floor(parsed) : null;
}

const pacers = new Map<string, Pacer>();

/** What a fresh process starts with: no pacing state (tests use it to stand in for a process change). */
export function forgetPacers(): void {
  pacers.clear();
}

/** One pacer per desk per process, so consecutive steps and clients share the budget. */
export function pacerFor(key: string, settings: PacerSettings): Pacer {
  let pacer = pacers.get(key);
  if (!pacer) {
    pacer = new Pacer(settings);
    pacers.set(key, pacer);
  } else {
    pacer.settings = settings;
  }
  return pacer;
}
