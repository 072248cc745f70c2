import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export type StatCard = { title: string; value: number; href: string };

/** Headline numbers, each a link to the list behind it (overview and charts pages). */
export function StatCards({ cards }: { cards: StatCard[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      {cards.map((card) => (
        <Link key={card.title} href={card.href}>
          <Card className="transition-colors hover:border-primary/50">
            <CardHeader>
              <CardTitle>{card.title}</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-3xl font-semibold tabular-nums">{card.value.toLocaleString("en-US")}</p>
            </CardContent>
          </Card>
        </Link>
      ))}
    </div>
  );
}
