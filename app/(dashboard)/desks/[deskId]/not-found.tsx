import { MissingRecord } from "@/components/layout/missing-record";

export default function DeskNotFound() {
  return <MissingRecord title="No such desk" reason="It may have been deleted." back={{ href: "/desks", label: "Back to the desks" }} />;
}
