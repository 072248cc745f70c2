import { BarChart3, Gauge, LayoutDashboard, Server, Smile, Ticket, Timer, UserCheck, Users } from "lucide-react";

/**
 * The sections, in order; adminOnly entries are neither shown nor linked for viewers (the pages refuse
 * them anyway).
 */
export const navItems = [
  { href: "/", label: "Overview", icon: LayoutDashboard, adminOnly: false },
  { href: "/tickets", label: "Tickets", icon: Ticket, adminOnly: false },
  { href: "/charts", label: "Charts", icon: BarChart3, adminOnly: false },
  { href: "/agents", label: "Agents", icon: UserCheck, adminOnly: false },
  { href: "/sla", label: "SLA", icon: Timer, adminOnly: false },
  { href: "/satisfaction", label: "Satisfaction", icon: Smile, adminOnly: false },
  { href: "/sync", label: "Sync", icon: Gauge, adminOnly: false },
  { href: "/desks", label: "Desks", icon: Server, adminOnly: false },
  { href: "/users", label: "Users", icon: Users, adminOnly: true },
] as const;
