// The conversation, oldest first. Internal notes are set apart by colour, border and a label, so the
// difference survives without colour. `html` was sanitised on the server (lib/data/tickets.ts).
import { Lock } from "lucide-react";
import { formatDateTime } from "@/components/tickets/format";
import { Badge } from "@/components/ui/badge";
import type { TicketComment } from "@/lib/data/tickets";
import { cn } from "@/lib/utils";

export function CommentThread({ comments }: { comments: TicketComment[] }) {
  if (comments.length === 0) {
    return <p className="rounded-lg border border-dashed border-border p-6 text-sm text-muted-foreground">No comments stored for this ticket yet.</p>;
  }
  return (
    <ol className="flex flex-col gap-3" aria-label="Comments">
      {comments.map((comment) => (
        <li
          key={comment.id}
          data-testid="comment"
          data-public={comment.public}
          className={cn("rounded-lg border p-4", comment.public ? "border-border bg-card" : "border-warning/50 bg-warning/5 border-l-4")}
        >
          <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{comment.author ?? "Unknown author"}</span>
            {comment.public ? (
              <Badge>public reply</Badge>
            ) : (
              <Badge tone="warning">
                <Lock className="size-3" aria-hidden /> internal note
              </Badge>
            )}
            {comment.createdAt && (
              <time dateTime={comment.createdAt} className="text-muted-foreground tabular-nums">
                {formatDateTime(comment.createdAt)} UTC
              </time>
            )}
          </div>
          {comment.html ? (
            <div
              className="max-w-none text-sm break-words [&_a]:text-primary [&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_img]:max-w-full [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-1.5 [&_pre]:overflow-x-auto [&_ul]:list-disc"
              dangerouslySetInnerHTML={{ __html: comment.html }}
            />
          ) : (
            <p className="text-sm whitespace-pre-wrap break-words">{comment.body}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
