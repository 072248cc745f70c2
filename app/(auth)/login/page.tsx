import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { countUsers } from "@/lib/data/users";
import { safeRedirectPath } from "@/lib/validations/redirect";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (await currentUser()) redirect("/");
  const callbackUrl = safeRedirectPath((await searchParams).callbackUrl);
  const firstAdmin = (await countUsers()) === 0;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-card p-6 shadow-sm">
        <h1 className="text-xl font-semibold">{firstAdmin ? "Create the first admin" : "Sign in"}</h1>
        <p className="mb-6 mt-1 text-sm text-muted-foreground">
          {firstAdmin ? "No one can sign in yet. This account will manage desks and users; the setup code proves you run this server." : "Zendesk Data Collector"}
        </p>
        <LoginForm callbackUrl={callbackUrl} firstAdmin={firstAdmin} />
      </div>
    </main>
  );
}
