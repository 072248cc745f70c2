import { describe, expect, it } from "vitest";
import { sanitizeCommentHtml } from "@/lib/data/tickets";

describe("comment HTML", () => {
  it("never loads a remote image (a tracking pixel): it becomes a link the viewer may open", () => {
    const html = sanitizeCommentHtml('<p>Hi <img src="https://track.test/p.gif?u=1" alt="logo"><img src="javascript:alert(1)" onerror="x()"></p>');
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('<a href="https://track.test/p.gif?u=1" rel="noopener noreferrer nofollow" target="_blank"');
    expect(html).toContain("[image: logo]");
    expect(html).not.toMatch(/javascript:|onerror/);
  });
});
