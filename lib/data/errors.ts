import "server-only";
// Errors about what someone asked for, shown to them as is (never a stack trace); checked with
// instanceof by the app's actions and the CLI, never matched by message.

/** A problem with the request; `field` names the form field it belongs beside, when there is one. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The actor may not do this (a viewer asking for an admin's operation). */
export class ForbiddenError extends UserError {}
