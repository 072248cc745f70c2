// The one Inngest client. Without INNGEST_* settings the app runs the in-process sync loop instead.
import { Inngest } from "inngest";

export const inngest = new Inngest({ id: "zendesk-data-collector" });
