"use client";
// Column visibility as a disclosure of checkboxes in sections (ticket, people, times, SLA metrics,
// custom fields). It stays open while columns are ticked (each tick loads the new view), and closes
// on Escape, on a click outside, or with its button; Escape gives focus back to the button.
import { Columns3 } from "lucide-react";
import { useEffect, useId, useOptimistic, useRef, useState, useTransition } from "react";

type PickableColumn = { id: string; label: string; visible: boolean; toggle: () => void };
export type ColumnSection = { label: string; columns: PickableColumn[] };

export function ColumnPicker({ sections }: { sections: ColumnSection[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  // A tick shows at once; the URL (and so the real state) follows when the new view has loaded.
  const [, startTransition] = useTransition();
  const visible = Object.fromEntries(sections.flatMap((s) => s.columns.map((c) => [c.id, c.visible])));
  const [shown, setShown] = useOptimistic(visible, (state, id: string) => ({ ...state, [id]: !state[id] }));

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex h-8 items-center gap-2 rounded-md border border-border px-3 text-sm font-medium hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        <Columns3 className="size-4" aria-hidden /> Columns
      </button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-label="Visible columns"
          className="absolute left-0 z-20 mt-1 grid max-h-[70vh] sm:right-0 sm:left-auto w-[min(36rem,calc(100vw-2rem))] gap-3 overflow-y-auto rounded-md border border-border bg-card p-3 shadow-md sm:grid-cols-2"
        >
          {sections
            .filter((section) => section.columns.length > 0)
            .map((section) => (
              <fieldset key={section.label} className="flex flex-col gap-0.5">
                <legend className="mb-1 px-2 text-xs font-medium text-muted-foreground uppercase">{section.label}</legend>
                {section.columns.map((column) => (
                  <label key={column.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-muted">
                    <input
                      type="checkbox"
                      checked={Boolean(shown[column.id])}
                      onChange={() =>
                        startTransition(() => {
                          setShown(column.id);
                          column.toggle();
                        })
                      }
                    />
                    {column.label}
                  </label>
                ))}
              </fieldset>
            ))}
        </div>
      )}
    </div>
  );
}
