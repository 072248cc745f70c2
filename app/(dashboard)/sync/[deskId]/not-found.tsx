import { MissingRecord } from "@/components/layout/missing-record";

export default function DeskSyncNotFound() {
  return <MissingRecord title="No such desk" reason="It may have been deleted." back={{ href: "/sync", label: "Back to the sync monitor" }} />;
}
