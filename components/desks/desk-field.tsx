// One labelled input of the desk forms, with its hint and its errors wired for assistive technology.
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";

export type FieldAria = { id: string; name: string; "aria-invalid": boolean; "aria-describedby": string };

export function DeskField({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: string;
  label: string;
  hint?: React.ReactNode;
  errors?: string[];
  children: (aria: FieldAria) => React.ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <Label htmlFor={`desk-${name}`}>{label}</Label>
      {children({ id: `desk-${name}`, name, "aria-invalid": Boolean(errors?.length), "aria-describedby": `desk-${name}-hint desk-${name}-error` })}
      {hint && (
        <p id={`desk-${name}-hint`} className="text-xs break-words text-muted-foreground">
          {hint}
        </p>
      )}
      <FieldError id={`desk-${name}-error`} messages={errors} />
    </div>
  );
}
