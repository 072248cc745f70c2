// The one answer every server action gives: a confirmation, a form-level error, or field errors shown
// beside their fields. Actions return these rather than throw, so the page can explain itself.
import { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult = {
  /** True once the action did what was asked; absent before the first submit. */
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: FieldErrors;
  /** Refills a form after a refused submit (React resets forms after an action); never secrets. */
  values?: Record<string, string>;
};

/** The submitted text values minus the named secrets, to refill the form after a refusal. */
export function echoValues(formData: FormData, secrets: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !secrets.includes(key) && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}

/** A text field of a form, or undefined when missing (a file upload is never a text value). */
export function formText(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}
