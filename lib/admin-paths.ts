// Pages only admins may open. Each page checks the role itself (requireAdmin); proxy.ts also answers
// a viewer's request for one with a real 403 before rendering starts, since a page that streams
// (loading.tsx) has already sent 200 when it finds out.
const ADMIN_ONLY = [/^\/users\/?$/, /^\/desks\/new\/?$/, /^\/desks\/\d+\/?$/];

export const isAdminOnlyPath = (pathname: string) => ADMIN_ONLY.some((pattern) => pattern.test(pathname));

/** Where proxy.ts sends a viewer, answered with status 403. */
export const FORBIDDEN_PATH = "/admins-only";
