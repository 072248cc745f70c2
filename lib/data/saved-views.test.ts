import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteView, findView, listSavedViews, saveView } from "@/lib/data/saved-views";
import { getTimeZoneSetting, setTimeZoneSetting } from "@/lib/data/user-settings";
import { createUser } from "@/lib/data/users";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { savedViewSchema } from "@/lib/validations/saved-view";

let database: TestDatabase;
let ana: string;
let ben: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ana = String((await createUser({ email: "ana@example.com", role: "viewer", password: "password-123456" })).id);
  ben = String((await createUser({ email: "ben@example.com", role: "viewer", password: "password-123456" })).id);
});
afterAll(() => database.drop());

const input = (name: string, query: string) => savedViewSchema.parse({ name, query });

describe("saved views", () => {
  it("keep filters, sort and columns but not the page, per user, replaced when saved again under a name", async () => {
    const view = await saveView(ana, input(" Urgent open ", "status=open&priority=urgent&after=abc&page=3&cols=id,subject,requester&cfcol=VIP&sort=created"));
    expect(view).toMatchObject({ name: "Urgent open", query: "status=open&priority=urgent&sort=created&cols=id%2Csubject%2Crequester&cfcol=VIP" });
    await saveView(ana, input("Urgent open", "status=new"));
    expect(await listSavedViews(ana)).toEqual([{ id: view.id, name: "Urgent open", query: "status=new" }]);
    expect(await listSavedViews(ben)).toEqual([]);
    // Anyone with the link may open it; only the owner deletes it.
    expect(await findView(view.id)).toMatchObject({ query: "status=new" });
    await expect(deleteView(ben, view.id)).rejects.toThrow(/not yours/);
    await deleteView(ana, view.id);
    expect(await findView(view.id)).toBeNull();
  });

  it("refuse a view without a name", () => {
    expect(savedViewSchema.safeParse({ name: "  ", query: "" }).success).toBe(false);
  });
});

describe("time zone setting", () => {
  it("is stored per user, checked, and can go back to the browser's", async () => {
    expect(await getTimeZoneSetting(ana)).toBeNull();
    await setTimeZoneSetting(ana, "Asia/Tokyo");
    expect(await getTimeZoneSetting(ana)).toBe("Asia/Tokyo");
    expect(await getTimeZoneSetting(ben)).toBeNull();
    await expect(setTimeZoneSetting(ana, "Mars/Olympus")).rejects.toThrow(/Unknown time zone/);
    await setTimeZoneSetting(ana, null);
    expect(await getTimeZoneSetting(ana)).toBeNull();
  });
});
