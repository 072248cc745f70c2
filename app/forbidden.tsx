import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-2xl font-semibold">Admins only</h1>
      <p className="text-muted-foreground">Your account can read data but not change this. Ask an admin.</p>
      <Link href="/" className="text-primary underline">
        Back to the overview
      </Link>
    </main>
  );
}
