import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth";
import { getOverview } from "@/lib/data/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const overview = await getOverview();
  const cards = [
    { title: "Total tickets", value: overview.totalTickets, href: "/tickets" },
    { title: "Open tickets", value: overview.openTickets, href: "/tickets?status=new,open,pending,hold" },
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
      <div className="grid gap-4 sm:grid-cols-3">
        {cards.map((card) => (
          <Link key={card.title} href={card.href}>
            <Card className="transition-colors hover:border-primary/50">
              <CardHeader>
                <CardTitle>{card.title}</CardTitle>
              </CardHeader>
              <CardContent>
                <p className="text-3xl font-semibold tabular-nums" data-testid={`stat-${card.title.toLowerCase().replace(/ /g, "-")}`}>
                  {card.value.toLocaleString("en-US")}
                </p>
              </CardContent>
            </Card>
          </Link>
        ))}
      </div>
    </div>
  );
}
