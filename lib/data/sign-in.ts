import "server-only";
// Password sign-in with throttling instead of account locks (which let anyone lock the owner out):
// - per client address: a budget of attempts (LOGIN_RATE_PER_MINUTE), whatever the account;
// - per account and address: after 3 failures each further one doubles that address's wait for that
//   account, up to 15 minutes; the owner elsewhere is untouched;
// - per account, from all addresses (a distributed guesser): past 20 failures an attempt waits,
//   doubling up to 30 s at most, so the owner is slowed at worst, never kept out.
// The keys are the email as typed, existing or not, so "wait" never tells which emails exist.
import { checkBackOff, clearKey, recordFailure, takeToken, type BackOff } from "@/lib/db/rate-limits";
import { normalizeEmail, signInWithPassword, type SessionUser } from "@/lib/data/users";

const PAIR_BACKOFF: BackOff = { free: 3, baseSeconds: 2, maxSeconds: 900, forgetSeconds: 3_600 };
const ACCOUNT_BACKOFF: BackOff = { free: 20, baseSeconds: 1, maxSeconds: 30, forgetSeconds: 3_600 };

export type SignInOutcome =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export type SignInAttempt = { email: string; password: string; address: string; perMinute: number };

export async function attemptSignIn(attempt: SignInAttempt, now = new Date()): Promise<SignInOutcome> {
  const email = normalizeEmail(attempt.email).slice(0, 320);
  const pairKey = `signin:pair:${email}:${attempt.address}`;
  const accountKey = `signin:account:${email}`;
  for (const decision of [
    await takeToken(`signin:addr:${attempt.address}`, attempt.perMinute, attempt.perMinute, now),
    await checkBackOff(pairKey, PAIR_BACKOFF, now),
    await checkBackOff(accountKey, ACCOUNT_BACKOFF, now),
  ]) {
    if (!decision.ok) return { ok: false, reason: "throttled", retryAfterSeconds: decision.retryAfterSeconds };
  }
  const result = await signInWithPassword(email, attempt.password, now);
  if (result.ok) {
    await Promise.all([clearKey(pairKey), clearKey(accountKey)]);
    return result;
  }
  await Promise.all([recordFailure(pairKey, PAIR_BACKOFF, now), recordFailure(accountKey, ACCOUNT_BACKOFF, now)]);
  return result;
}

/** One try at the first-admin setup code: guessing it is throttled like guessing a password. */
export function takeSetupAttempt(address: string, perMinute: number) {
  return takeToken(`setup:addr:${address}`, perMinute);
}
