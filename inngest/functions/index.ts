// Every Inngest function the app serves.
import { fetchChangedTicketsFunction } from "@/inngest/functions/fetch-changed-tickets";
import { repairTicketCommentsFunction } from "@/inngest/functions/repair-ticket-comments";
import { scheduleSyncsFunction } from "@/inngest/functions/schedule-syncs";
import { syncDeskFunction } from "@/inngest/functions/sync-desk";

export const functions = [scheduleSyncsFunction, syncDeskFunction, repairTicketCommentsFunction, fetchChangedTicketsFunction];
