// The desk use cases: one function per operation, each checking its actor's role itself, shared by
// the app's server actions, the CLI and Inngest, so an operation behaves the same wherever it starts.
export { assertAdmin, isAdmin, type Actor, type Caller, type Deferred } from "@/lib/desks/actor";
export {
  completeDeskConnection,
  oauthRedirectUri,
  startDeskConnection,
  OAUTH_CALLBACK_PATH,
  type AuthorizationAnswer,
  type CompletedConnection,
  type StartedConnection,
} from "@/lib/desks/connect";
export { testDeskConnection, testNewConnection, type ConnectionResult, type NewCredentials } from "@/lib/desks/connection";
export { dispatcher, inngestDashboardUrl } from "@/lib/desks/dispatch";
export {
  createDesk,
  removeDesk,
  setDeskActive,
  updateDesk,
  CONNECTION_FIELD,
  type DeskOutcome,
  type DeskRef,
  type SaveOptions,
} from "@/lib/desks/manage";
export { setDeskPrivacy } from "@/lib/desks/privacy";
export { inProcessSyncLoop, runSyncLoop, syncUntilCaughtUp, type CatchUpLine } from "@/lib/desks/schedule";
export { setDeskSla } from "@/lib/desks/sla";
export { repairComments, requestBackfill, requestSync } from "@/lib/desks/syncing";
export {
  disableRealtime,
  enableRealtime,
  EXPORT_LIMITS,
  publicAppUrl,
  realtimeStatus,
  setExportLimit,
  type RealtimeOutcome,
  type RealtimeStatus,
} from "@/lib/desks/realtime";
export { receiveZendeskWebhook, type WebhookAnswer } from "@/lib/desks/webhook-receiver";
