import type { Metadata } from "next";
import { UserCreateForm } from "@/components/users/user-create-form";
import { UserRowActions } from "@/components/users/user-row-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TimeAgo } from "@/components/ui/time-ago";
import { requireAdmin } from "@/lib/auth";
import { listUsers } from "@/lib/data/users";
import { changeRoleAction, createUserAction, removeUserAction, resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireAdmin();
  const users = await listUsers();
  const now = new Date();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="text-sm text-muted-foreground">Who can sign in. Admins manage desks and users; viewers only read.</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Add a user</CardTitle>
        </CardHeader>
        <CardContent>
          <UserCreateForm action={createUserAction} />
        </CardContent>
      </Card>
      {/* A list rather than a table: on a phone each user's actions wrap under them instead of scrolling away. */}
      <ul aria-label="Users" className="divide-y divide-border rounded-lg border border-border">
        {users.map((user) => {
          const isSelf = String(user.id) === admin.id;
          return (
            <li key={user.id} data-testid={`user-row-${user.email}`} className="flex flex-col gap-3 p-4 lg:flex-row lg:items-start lg:justify-between">
              <div className="flex min-w-0 flex-col gap-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium break-all">{user.email}</span>
                  <Badge tone={user.role === "admin" ? "success" : "neutral"}>{user.role}</Badge>
                  {isSelf && <Badge>you</Badge>}
                </div>
                <div className="text-xs text-muted-foreground">
                  {user.name && `${user.name} · `}last sign-in <TimeAgo date={user.lastLoginAt} now={now} />
                </div>
              </div>
              <UserRowActions
                user={{ id: user.id, email: user.email, role: user.role }}
                isSelf={isSelf}
                changeRole={changeRoleAction}
                resetPassword={resetPasswordAction}
                remove={removeUserAction}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
