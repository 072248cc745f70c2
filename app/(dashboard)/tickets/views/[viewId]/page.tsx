import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { findView } from "@/lib/data/saved-views";

// A saved view's shareable link: opens the list as the view's owner last saved it.
export default async function SavedViewPage({ params }: { params: Promise<{ viewId: string }> }) {
  await requireUser();
  const { viewId } = await params;
  const view = /^\d{1,9}$/.test(viewId) ? await findView(Number(viewId)) : null;
  if (!view) notFound();
  redirect(view.query ? `/tickets?${view.query}` : "/tickets");
}
