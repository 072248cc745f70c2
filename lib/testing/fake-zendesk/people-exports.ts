// The incremental users export (cursor-based, /api/v2/incremental/users/cursor) and organizations
// export (time-based, /api/v2/incremental/organizations), ordered by updated_at then id. As for the
// ticket export, start_time must be a minute old and a page holds at most 1000 items, more when its
// last second holds more (time-pages.ts).
import type { Json } from "@/lib/testing/fake-zendesk/factory";
import type { FakeRequest, Reply } from "@/lib/testing/fake-zendesk/reply";
import type { FakeState } from "@/lib/testing/fake-zendesk/state";
import { wholeSecondsEnd } from "@/lib/testing/fake-zendesk/time-pages";

const MAX_PER_PAGE = 1000;

const seconds = (item: Json) => Math.floor(Date.parse(String(item.updated_at)) / 1000);
const byUpdate = (a: Json, b: Json) => seconds(a) - seconds(b) || Number(a.id) - Number(b.id);
const encode = (ts: number, id: number) => Buffer.from(`${ts}.${id}`).toString("base64url");

function perPage(query: URLSearchParams): number {
  return Math.min(MAX_PER_PAGE, Math.max(1, Number(query.get("per_page") ?? MAX_PER_PAGE) || MAX_PER_PAGE));
}

function startTime(query: URLSearchParams): number | Reply {
  const start = Number(query.get("start_time"));
  if (!query.has("start_time") || !Number.isFinite(start)) return { status: 400, body: { error: "InvalidValue", description: "start_time is required" } };
  if (start > Date.now() / 1000 - 60) return { status: 400, body: { error: "InvalidValue", description: "start_time is too recent" } };
  return start;
}

export function peopleExports(state: FakeState, req: FakeRequest, link: (pathAndQuery: string) => string): Reply | undefined {
  if (req.method !== "GET") return undefined;
  if (req.path === "/api/v2/incremental/users/cursor") return usersExport(state, req.query, link);
  if (req.path === "/api/v2/incremental/organizations") return organizationsExport(state, req.query, link);
  return undefined;
}

function usersExport(state: FakeState, query: URLSearchParams, link: (pathAndQuery: string) => string): Reply {
  state.seal();
  const order = [...state.account.users].sort(byUpdate);
  let position: [number, number];
  const cursor = query.get("cursor");
  if (cursor) {
    const [ts, id] = Buffer.from(cursor, "base64url").toString().split(".").map(Number);
    if (!Number.isFinite(ts) || !Number.isFinite(id)) return { status: 400, body: { error: "InvalidCursor" } };
    position = [ts!, id!];
  } else {
    const start = startTime(query);
    if (typeof start !== "number") return start;
    position = [start - 1, Number.MAX_SAFE_INTEGER];
  }
  const from = order.findIndex((u) => seconds(u) > position[0] || (seconds(u) === position[0] && Number(u.id) > position[1]));
  const low = from < 0 ? order.length : from;
  const users = order.slice(low, low + perPage(query));
  const last = users.at(-1);
  const after = last ? encode(seconds(last), Number(last.id)) : encode(position[0], position[1]);
  return {
    status: 200,
    body: {
      users,
      after_url: link(`/api/v2/incremental/users/cursor.json?cursor=${after}`),
      after_cursor: after,
      before_url: null,
      before_cursor: null,
      end_of_stream: low + users.length >= order.length,
    },
  };
}

function organizationsExport(state: FakeState, query: URLSearchParams, link: (pathAndQuery: string) => string): Reply {
  const start = startTime(query);
  if (typeof start !== "number") return start;
  state.seal();
  const items = state.account.organizations.filter((o) => seconds(o) >= start).sort(byUpdate);
  const end = wholeSecondsEnd(items, 0, perPage(query), start, seconds);
  const page = items.slice(0, end);
  const endTime = page.length ? seconds(page.at(-1)!) : start;
  return {
    status: 200,
    body: {
      organizations: page,
      count: page.length,
      end_time: endTime,
      next_page: link(`/api/v2/incremental/organizations.json?start_time=${endTime}`),
      end_of_stream: end >= items.length,
    },
  };
}
