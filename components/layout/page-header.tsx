import Link from "next/link";
import type { ReactNode } from "react";

/** A detail page's heading: a way back, the title with an optional badge, and a line beneath. */
export function PageHeader({
  back,
  title,
  badge,
  children,
}: {
  back: { href: string; label: string };
  title: ReactNode;
  badge?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div>
      <Link href={back.href} className="text-sm text-muted-foreground hover:underline">
        ← {back.label}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-all">{title}</h1>
        {badge}
      </div>
      {children && <p className="text-sm text-muted-foreground">{children}</p>}
    </div>
  );
}
