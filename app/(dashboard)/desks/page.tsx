import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DeskTable } from "@/components/desks/desk-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { listDeskStatuses } from "@/lib/data/desk-status";
import { API_TOKEN_SHUTOFF_TEXT, apiTokenDaysLeft, connectMessage } from "@/lib/validations/desk-auth";

export const metadata: Metadata = { title: "Desks" };

export default async function DesksPage({ searchParams }: { searchParams: Promise<{ connect?: string }> }) {
  const user = await requireUser();
  const { connect } = await searchParams;
  const now = new Date();
  const desks = await listDeskStatuses(now);
  const isAdmin = user.role === "admin";
  const onApiTokens = desks.filter((d) => d.authMethod === "api_token").length;
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
      {/* A "Connect with Zendesk" answer the app could not tie to any desk (forged, replayed or expired state). */}
      {connect === "refused" && <Alert>{connectMessage("refused").text}</Alert>}
      {onApiTokens > 0 && (
        <Alert tone="warning" data-testid="api-token-notice">
          {onApiTokens === 1 ? "One desk still signs in" : `${onApiTokens} desks still sign in`} with an API token: Zendesk turns API tokens off on{" "}
          {API_TOKEN_SHUTOFF_TEXT} ({apiTokenDaysLeft(now)} days left). {isAdmin ? "Open the desk and switch it to OAuth; its synced data and cursors are kept." : "Ask an admin to switch it to OAuth."}
        </Alert>
      )}
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
