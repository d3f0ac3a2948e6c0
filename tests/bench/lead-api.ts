// The lead API's part of `pnpm bench`: leads per second through POST /v1/leads, reported as a ratio to
// the click path's requests per second measured by tracker.ts in the same run (same tracker process,
// same machine, same minute), so the number means something on a loaded machine too.
//
// Every lead is distinct (its own e-mail and request id), so each one is a real insert with its
// duplicate lookup, cap check and idempotency row, not a replay. Clickless leads: the publisher's
// own traffic, the common case for a publisher with its own landing page.
import { type Db, generateApiKey } from "@leadrail/db";
import autocannon from "autocannon";

export interface LeadApiBenchSetup {
  offerId: number;
  apiKey: string;
}

/** A publisher user with an API key and a lead form on the bench offer (a PUBLIC offer: no application). */
export async function setUpLeadApiBench(
  db: Db,
  offerId: number,
  publisherId: number,
): Promise<LeadApiBenchSetup> {
  await db.leadForm.create({
    data: {
      offerId,
      key: "bench-lead-form",
      title: "Bench lead form",
      fields: [
        { name: "name", label: "Name", type: "text", required: true },
        { name: "email", label: "E-mail", type: "email", required: true },
      ],
      consentText: "I agree to be contacted.",
      consentVersion: 1,
    },
  });
  const user = await db.user.create({
    data: { email: "bench-publisher@bench.leadrail.test", name: "Bench", role: "PUBLISHER", publisherId },
  });
  const { key, prefix, keyHash } = generateApiKey();
  await db.apiKey.create({ data: { userId: user.id, name: "bench", prefix, keyHash } });
  return { offerId, apiKey: key };
}

export interface LeadApiPass {
  rps: number;
  created: number;
  other: number;
  errors: number;
  p50: number;
  p99: number;
}

export async function benchLeadApi(
  trackerUrl: string,
  setup: LeadApiBenchSetup,
  options: { seconds: number; connections: number },
): Promise<LeadApiPass> {
  let n = 0;
  const body = (id: string) =>
    JSON.stringify({
      offer_id: setup.offerId,
      fields: { name: "Bench Lead", email: `lead-${id}@bench.example.com` },
      consent: { given: true, text_version: 1 },
      sub1: "bench",
    });
  const headers = { authorization: `Bearer ${setup.apiKey}`, "content-type": "application/json" };
  // One lead first: a refusal here is a broken bench, not a slow endpoint.
  const first = await fetch(`${trackerUrl}/v1/leads`, { method: "POST", headers, body: body("first") });
  if (first.status !== 201)
    throw new Error(`lead API bench: first lead answered ${first.status} ${await first.text()}`);
  const result = await autocannon({
    url: `${trackerUrl}/v1/leads`,
    connections: options.connections,
    duration: options.seconds,
    method: "POST",
    headers,
    requests: [
      {
        setupRequest: (request) => {
          n += 1;
          const id = `${process.pid}-${n}`;
          return { ...request, headers: { ...headers, "idempotency-key": `bench-${id}` }, body: body(id) };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    created: result["2xx"],
    other: result["1xx"] + result["3xx"] + result["4xx"] + result["5xx"],
    errors: result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
