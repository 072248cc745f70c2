import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

const TONES = {
  error: "border-destructive/40 bg-destructive/10 text-destructive",
  warning: "border-warning/40 bg-warning/10 text-foreground",
  info: "border-border bg-muted",
};

export function Alert({ className, tone = "error", ...props }: ComponentProps<"div"> & { tone?: keyof typeof TONES }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "rounded-md border px-3 py-2 text-sm",
        TONES[tone],
        className,
      )}
      {...props}
    />
  );
}
