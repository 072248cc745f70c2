/** A problem with what the user asked for: shown to them as is, never a stack trace. */
export class UserError extends Error {}
