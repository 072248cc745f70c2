import { describe, expect, it } from "vitest";
import { parseTicketSearch, Q_MAX, searchProblems, ticketSearchParams, visibleColumns } from "@/lib/validations/ticket-search";

const problemsOf = (query: string, today = "2026-03-10") => {
  const params = new URLSearchParams(query);
  return searchProblems(parseTicketSearch(params), params, today);
};

describe("searchProblems", () => {
  it("explains a range whose start is after its end, and one that starts in the future", () => {
    expect(problemsOf("createdFrom=2026-03-05&createdTo=2026-03-01")).toEqual([
      { message: "Created from 2026-03-05 is after created to 2026-03-01: no ticket can match. Swap the dates.", blocking: true },
    ]);
    expect(problemsOf("solvedFrom=2026-04-01")).toEqual([
      { message: "Solved from 2026-04-01 is in the future (today is 2026-03-10): no ticket can match yet.", blocking: true },
    ]);
    expect(problemsOf("updatedFrom=2026-03-10&updatedTo=2027-01-01")).toEqual([]);
  });

  it("says which date it ignored instead of dropping it in silence", () => {
    expect(problemsOf("createdFrom=2026-02-30&createdTo=yesterday")).toEqual([
      { message: "“2026-02-30” is not a date (created from), so that limit was ignored.", blocking: false },
      { message: "“yesterday” is not a date (created to), so that limit was ignored.", blocking: false },
    ]);
  });

  it("keeps a search text that is too long, to say so, rather than cutting it", () => {
    const long = "refund ".repeat(100).trim();
    const search = parseTicketSearch(new URLSearchParams({ q: long }));
    expect(search.q).toBe(long);
    const [problem] = problemsOf(new URLSearchParams({ q: long }).toString());
    expect(problem).toEqual({ message: `The search text is limited to ${Q_MAX} characters; yours has ${long.length}. Shorten it to search.`, blocking: true });
    expect(problemsOf(new URLSearchParams({ q: "x".repeat(Q_MAX) }).toString())).toEqual([]);
  });
});

describe("list URLs", () => {
  it("round-trip the page, columns and custom-field columns (whose titles may hold commas)", () => {
    const params = new URLSearchParams("cols=id,subject,firstReply,requester&cfcol=Plan%2C+tier&cfcol=VIP&page=4&size=25");
    const search = parseTicketSearch(params);
    expect(search).toMatchObject({ page: 4, size: 25, cfcol: ["Plan, tier", "VIP"] });
    expect(visibleColumns(search)).toEqual(["id", "subject", "requester", "firstReply"]);
    expect(parseTicketSearch(ticketSearchParams(search))).toEqual(search);
  });

  it("falls back to page 1 and the default columns on nonsense", () => {
    const search = parseTicketSearch(new URLSearchParams("page=-3&cols=nope"));
    expect(search.page).toBe(1);
    expect(visibleColumns(search)).toEqual(["id", "subject", "status", "priority", "assignee", "group", "created", "updated"]);
  });
});
