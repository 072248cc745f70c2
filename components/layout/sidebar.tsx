"use client";
// The main navigation: a sidebar from md up; on a phone a tab bar where every section fits on screen
// (icons with short labels, wrapping to a second row), so nothing hides beyond a scroll.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { navItems } from "@/components/layout/nav-items";
import { cn } from "@/lib/utils";

export function SidebarNav({ role }: { role: "admin" | "viewer" }) {
  const pathname = usePathname();
  const items = navItems.filter((item) => role === "admin" || !item.adminOnly);
  return (
    <nav aria-label="Main" className="grid grid-cols-5 gap-1 md:flex md:flex-col">
      {items.map(({ href, label, icon: Icon }) => {
        const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex flex-col items-center gap-0.5 rounded-md px-1 py-1.5 text-[11px] font-medium text-muted-foreground hover:bg-muted hover:text-foreground",
              "md:flex-row md:gap-2 md:px-3 md:py-2 md:text-sm",
              active && "bg-muted text-foreground",
            )}
          >
            <Icon className="size-4 shrink-0" aria-hidden />
            <span className="max-w-full truncate">{label}</span>
          </Link>
        );
      })}
    </nav>
  );
}
