import "server-only";
// Named ticket-list views. Each belongs to the user who saved it and is listed only for them; its link
// (/tickets/views/<id>) opens for every signed-in user, so a view can be shared by sending the link.
import { db } from "@/lib/db/client";
import { UserError } from "@/lib/data/errors";
import type { SavedViewInput } from "@/lib/validations/saved-view";

export type SavedView = { id: number; name: string; query: string };

const select = { id: true, name: true, query: true } as const;
const userIdOf = (userId: string) => {
  if (!/^\d{1,9}$/.test(userId)) throw new UserError("Unknown user");
  return Number(userId);
};

const MAX_VIEWS_PER_USER = 100;

export function listSavedViews(userId: string): Promise<SavedView[]> {
  return db().savedView.findMany({ where: { userId: userIdOf(userId) }, select, orderBy: { name: "asc" } });
}

/** Saves under the name; saving again under an existing name replaces that view's filters. */
export async function saveView(userId: string, input: SavedViewInput): Promise<SavedView> {
  const id = userIdOf(userId);
  const existing = await db().savedView.findUnique({ where: { userId_name: { userId: id, name: input.name } }, select });
  if (!existing && (await db().savedView.count({ where: { userId: id } })) >= MAX_VIEWS_PER_USER) {
    throw new UserError(`You have ${MAX_VIEWS_PER_USER} saved views; delete one first`);
  }
  return db().savedView.upsert({
    where: { userId_name: { userId: id, name: input.name } },
    create: { userId: id, name: input.name, query: input.query },
    update: { query: input.query },
    select,
  });
}

/** Only the owner may delete a view. */
export async function deleteView(userId: string, viewId: number): Promise<SavedView> {
  const view = await db().savedView.findFirst({ where: { id: viewId, userId: userIdOf(userId) }, select });
  if (!view) throw new UserError("This view does not exist or is not yours");
  await db().savedView.delete({ where: { id: view.id } });
  return view;
}

export function findView(viewId: number): Promise<SavedView | null> {
  if (!Number.isSafeInteger(viewId) || viewId < 1 || viewId > 2_147_483_647) return Promise.resolve(null);
  return db().savedView.findUnique({ where: { id: viewId }, select });
}
