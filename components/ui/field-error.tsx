export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  // One line per problem: two messages run together read as one garbled sentence.
  return (
    <ul id={id} className="flex flex-col gap-0.5 text-sm text-destructive">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
