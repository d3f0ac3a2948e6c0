import type { ReactNode } from "react";

/** A status word with a colour class, e.g. <Badge tone="pending">PENDING</Badge>. */
export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone.toLowerCase()}`}>{children}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={status}>{status.toLowerCase().replace(/_/g, " ")}</Badge>;
}
