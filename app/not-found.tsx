import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-muted-foreground">This page or record does not exist (any more).</p>
      <Link href="/" className="text-primary underline">
        Back to the overview
      </Link>
    </main>
  );
}
