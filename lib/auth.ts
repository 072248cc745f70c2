// Sign-in (Auth.js credentials against admin_users, JWT sessions) and the guards every page, route
// handler and server action calls. The guards re-read the user on every request, so a removed user, a
// changed role or a sign-out (session_version raised) takes effect at once, not when the cookie expires.
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { context } from "@/lib/context";
import { clientAddress } from "@/lib/client-address";
import { attemptSignIn } from "@/lib/data/sign-in";
import { endSessions, findSessionUser, type SessionUser } from "@/lib/data/users";
import { trustHost } from "@/lib/env";
import { log } from "@/lib/log";
import { credentialsSchema } from "@/lib/validations/user";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "admin" | "viewer" } & DefaultSession["user"];
    /** The user's session_version when this session was issued. */
    sessionVersion?: number;
  }
  interface User {
    role?: "admin" | "viewer";
    sessionVersion?: number;
  }
}

/** Too many attempts from this address or for this account: wait, then try again. */
export class SignInThrottledError extends CredentialsSignin {
  code = "throttled";
  retryAfterSeconds = 60;
}

// Configured on first use, from the settings prepareRuntime() parsed (instrumentation runs it first).
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: context().env.AUTH_SECRET,
  trustHost: trustHost(context().env),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  logger: {
    // A wrong password is an everyday event, and a tampered or stale cookie is one line, not a stack trace.
    error(error) {
      const type = (error as { type?: string }).type;
      if (error instanceof CredentialsSignin || type === "CredentialsSignin") return;
      if (type === "JWTSessionError") return log.warn("session cookie rejected (tampered, expired or signed with another AUTH_SECRET)");
      log.error("sign-in failed", { err: error });
    },
    warn(code) {
      log.warn(`auth: ${code}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      // Also reached directly at /api/auth/callback/credentials, so the throttle lives here, not in the form.
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { env } = context();
        const result = await attemptSignIn({
          ...parsed.data,
          address: clientAddress(request.headers, env.TRUST_PROXY),
          perMinute: env.LOGIN_RATE_PER_MINUTE,
        });
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role, sessionVersion: result.user.sessionVersion };
        if (result.reason === "throttled") {
          const error = new SignInThrottledError();
          error.retryAfterSeconds = result.retryAfterSeconds;
          throw error;
        }
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 0;
        // For proxy.ts's early 403 only; a role change raises session_version, ending this session.
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
}));

/**
 * The signed-in user, or null (also when the session was ended by a sign-out or a password change).
 * Once per request: the layout and the page both ask, and each answer costs a cookie decryption and a
 * database read (React's cache lasts one server render; elsewhere it asks every time).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await sessionCookie();
  if (!session) return null;
  const user = await findSessionUser(session.userId);
  return user && user.sessionVersion === session.sessionVersion ? user : null;
});

/**
 * The session cookie's user and session version: the decryption auth() does, without the rest of
 * its round trip (a Request, the callbacks, a re-encrypted cookie a page cannot set anyway), which
 * was the larger part of a signed-in page's sign-in cost. The cookie only: no Bearer header, as auth().
 * The `__Secure-` cookie (https) first, as Auth.js sets that one whenever it can.
 */
async function sessionCookie(): Promise<{ userId: string; sessionVersion: number } | null> {
  const cookie = (await headers()).get("cookie");
  const secret = context().env.AUTH_SECRET;
  if (!cookie || !secret) return null;
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: { headers: { cookie } }, secret, secureCookie });
    if (typeof token?.sub === "string" && token.sub !== "") return { userId: token.sub, sessionVersion: typeof token.sv === "number" ? token.sv : -1 };
  }
  return null;
}

/** Sign-out that also ends every other copy of the session cookie. */
export async function signOutEverywhere(): Promise<void> {
  const session = await auth();
  if (session?.user?.id) await endSessions(session.user.id);
  await signOut({ redirectTo: "/login" });
}

/** For pages: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** For admin-only pages: viewers get the 403 page. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}
