import { LogOut } from "lucide-react";
import Link from "next/link";
import { SidebarNav } from "@/components/layout/sidebar";
import { Button } from "@/components/ui/button";
import { requireUser } from "@/lib/auth";
import { signOutAction } from "./actions";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="flex flex-col gap-4 border-b border-border p-3 md:sticky md:top-0 md:h-screen md:w-56 md:shrink-0 md:border-b-0 md:border-r">
        <Link href="/" className="px-3 py-1 text-base font-semibold">
          Zendesk Data Collector
        </Link>
        <SidebarNav role={user.role} />
        <div className="mt-auto hidden flex-col gap-2 px-3 md:flex">
          <p className="truncate text-xs text-muted-foreground" title={user.email}>
            {user.email} · {user.role}
          </p>
          <form action={signOutAction}>
            <Button variant="outline" size="sm" type="submit" className="w-full">
              <LogOut aria-hidden /> Sign out
            </Button>
          </form>
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-4 md:p-8">{children}</main>
      <form action={signOutAction} className="border-t border-border p-3 md:hidden">
        <Button variant="outline" size="sm" type="submit" className="w-full">
          <LogOut aria-hidden /> Sign out {user.email}
        </Button>
      </form>
    </div>
  );
}
