import { describe, expect, it } from "vitest";
import { DESKS, END, FIELDS, START, deskPeople, fieldId, ticketsPerDesk } from "@/lib/bench/data-model";
import { generateTicket } from "@/lib/bench/generate-ticket";

const people = deskPeople(DESKS[0]!);
const COUNT = 4000;
const tickets = Array.from({ length: COUNT }, (_, i) => generateTicket(people, i, COUNT));

describe("the benchmark's generated tickets", () => {
  it("are the same ticket every time, whatever else was generated before", () => {
    expect(generateTicket(people, 1234, COUNT)).toEqual(tickets[1234]);
    expect(generateTicket(deskPeople(DESKS[0]!), 7, COUNT)).toEqual(tickets[7]);
    expect(generateTicket(people, 8, COUNT).ticket.subject).not.toBe(tickets[7]!.ticket.subject);
  });

  it("split 2,000,000 tickets 60/30/10 over the three desks", () => {
    expect(ticketsPerDesk(2_000_000)).toEqual([1_200_000, 600_000, 200_000]);
    expect(ticketsPerDesk(1001).reduce((a, b) => a + b)).toBe(1001);
  });

  it("spread over three years, more of them recently, mostly closed once old", () => {
    const created = tickets.map((t) => Date.parse(t.ticket.created_at) / 1000);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(START);
    expect(Math.max(...created)).toBeLessThan(END);
    const firstYear = created.filter((c) => c < START + 365 * 86_400).length;
    const lastYear = created.filter((c) => c >= END - 365 * 86_400).length;
    expect(lastYear / firstYear).toBeGreaterThan(1.4);
    const old = tickets.filter((t) => Date.parse(t.ticket.created_at) / 1000 < END - 60 * 86_400);
    expect(old.filter((t) => t.ticket.status === "closed").length / old.length).toBeGreaterThan(0.9);
    for (const t of tickets) expect(Date.parse(t.ticket.updated_at)).toBeGreaterThanOrEqual(Date.parse(t.ticket.created_at));
  });

  it("give the busiest agents most of the work and have about three comments each", () => {
    const perAgent = new Map<number, number>();
    for (const t of tickets) if (t.assignee) perAgent.set(t.assignee.id, (perAgent.get(t.assignee.id) ?? 0) + 1);
    const counts = [...perAgent.values()].sort((a, b) => b - a);
    expect(counts[0]! / counts[Math.floor(counts.length / 2)]!).toBeGreaterThan(5);
    const comments = tickets.reduce((n, t) => n + t.comments.length, 0) / COUNT;
    expect(comments).toBeGreaterThan(2.7);
    expect(comments).toBeLessThan(3.3);
  });

  it("carry all 20 custom fields with values of their type, and unicode text", () => {
    expect(new Set(FIELDS.map((f) => f.type))).toEqual(new Set(["tagger", "multiselect", "checkbox", "integer", "decimal", "date", "regexp", "text", "textarea"]));
    const valid = (spec: (typeof FIELDS)[number], value: unknown): boolean => {
      const text = String(value);
      switch (spec.type) {
        case "checkbox":
          return typeof value === "boolean";
        case "multiselect":
          return (value as string[]).every((v) => spec.options!.some((o) => o.value === v));
        case "tagger":
          return spec.options!.some((o) => o.value === value);
        case "integer":
          return /^\d+$/.test(text);
        case "decimal":
          return /^\d+\.\d+$/.test(text);
        case "date":
          return /^\d{4}-\d\d-\d\d$/.test(text);
        case "regexp":
          return new RegExp(spec.pattern!).test(text);
        default:
          return typeof value === "string";
      }
    };
    for (const [i, spec] of FIELDS.entries()) {
      const fields = tickets.map((t) => (t.ticket.custom_fields as { id: number; value: unknown }[])[i]!);
      expect(fields.every((f) => f.id === fieldId(1, spec.key)), spec.title).toBe(true);
      const values = fields.map((f) => f.value).filter((v) => v !== null);
      expect(values.length, spec.title).toBeGreaterThan(0);
      expect(values.filter((v) => !valid(spec, v)), spec.title).toEqual([]);
    }
    expect(tickets.some((t) => /[^\u0000-\u007f]/.test(String(t.ticket.subject)))).toBe(true);
  });
});
