// Zendesk's satisfaction scores and what counts as a rating: CSAT = good / (good + bad), the same on
// every page. Scores with a comment count with their plain twin.
export const GOOD_SCORES = ["good", "good_with_comment"] as const;
export const BAD_SCORES = ["bad", "bad_with_comment"] as const;

export const isGood = (score: string | null) => score !== null && (GOOD_SCORES as readonly string[]).includes(score);
export const isBad = (score: string | null) => score !== null && (BAD_SCORES as readonly string[]).includes(score);
