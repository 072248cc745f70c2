import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DeskTable } from "@/components/desks/desk-table";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { listDeskStatuses } from "@/lib/data/desk-status";

export const metadata: Metadata = { title: "Desks" };

export default async function DesksPage() {
  const user = await requireUser();
  const now = new Date();
  const desks = await listDeskStatuses(now);
  const isAdmin = user.role === "admin";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Desks</h1>
          <p className="text-sm text-muted-foreground">The Zendesk accounts this installation keeps a live copy of.</p>
        </div>
        {isAdmin && (
          <Button asChild>
            <Link href="/desks/new">
              <Plus aria-hidden /> Add desk
            </Link>
          </Button>
        )}
      </div>
      {desks.length === 0 ? (
        <Card>
          <CardContent className="pt-5 text-sm">
            No desks yet. {isAdmin ? "Add one to start syncing." : "Ask an admin to add one."}
          </CardContent>
        </Card>
      ) : (
        <DeskTable desks={desks} now={now} canManage={isAdmin} />
      )}
    </div>
  );
}
