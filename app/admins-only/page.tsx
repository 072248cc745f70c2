// What a viewer sees, with status 403, when asking for an admin-only page (proxy.ts rewrites here).
import type { Metadata } from "next";
import Forbidden from "@/app/forbidden";

export const metadata: Metadata = { title: "Admins only" };

export default function AdminsOnlyPage() {
  return <Forbidden />;
}
