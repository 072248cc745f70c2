"use client";
// Custom-field filters by Zendesk title: the operator and value inputs follow the field's type
// (dropdown → its options, checkbox → yes/no, number → a range, text → equals/contains).
import { Plus, X } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { CustomFieldChoice } from "@/lib/data/tickets";
import type { CustomFieldFilter } from "@/lib/validations/ticket-search";

const OP_LABELS: Record<CustomFieldFilter["op"], string> = { is: "is", contains: "contains", checked: "is", range: "between" };

function describe(filter: CustomFieldFilter, fields: CustomFieldChoice[]): string {
  const field = fields.find((f) => f.title.toLowerCase() === filter.title.toLowerCase());
  const option = field?.options.find((o) => o.value === filter.value);
  if (filter.op === "checked") return `${filter.title} is ${filter.value === "false" ? "not checked" : "checked"}`;
  if (filter.op === "range") {
    const [min, max] = filter.value.split("..");
    return `${filter.title} ${min && max ? `between ${min} and ${max}` : min ? `≥ ${min}` : `≤ ${max}`}`;
  }
  return `${filter.title} ${OP_LABELS[filter.op]} "${option?.label ?? filter.value}"`;
}

function kindOf(type: string | undefined): "options" | "checkbox" | "number" | "text" {
  if (type === "tagger" || type === "multiselect") return "options";
  if (type === "checkbox") return "checkbox";
  if (type === "integer" || type === "decimal") return "number";
  return "text";
}

export function CustomFieldBuilder({
  fields,
  filters,
  onAdd,
  onRemove,
}: {
  fields: CustomFieldChoice[];
  filters: CustomFieldFilter[];
  onAdd: (filter: CustomFieldFilter, form: HTMLFormElement) => void;
  onRemove: (index: number, form: HTMLFormElement) => void;
}) {
  const [title, setTitle] = useState("");
  const [textOp, setTextOp] = useState<"is" | "contains">("contains");
  const [value, setValue] = useState("");
  const [min, setMin] = useState("");
  const [max, setMax] = useState("");
  const field = fields.find((f) => f.title === title);
  const kind = kindOf(field?.type);

  function pending(): CustomFieldFilter | null {
    if (!field) return null;
    if (kind === "number") return min || max ? { title, op: "range", value: `${min}..${max}` } : null;
    if (!value) return null;
    if (kind === "checkbox") return { title, op: "checked", value };
    if (kind === "options") return { title, op: "is", value };
    return { title, op: textOp, value };
  }
  const filter = pending();

  if (fields.length === 0 && filters.length === 0) return null;
  return (
    <fieldset className="flex flex-col gap-2 rounded-lg border border-border p-3">
      <legend className="px-1 text-sm font-medium">Custom fields</legend>
      {filters.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Active custom-field filters">
          {filters.map((f, index) => (
            <li key={`${f.title}-${index}`}>
              <Badge className="py-1 text-sm">
                {describe(f, fields)}
                <button
                  type="button"
                  aria-label={`Remove filter ${describe(f, fields)}`}
                  className="rounded-full hover:text-foreground"
                  onClick={(e) => onRemove(index, e.currentTarget.form!)}
                >
                  <X className="size-3" aria-hidden />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <div className="grid gap-2 sm:grid-cols-[minmax(10rem,1fr)_minmax(8rem,auto)_minmax(10rem,1fr)_auto] sm:items-end">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="cf-field">Field</Label>
          <NativeSelect
            id="cf-field"
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              setValue("");
            }}
          >
            <option value="">Choose a field…</option>
            {fields.map((f) => (
              <option key={f.title} value={f.title}>
                {f.title}
              </option>
            ))}
          </NativeSelect>
        </div>
        {kind === "text" ? (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="cf-op">Match</Label>
            <NativeSelect id="cf-op" value={textOp} onChange={(e) => setTextOp(e.target.value as "is" | "contains")} disabled={!field}>
              <option value="contains">contains</option>
              <option value="is">equals</option>
            </NativeSelect>
          </div>
        ) : (
          <span className="hidden sm:block" />
        )}
        {kind === "number" ? (
          <div className="flex items-end gap-2">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="cf-min">Min</Label>
              <Input id="cf-min" inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="cf-max">Max</Label>
              <Input id="cf-max" inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} />
            </div>
          </div>
        ) : (
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="cf-value">Value</Label>
            {kind === "options" || kind === "checkbox" ? (
              <NativeSelect id="cf-value" value={value} onChange={(e) => setValue(e.target.value)} disabled={!field}>
                <option value="">Choose…</option>
                {kind === "checkbox" ? (
                  <>
                    <option value="true">checked</option>
                    <option value="false">not checked</option>
                  </>
                ) : (
                  field?.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))
                )}
              </NativeSelect>
            ) : (
              <Input
                id="cf-value"
                value={value}
                disabled={!field}
                onChange={(e) => setValue(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" && filter) {
                    e.preventDefault();
                    onAdd(filter, e.currentTarget.form!);
                  }
                }}
              />
            )}
          </div>
        )}
        <Button type="button" variant="outline" disabled={!filter} onClick={(e) => filter && onAdd(filter, e.currentTarget.form!)}>
          <Plus aria-hidden /> Add filter
        </Button>
      </div>
    </fieldset>
  );
}
