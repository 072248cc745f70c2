// The conversation: the description (the first comment) set apart, then the replies, oldest first.
// Internal notes are set apart by colour, border and a label, so the difference survives without
// colour; each author carries their Zendesk role. `html` was sanitised on the server (lib/data/tickets.ts).
import { Lock } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { TicketComment } from "@/lib/data/tickets";
import { cn } from "@/lib/utils";
import { formatInZone } from "@/lib/validations/time-zone";

const HIDDEN_BODY = "Hidden: this desk masks comment bodies for viewers.";
const ROLE_LABELS: Record<string, string> = { "end-user": "end user", agent: "agent", admin: "admin" };

function Body({ comment }: { comment: TicketComment }) {
  if (comment.masked) return <p className="text-sm text-muted-foreground italic">{HIDDEN_BODY}</p>;
  if (comment.html) {
    return (
      <div
        className="max-w-none text-sm break-words [&_a]:text-primary [&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_img]:max-w-full [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-1.5 [&_pre]:overflow-x-auto [&_ul]:list-disc"
        dangerouslySetInnerHTML={{ __html: comment.html }}
      />
    );
  }
  return <p className="text-sm whitespace-pre-wrap break-words">{comment.body}</p>;
}

function Byline({ comment, timeZone }: { comment: TicketComment; timeZone: string }) {
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium">{comment.author ?? (comment.masked ? "(hidden)" : "Unknown author")}</span>
      {comment.authorRole && <Badge data-testid="author-role">{ROLE_LABELS[comment.authorRole] ?? comment.authorRole}</Badge>}
      {comment.public ? (
        <Badge>public reply</Badge>
      ) : (
        <Badge tone="warning">
          <Lock className="size-3" aria-hidden /> internal note
        </Badge>
      )}
      {comment.createdAt && (
        <time dateTime={comment.createdAt} className="text-muted-foreground tabular-nums">
          {formatInZone(comment.createdAt, timeZone)}
        </time>
      )}
    </div>
  );
}

/** The ticket's description: the first comment when stored, else the description column. */
export function TicketDescription({ first, description, masked, timeZone }: { first: TicketComment | undefined; description: string | null; masked: boolean; timeZone: string }) {
  return (
    <section aria-labelledby="description-heading" className="rounded-lg border-2 border-primary/25 bg-card p-4" data-testid="description">
      <h2 id="description-heading" className="mb-2 text-sm font-semibold tracking-wide text-muted-foreground uppercase">
        Description
      </h2>
      {first ? (
        <>
          <Byline comment={first} timeZone={timeZone} />
          <Body comment={first} />
        </>
      ) : masked ? (
        <p className="text-sm text-muted-foreground italic">{HIDDEN_BODY}</p>
      ) : (
        <p className="text-sm whitespace-pre-wrap break-words">{description || "No description."}</p>
      )}
    </section>
  );
}

export function CommentThread({ comments, timeZone }: { comments: TicketComment[]; timeZone: string }) {
  if (comments.length === 0) {
    return <p className="rounded-lg border border-dashed border-border p-6 text-sm text-muted-foreground">No replies stored for this ticket yet.</p>;
  }
  return (
    <ol className="flex flex-col gap-3" aria-label="Replies">
      {comments.map((comment) => (
        <li
          key={comment.id}
          data-testid="comment"
          data-public={comment.public}
          className={cn("rounded-lg border p-4", comment.public ? "border-border bg-card" : "border-warning/50 bg-warning/5 border-l-4")}
        >
          <Byline comment={comment} timeZone={timeZone} />
          <Body comment={comment} />
        </li>
      ))}
    </ol>
  );
}
