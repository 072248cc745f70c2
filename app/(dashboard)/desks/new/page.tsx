import type { Metadata } from "next";
import { DeskForm } from "@/components/desks/desk-form";
import { requireAdmin } from "@/lib/auth";
import { createDeskAction, testNewDeskAction } from "../actions";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Add desk" };

export default async function NewDeskPage() {
  await requireAdmin();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader back={{ href: "/desks", label: "Desks" }} title="Add desk">
        Connect a Zendesk Support account with an agent&apos;s API token.
      </PageHeader>
      <DeskForm
        mode="create"
        action={createDeskAction}
        testAction={testNewDeskAction}
        defaults={{ address: "", name: "", email: "", waitIntervalSeconds: "60", rateLimitPerMinute: "", rateLimitShare: "50" }}
      />
    </div>
  );
}
