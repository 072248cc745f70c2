"use client";
// The user's saved views (named filters + columns) as links, the current one marked; "Save view" keeps
// the list as it is now under a name; each view has a link to share (/tickets/views/<id>), which
// follows the view when its owner saves it again.
import { Bookmark, Link2, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { SavedView } from "@/lib/data/saved-views";
import type { ActionResult } from "@/lib/validations/action-result";

export function SavedViews({
  views,
  current,
  save,
  remove,
}: {
  views: SavedView[];
  /** The list's query as a view would store it. */
  current: string;
  save: (input: { name: string; query: string }) => Promise<ActionResult>;
  remove: (id: number) => Promise<ActionResult>;
}) {
  const router = useRouter();
  const active = views.find((v) => v.query === current);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState(active?.name ?? "");
  const [outcome, setOutcome] = useState<ActionResult>({});
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<ActionResult>, after?: () => void) =>
    startTransition(async () => {
      const result = await work();
      setOutcome(result);
      if (result.ok) {
        after?.();
        router.refresh();
      }
    });

  const copyLink = (view: SavedView) => {
    const url = `${window.location.origin}/tickets/views/${view.id}`;
    void navigator.clipboard?.writeText(url).then(
      () => setOutcome({ ok: true, message: `Link to “${view.name}” copied: ${url}` }),
      () => setOutcome({ ok: true, message: `Link to “${view.name}”: ${url}` }),
    );
  };

  return (
    <section aria-label="Saved views" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium">Views</span>
        {views.length === 0 && <span className="text-sm text-muted-foreground">none saved yet</span>}
        <ul className="flex flex-wrap gap-2">
          {views.map((view) => (
            <li key={view.id} className="flex items-center rounded-full border border-border text-sm" data-active={view === active}>
              <Link
                href={view.query ? `/tickets?${view.query}` : "/tickets"}
                aria-current={view === active ? "page" : undefined}
                className={view === active ? "rounded-l-full bg-primary px-3 py-1 text-primary-foreground" : "rounded-l-full px-3 py-1 hover:bg-muted"}
              >
                {view.name}
              </Link>
              <button type="button" className="px-1.5 py-1 text-muted-foreground hover:text-foreground" aria-label={`Copy the link to ${view.name}`} onClick={() => copyLink(view)}>
                <Link2 className="size-3.5" aria-hidden />
              </button>
              <button
                type="button"
                className="rounded-r-full px-1.5 py-1 text-muted-foreground hover:text-destructive"
                aria-label={`Delete the view ${view.name}`}
                disabled={pending}
                onClick={() => run(() => remove(view.id))}
              >
                <Trash2 className="size-3.5" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
        {!naming && (
          <Button type="button" variant="outline" size="sm" onClick={() => setNaming(true)}>
            <Bookmark aria-hidden /> Save view
          </Button>
        )}
      </div>
      {naming && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => save({ name, query: current }), () => setNaming(false));
          }}
        >
          <label htmlFor="view-name" className="text-sm">
            Name
          </label>
          <Input id="view-name" value={name} onChange={(e) => setName(e.target.value)} className="h-8 w-56" maxLength={80} autoFocus />
          <Button type="submit" size="sm" disabled={pending}>
            Save
          </Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </form>
      )}
      {(outcome.error || outcome.fieldErrors || outcome.message) && (
        <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? "text-sm text-muted-foreground" : "text-sm text-destructive"}>
          {outcome.error ?? Object.values(outcome.fieldErrors ?? {}).flat()[0] ?? outcome.message}
        </p>
      )}
    </section>
  );
}
