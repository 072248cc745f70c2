import Link from "next/link";

export default function DeskSyncNotFound() {
  return (
    <div className="flex flex-col items-start gap-3">
      <h1 className="text-xl font-semibold">No such desk</h1>
      <p className="text-sm text-muted-foreground">It may have been deleted.</p>
      <Link href="/sync" className="text-primary underline">
        Back to the sync monitor
      </Link>
    </div>
  );
}
