// Where a chart's bar, slice or point leads: the ticket list, filtered with the ticket search's own
// schema to the tickets counted there.
import type { ChartScope } from "@/lib/data/charts";
import { breakdownHref, createdIn, ticketsHref, type Dimension } from "@/lib/validations/dashboard-filter";
import type { DayRange } from "@/lib/validations/period";

export const sliceHref = (scope: ChartScope, dimension: Dimension, key: string | null) => breakdownHref(scope.desk, scope.period, dimension, key);

export const createdHref = (scope: ChartScope, range: DayRange) => ticketsHref(scope.desk, createdIn(range));
