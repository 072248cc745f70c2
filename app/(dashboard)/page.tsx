import type { Metadata } from "next";
import Link from "next/link";
import { StatCards } from "@/components/layout/stat-cards";
import { Card, CardContent } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { getOverview } from "@/lib/data/overview";
import { OPEN_STATUSES, ticketSearchHref } from "@/lib/validations/ticket-search";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const overview = await getOverview();
  const cards = [
    { title: "Total tickets", value: overview.totalTickets, href: "/tickets" },
    { title: "Open tickets", value: overview.openTickets, href: ticketSearchHref({ status: [...OPEN_STATUSES] }) },
    { title: "Active desks", value: overview.activeDesks, href: "/desks" },
  ];
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      {overview.desks === 0 && (
        <Card>
          <CardContent className="pt-5 text-sm">
            No Zendesk account is connected yet.{" "}
            {user.role === "admin" ? (
              <Link href="/desks/new" className="text-primary underline">
                Add a desk
              </Link>
            ) : (
              "Ask an admin to add one."
            )}
          </CardContent>
        </Card>
      )}
      <StatCards cards={cards} />
    </div>
  );
}
