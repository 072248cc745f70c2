import { describe, expect, it } from "vitest";
import { csvField, csvHeader, csvRows } from "@/lib/data/ticket-export";
import type { TicketListRow } from "@/lib/data/ticket-search";

const row: TicketListRow = {
  id: "1",
  zendeskId: "42",
  deskId: 1,
  domain: "acme.zendesk.com",
  subject: 'Printer says "no", again',
  status: "open",
  priority: null,
  type: null,
  assignee: "=HYPERLINK(\"http://x\")",
  group: null,
  organization: "Line\nbreak",
  requester: null,
  via: "email",
  tags: ["a", "b"],
  created: "2026-01-05T08:00:00.000Z",
  updated: null,
  solved: null,
  deleted: null,
};

describe("ticket CSV", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("-1")).toBe("'-1");
    const [line] = csvRows([row]).split("\r\n");
    expect(line).toBe(
      `acme.zendesk.com,42,"Printer says ""no"", again",open,,,"'=HYPERLINK(""http://x"")",,"Line\nbreak",,email,a b,2026-01-05T08:00:00.000Z,,,`,
    );
  });

  it("starts with a BOM and one name per column", () => {
    expect(csvHeader()).toMatch(/^\uFEFFdesk,id,subject,status,.*,deleted_at\r\n$/);
    expect(csvHeader().split(",")).toHaveLength(16);
  });
});
