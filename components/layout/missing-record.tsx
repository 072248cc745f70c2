import Link from "next/link";

/** The not-found state of a detail page: what is missing, why it may be, and the way back. */
export function MissingRecord({ title, reason, back }: { title: string; reason: string; back: { href: string; label: string } }) {
  return (
    <div className="flex flex-col items-start gap-3">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-muted-foreground">{reason}</p>
      <Link href={back.href} className="text-sm text-primary underline">
        {back.label}
      </Link>
    </div>
  );
}
