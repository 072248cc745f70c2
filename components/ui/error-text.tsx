/** An error message clamped to two lines (the full text on hover), or a dash when there is none. */
export function ErrorText({ message }: { message: string | null }) {
  if (!message) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="line-clamp-2 text-destructive" title={message}>
      {message}
    </span>
  );
}
