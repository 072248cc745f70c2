import type { Metadata } from "next";
import { formatUtc } from "@/components/sync/format";
import { UserCreateForm } from "@/components/users/user-create-form";
import { UserRowActions } from "@/components/users/user-row-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>User</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Last sign-in</TableHead>
            <TableHead>Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => {
            const lockedUntil = user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
            return (
              <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
                <TableCell>
                  <div className="font-medium">{user.email}</div>
                  {user.name && <div className="text-xs text-muted-foreground">{user.name}</div>}
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    <Badge tone={user.role === "admin" ? "success" : "neutral"}>{user.role}</Badge>
                    {lockedUntil && (
                      <Badge tone="error" title={`After ${user.failedAttempts} failed sign-ins, until ${formatUtc(lockedUntil)}; a password reset lifts it`}>
                        locked
                      </Badge>
                    )}
                    {String(user.id) === admin.id && <Badge>you</Badge>}
                  </div>
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <TimeAgo date={user.lastLoginAt} now={now} />
                </TableCell>
                <TableCell>
                  <UserRowActions
                    user={{ id: user.id, email: user.email, role: user.role }}
                    isSelf={String(user.id) === admin.id}
                    changeRole={changeRoleAction}
                    resetPassword={resetPasswordAction}
                    remove={removeUserAction}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
