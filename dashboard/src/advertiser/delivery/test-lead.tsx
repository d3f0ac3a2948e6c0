// A destination's test lead: sent on request, then watched in the attempt log until the tracker's
// worker has sent it, and its result shown on the destination's card.
import { useEffect, useRef, useState } from "react";
import { useClient, useMutation } from "urql";
import { outcomeOf } from "../../ui/result.ts";
import { attemptSummary, OutcomeBadge } from "../DeliveryLog.tsx";
import { type Attempt, AttemptLogQuery, SendTestLeadMutation } from "../delivery-operations.ts";

export type TestResult = { state: "waiting" } | { state: "done"; attempt: Attempt } | null;

/**
 * Sends a test lead to `destinationId`. `onNote` gets what to tell the advertiser (a refusal, or
 * that the lead is still queued); `onLogged` is told when the attempt log has something new.
 */
export function useTestLead(
  destinationId: string,
  onNote: (note: string | null) => void,
  onLogged: () => void,
) {
  const client = useClient();
  const [result, setResult] = useState<TestResult>(null);
  const [testing, sendTest] = useMutation(SendTestLeadMutation);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  async function send() {
    onNote(null);
    const outcome = outcomeOf<string>(await sendTest({ destinationId }), "sendTestLead");
    if (!outcome.ok) {
      onNote(outcome.message);
      return;
    }
    setResult({ state: "waiting" });
    // The tracker's worker sends it in a moment: read the attempt log until its attempt is there.
    for (let tries = 0; tries < 60 && alive.current; tries++) {
      await new Promise((resolve) => setTimeout(resolve, tries < 5 ? 500 : 1000));
      const answer = await client
        .query(AttemptLogQuery, { destinationId }, { requestPolicy: "network-only" })
        .toPromise();
      const attempt = answer.data?.leadDeliveryAttempts.edges
        .map((edge) => edge.node)
        .find((node) => node.deliveryId === outcome.data);
      if (attempt) {
        setResult({ state: "done", attempt });
        onLogged();
        return;
      }
    }
    if (alive.current) {
      setResult(null);
      onNote("The test lead is queued but has not been sent yet; its attempt will show in the log below.");
      onLogged();
    }
  }

  return { send, result, busy: testing.fetching || result?.state === "waiting" };
}

export function TestLeadResult({ result }: { result: TestResult }) {
  return result ? (
    <div className="test-result" role="status" data-testid="test-result">
      {result.state === "waiting" ? (
        <p aria-busy="true">Sending the test lead…</p>
      ) : (
        <p>
          <OutcomeBadge attempt={result.attempt} /> Test lead: {attemptSummary(result.attempt)}
        </p>
      )}
    </div>
  ) : null;
}
