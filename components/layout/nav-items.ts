import { BarChart3, Gauge, LayoutDashboard, Server, Ticket, Users } from "lucide-react";

/** The sidebar: one entry per section; adminOnly entries are hidden from viewers. */
export const navItems = [
  { href: "/", label: "Overview", icon: LayoutDashboard, adminOnly: false },
  { href: "/tickets", label: "Tickets", icon: Ticket, adminOnly: false },
  { href: "/charts", label: "Charts", icon: BarChart3, adminOnly: false },
  { href: "/sync", label: "Sync", icon: Gauge, adminOnly: false },
  { href: "/desks", label: "Desks", icon: Server, adminOnly: false },
  { href: "/users", label: "Users", icon: Users, adminOnly: true },
] as const;
