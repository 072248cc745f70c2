// Checks that keep what a URL or a form says within what PostgreSQL accepts, so bad input is refused
// (or ignored) at the edge instead of failing a query: no NUL characters in text, ids within int4 or
// int8, dates and times between year 1 and 9999.
const INT4_MAX = 2_147_483_647;
const INT8_MAX = 9_223_372_036_854_775_807n;

/** Text PostgreSQL can store (it refuses the NUL character in text). */
export const isPgText = (value: string) => !value.includes("\u0000");

export const isInt4Id = (value: number | string) => /^\d{1,10}$/.test(String(value)) && Number(value) >= 1 && Number(value) <= INT4_MAX;

export const isInt8Id = (value: string) => /^\d{1,19}$/.test(value) && BigInt(value) >= 1n && BigInt(value) <= INT8_MAX;

/** A date-time JavaScript reads, as ISO text PostgreSQL reads too (years 1-9999), else null. */
export function pgTimestamp(value: string): string | null {
  if (!isPgText(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1 && year <= 9999 ? new Date(ms).toISOString() : null;
}

/** A `YYYY-MM-DD` day PostgreSQL accepts (year 0000 does not exist there). */
export const isPgDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= "0001-01-01" && pgTimestamp(`${value}T00:00:00Z`) !== null;
