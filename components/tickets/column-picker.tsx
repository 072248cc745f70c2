"use client";
// Column visibility as a disclosure of checkboxes: keyboard- and screen-reader-friendly without a
// popover library, and it closes itself after each choice since the page reloads with new columns.
import { Columns3 } from "lucide-react";

export type PickableColumn = { id: string; label: string; visible: boolean; toggle: () => void };

export function ColumnPicker({ columns }: { columns: PickableColumn[] }) {
  return (
    <details className="relative">
      <summary className="inline-flex h-8 cursor-pointer list-none items-center gap-2 rounded-md border border-border px-3 text-sm font-medium hover:bg-muted [&::-webkit-details-marker]:hidden">
        <Columns3 className="size-4" aria-hidden /> Columns
      </summary>
      <fieldset className="absolute right-0 z-10 mt-1 grid w-48 gap-1 rounded-md border border-border bg-card p-2 shadow-md">
        <legend className="sr-only">Visible columns</legend>
        {columns.map((column) => (
          <label key={column.id} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-muted">
            <input type="checkbox" checked={column.visible} onChange={column.toggle} />
            {column.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
