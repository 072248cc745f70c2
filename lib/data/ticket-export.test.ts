import { describe, expect, it } from "vitest";
import { csvField, csvHeader, csvRows, type CsvShape } from "@/lib/data/ticket-export";
import type { TicketListRow } from "@/lib/data/ticket-search";

const row: TicketListRow = {
  id: "1",
  zendeskId: "42",
  deskId: 1,
  domain: "acme.zendesk.com",
  deleted: false,
  masked: false,
  clash: false,
  cells: {
    id: "42",
    subject: 'Printer says "no", again',
    status: "open",
    priority: null,
    assignee: '=HYPERLINK("http://x")',
    organization: "Line\nbreak",
    tags: ["a", "b"],
    created: "2026-01-05T08:00:00.000Z",
    firstReply: 95,
  },
  custom: { "Product 📦": "Beta", Notes: null },
};

const shape: CsvShape = {
  columns: ["id", "subject", "status", "priority", "assignee", "organization", "tags", "created", "firstReply"],
  customTitles: ["Product 📦", "Notes"],
  timeZone: "Asia/Tokyo",
};

describe("ticket CSV", () => {
  it("quotes commas, quotes and line breaks, and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("-1")).toBe("'-1");
    const [line] = csvRows([row], shape).split("\r\n");
    expect(line).toBe(`42,"Printer says ""no"", again",open,,"'=HYPERLINK(""http://x"")","Line\nbreak",a b,2026-01-05 17:00:00,95,Beta,`);
  });

  it("has exactly the view's columns, custom fields by title, and names the time zone of its times", () => {
    expect(csvHeader(shape)).toBe("\uFEFFid,subject,status,priority,assignee,organization,tags,created_at (Asia/Tokyo),first_reply_time_in_minutes,Product 📦,Notes\r\n");
  });

  it("writes (hidden) for personal data a desk masks, and leaves other empty cells empty", () => {
    const masked: TicketListRow = { ...row, masked: true, cells: { id: "42", requester: null, requesterEmail: null, assignee: null } };
    const [line] = csvRows([masked], { columns: ["id", "requester", "requesterEmail", "assignee"], customTitles: [], timeZone: "UTC" }).split("\r\n");
    expect(line).toBe("42,(hidden),(hidden),");
  });
});
