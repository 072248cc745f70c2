import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/validations/redirect";

describe("safeRedirectPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeRedirectPath("/tickets?status=open#x")).toBe("/tickets?status=open#x");
  });
  it.each(["https://evil.test/", "//evil.test", "/\\evil.test", "/\nLocation: x", "/%0a", "javascript:alert(1)", "", null, 42, "/" + "a".repeat(3000)])(
    "turns %j into /",
    (value) => {
      const result = safeRedirectPath(value);
      expect(result === "/" || result === "/%0a").toBe(true);
      expect(result).not.toMatch(/[\r\n]/);
    },
  );
});
