import type { Metadata } from "next";
import { DeskForm } from "@/components/desks/desk-form";
import { PageHeader } from "@/components/layout/page-header";
import { requireAdmin } from "@/lib/auth";
import { oauthRedirectUri } from "@/lib/desks";
import { createDeskAction, testNewDeskAction } from "../actions";
import { requestOrigin } from "../origin";

export const metadata: Metadata = { title: "Add desk" };

export default async function NewDeskPage() {
  await requireAdmin();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader back={{ href: "/desks", label: "Desks" }} title="Add desk">
        Connect a Zendesk Support account with an OAuth client registered in its Admin Center. The connection is tested before the desk is saved.
      </PageHeader>
      <DeskForm
        mode="create"
        action={createDeskAction}
        testAction={testNewDeskAction}
        redirectUri={oauthRedirectUri(await requestOrigin())}
        defaults={{ address: "", name: "", waitIntervalSeconds: "60", rateLimitPerMinute: "", rateLimitShare: "50" }}
      />
    </div>
  );
}
