// Sign-in (Auth.js credentials against admin_users, JWT sessions) and the guards every page, route
// handler and server action calls. The guards re-read the user, so a removed user or a changed role
// takes effect at once rather than when the session cookie expires.
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { forbidden, redirect } from "next/navigation";
import { context } from "@/lib/context";
import { findSessionUser, signInWithPassword, type SessionUser } from "@/lib/data/users";
import { trustHost } from "@/lib/env";
import { log } from "@/lib/log";
import { credentialsSchema } from "@/lib/validations/user";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: "admin" | "viewer" } & DefaultSession["user"];
  }
  interface User {
    role?: "admin" | "viewer";
  }
}

export class AccountLockedError extends CredentialsSignin {
  code = "locked";
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
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await signInWithPassword(parsed.data.email, parsed.data.password);
        if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role };
        if (result.reason === "locked") throw new AccountLockedError();
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      return session;
    },
  },
}));

/** The signed-in user, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  return session?.user?.id ? findSessionUser(session.user.id) : null;
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
