// What an offer's quality policy makes of a conversion's signals. Pure.
//
//   no signal           → accept (the usual status)
//   publisher_blocked   → reject, whatever the policy: an admin decided, nothing to review
//   REJECT              → reject: status REJECTED, pays nothing, reason = the first signal
//   HOLD                → hold: status PENDING with the reason, paid only if a person approves it
//   FLAG                → flag: the usual status, the signals shown beside the lead
//   bot_click           → never paid (@leadrail/db bot-click.ts): REJECT rejects and HOLD holds as
//                         usual, FLAG rejects — a lead held under FLAG could never be confirmed, it
//                         would only take a cap slot a bot could fill
//
// Attribution failures (no click, a rejected or expired click) were rejected before this rule
// existed and still are; their signals only say more precisely why.
import { BOT_CLICK_SIGNAL } from "@leadrail/db";
import type { QualitySignal, SignalCode } from "./lead-signals.ts";

export type QualityPolicy = "REJECT" | "HOLD" | "FLAG";

export type Verdict =
  | { action: "accept" }
  | { action: "flag"; reason: SignalCode }
  | { action: "hold"; reason: SignalCode }
  | { action: "reject"; reason: SignalCode };

const ALWAYS_REJECT: ReadonlySet<SignalCode> = new Set(["publisher_blocked"]);

export function verdictFor(signals: readonly QualitySignal[], policy: QualityPolicy): Verdict {
  const first = signals[0];
  if (first === undefined) return { action: "accept" };
  const hard = signals.find((s) => ALWAYS_REJECT.has(s.code));
  if (hard) return { action: "reject", reason: hard.code };
  switch (policy) {
    case "REJECT":
      return { action: "reject", reason: first.code };
    case "HOLD":
      return { action: "hold", reason: first.code };
    case "FLAG":
      return signals.some((s) => s.code === BOT_CLICK_SIGNAL)
        ? { action: "reject", reason: "bot_click" }
        : { action: "flag", reason: first.code };
  }
}
