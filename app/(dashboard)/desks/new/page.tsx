import type { Metadata } from "next";
import Link from "next/link";
import { DeskForm } from "@/components/desks/desk-form";
import { requireAdmin } from "@/lib/auth";
import { createDeskAction, testNewDeskAction } from "../actions";

export const metadata: Metadata = { title: "Add desk" };

export default async function NewDeskPage() {
  await requireAdmin();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href="/desks" className="text-sm text-muted-foreground hover:underline">
          ← Desks
        </Link>
        <h1 className="text-2xl font-semibold">Add desk</h1>
        <p className="text-sm text-muted-foreground">Connect a Zendesk Support account with an agent&apos;s API token.</p>
      </div>
      <DeskForm
        mode="create"
        action={createDeskAction}
        testAction={testNewDeskAction}
        defaults={{ address: "", name: "", email: "", waitIntervalSeconds: "60", rateLimitPerMinute: "", rateLimitShare: "50" }}
      />
    </div>
  );
}
