// Lead delivery in the API: an advertiser manages its offers' destinations (checked by the shared
// model, refused fields named), the webhook secret is shown once and rotatable, test sends and replays
// go into the outbox, every change is audited; and no other advertiser, publisher or finance user can
// see or touch them.
import { callerFor, describe, expect, expectOk, test } from "./harness.ts";
import { mutation } from "./operations.ts";

const DESTINATION = `{ id name kind active trigger url format fieldMapping { from to }
  staticFields { name value } recipients refusalRule { httpStatuses bodyContains reason } signed offer { id } }`;
const CREATE = mutation(
  "createLeadDestination",
  "$offerId: ID!, $input: LeadDestinationInput!",
  "offerId: $offerId, input: $input",
  `{ secret destination ${DESTINATION} }`,
);
const UPDATE = mutation(
  "updateLeadDestination",
  "$id: ID!, $input: LeadDestinationInput!",
  "id: $id, input: $input",
  `{ secret destination ${DESTINATION} }`,
);
const SET_ACTIVE = mutation(
  "setLeadDestinationActive",
  "$id: ID!, $active: Boolean!",
  "id: $id, active: $active",
  "{ id active }",
);
const ROTATE = mutation("rotateLeadDestinationSecret", "$id: ID!", "id: $id", "{ secret }");
const DELETE = mutation("deleteLeadDestination", "$id: ID!", "id: $id", "");
const SEND_TEST = mutation("sendTestLead", "$id: ID!", "destinationId: $id", "");
const REPLAY = mutation(
  "replayLeadDelivery",
  "$a: ID, $c: ID, $d: ID",
  "attemptId: $a, conversionId: $c, destinationId: $d",
  "",
);
const LIST = `query ($offerId: ID!) { leadDestinations(offerId: $offerId) ${DESTINATION} }`;
const ATTEMPTS = `query ($d: ID, $c: ID, $after: String) {
  leadDeliveryAttempts(first: 2, after: $after, destinationId: $d, conversionId: $c) {
    pageInfo { hasNextPage endCursor }
    edges { node { id test conversionId outcome requestUrl requestBody responseStatus responseBody destination { id } } }
  } }`;

const webhook = {
  kind: "WEBHOOK",
  name: "Acme CRM",
  url: "https://crm.example.com/leads",
  format: "FORM",
  trigger: "ON_CONFIRMATION",
  fieldMapping: [
    { from: "email", to: "EmailAddress" },
    { from: "{name} ({phone})", to: "Contact" },
  ],
  staticFields: { campaign: "spring" },
  refusalRule: { httpStatuses: [409], bodyContains: "duplicate", reason: "duplicate in CRM" },
};

describe("lead delivery API", () => {
  test("an advertiser adds, changes, switches, rotates and deletes a destination, each audited", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = await factories.createOffer(advertiser);

    const created = expectOk(
      await api.call(CREATE, { offerId: offer.id, input: webhook }, adv.key),
      "createLeadDestination",
    );
    expect(created.destination).toMatchObject({
      name: "Acme CRM",
      kind: "WEBHOOK",
      active: true,
      trigger: "ON_CONFIRMATION",
      format: "FORM",
      fieldMapping: webhook.fieldMapping,
      staticFields: [{ name: "campaign", value: "spring" }],
      refusalRule: { httpStatuses: [409], bodyContains: "duplicate", reason: "duplicate in CRM" },
      signed: true,
      offer: { id: String(offer.id) },
    });
    const id = created.destination.id as string;
    const stored = await db.leadDestination.findUniqueOrThrow({ where: { id: Number(id) } });
    // The secret is the stored one, shown in this answer only.
    expect(created.secret).toBe(stored.secret);
    expect(String(created.secret).length).toBeGreaterThanOrEqual(32);
    const listed = await api.call(LIST, { offerId: offer.id }, adv.key);
    expect(JSON.stringify(listed.data)).not.toContain(String(created.secret));

    // Updating keeps the secret (no new one shown); turning into e-mail drops URL and rule.
    const kept = expectOk(
      await api.call(UPDATE, { id, input: { ...webhook, name: "Acme CRM v2" } }, adv.key),
      "updateLeadDestination",
    );
    expect(kept.secret).toBeNull();
    expect((await db.leadDestination.findUniqueOrThrow({ where: { id: Number(id) } })).secret).toBe(
      stored.secret,
    );
    const email = expectOk(
      await api.call(
        UPDATE,
        { id, input: { kind: "EMAIL", name: "Sales inbox", recipients: ["Sales@Example.com"] } },
        adv.key,
      ),
      "updateLeadDestination",
    );
    expect(email.destination).toMatchObject({
      kind: "EMAIL",
      url: null,
      refusalRule: null,
      recipients: ["sales@example.com"],
      signed: false,
    });
    const back = expectOk(await api.call(UPDATE, { id, input: webhook }, adv.key), "updateLeadDestination");
    expect(back.secret).toEqual(expect.any(String));

    const rotated = expectOk(await api.call(ROTATE, { id }, adv.key), "rotateLeadDestinationSecret");
    expect(rotated.secret).not.toBe(back.secret);
    expect((await db.leadDestination.findUniqueOrThrow({ where: { id: Number(id) } })).secret).toBe(
      rotated.secret,
    );

    expect(
      expectOk(await api.call(SET_ACTIVE, { id, active: false }, adv.key), "setLeadDestinationActive"),
    ).toEqual({
      id,
      active: false,
    });
    expectOk(await api.call(DELETE, { id }, adv.key), "deleteLeadDestination");
    expect(await db.leadDestination.count({ where: { id: Number(id) } })).toBe(0);

    const actions = await db.auditLog.findMany({
      where: { entityType: "LeadDestination", entityId: id },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "lead_destination.create",
      "lead_destination.update",
      "lead_destination.update",
      "lead_destination.update",
      "lead_destination.rotate_secret",
      "lead_destination.disable",
      "lead_destination.delete",
    ]);
    // No secret ever reaches the audit log.
    const secrets = [created.secret, back.secret, rotated.secret].map(String);
    const logged = JSON.stringify(actions.map((a) => [a.before, a.after]));
    for (const secret of secrets) expect(logged).not.toContain(secret);
  });

  test("refused settings name their field and change nothing", async ({ api, db, factories }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = await factories.createOffer(advertiser);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ...webhook, url: "ftp://crm.example.com" }, ["input", "url"]],
      // The worker's SSRF guard, told while the advertiser is looking (POSTBACK_ALLOW_PRIVATE_NETWORKS off).
      [{ ...webhook, url: "http://127.0.0.1:8080/leads" }, ["input", "url"]],
      [{ ...webhook, url: "http://[::1]/leads" }, ["input", "url"]],
      [{ ...webhook, name: " " }, ["input", "name"]],
      [{ ...webhook, fieldMapping: [{ from: "email", to: "" }] }, ["input", "fieldMapping", "0", "to"]],
      [{ ...webhook, refusalRule: { reason: "no condition" } }, ["input", "refusalRule"]],
      [{ kind: "EMAIL", name: "Inbox", recipients: ["not an address"] }, ["input", "recipients", "0"]],
      [{ kind: "EMAIL", name: "Inbox", recipients: [] }, ["input", "recipients"]],
      [{ ...webhook, staticFields: { campaign: 7 } }, ["input", "staticFields", "campaign"]],
    ];
    for (const [input, path] of cases) {
      const answer = await api.call(
        mutation(
          "createLeadDestination",
          "$offerId: ID!, $input: LeadDestinationInput!",
          "offerId: $offerId, input: $input",
          "{ secret }",
        ).replace("code message", "code message fields { path message }"),
        { offerId: offer.id, input },
        adv.key,
      );
      const result = answer.data?.createLeadDestination;
      expect(result, JSON.stringify(input)).toMatchObject({
        __typename: "DomainError",
        code: "invalid_input",
      });
      expect(
        result.fields.map((f: { path: string[] }) => f.path),
        JSON.stringify(input),
      ).toContainEqual(path);
    }
    expect(await db.leadDestination.count({ where: { offerId: offer.id } })).toBe(0);
  });

  test("test sends and replays go into the outbox; the attempt log pages newest first", async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const offer = await factories.createOffer(advertiser);
    const created = expectOk(
      await api.call(CREATE, { offerId: offer.id, input: { ...webhook, active: false } }, adv.key),
      "createLeadDestination",
    );
    const destinationId = Number(created.destination.id);

    // A switched-off destination still takes a test lead (try before going live).
    const queued = expectOk(await api.call(SEND_TEST, { id: destinationId }, adv.key), "sendTestLead");
    const row = await db.leadDeliveryOutbox.findUniqueOrThrow({ where: { id: BigInt(String(queued)) } });
    expect(row).toMatchObject({ destinationId, conversionId: null, test: true, replayOfId: null });

    // Three attempts as the worker would log them: two of one real lead, one of the test.
    const lead = await factories.createConversion(offer, await factories.createPublisher());
    const attempt = (over: Record<string, unknown>) =>
      db.leadDeliveryAttempt.create({
        data: {
          destinationId,
          deliveryId: 900n,
          conversionId: lead.id,
          attempt: 1,
          requestUrl: webhook.url,
          requestBody: "EmailAddress=a%40b.c",
          outcome: "RETRYING",
          ...over,
        },
      });
    await attempt({ conversionId: null, test: true, deliveryId: row.id, outcome: "DELIVERED" });
    const first = await attempt({ responseStatus: 503 });
    const second = await attempt({
      attempt: 2,
      responseStatus: 409,
      responseBody: "duplicate",
      outcome: "REFUSED",
    });

    const page1 = await api.call(ATTEMPTS, { d: destinationId }, adv.key);
    const edges = page1.data?.leadDeliveryAttempts.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(edges).toEqual([String(second.id), String(first.id)]);
    expect(page1.data?.leadDeliveryAttempts.pageInfo.hasNextPage).toBe(true);
    const page2 = await api.call(
      ATTEMPTS,
      { d: destinationId, after: page1.data?.leadDeliveryAttempts.pageInfo.endCursor },
      adv.key,
    );
    expect(page2.data?.leadDeliveryAttempts.edges).toHaveLength(1);
    expect(page2.data?.leadDeliveryAttempts.edges[0].node.test).toBe(true);
    const perLead = await api.call(ATTEMPTS, { c: lead.id }, adv.key);
    expect(perLead.data?.leadDeliveryAttempts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([
      String(second.id),
      String(first.id),
    ]);

    // Replay by attempt: the same lead and destination, as a replay of that delivery.
    const replayed = expectOk(
      await api.call(REPLAY, { a: String(second.id) }, adv.key),
      "replayLeadDelivery",
    );
    expect(
      await db.leadDeliveryOutbox.findUniqueOrThrow({ where: { id: BigInt(String(replayed)) } }),
    ).toMatchObject({
      conversionId: lead.id,
      destinationId,
      test: false,
      replayOfId: 900n,
    });
    // Replay by lead and destination.
    const again = expectOk(
      await api.call(REPLAY, { c: lead.id, d: destinationId }, adv.key),
      "replayLeadDelivery",
    );
    expect(
      await db.leadDeliveryOutbox.findUniqueOrThrow({ where: { id: BigInt(String(again)) } }),
    ).toMatchObject({
      conversionId: lead.id,
      destinationId,
    });
    // A lead of another offer is not this destination's to send.
    const otherLead = await factories.createConversion(await factories.createOffer(advertiser), null);
    expect(
      (await api.call(REPLAY, { c: otherLead.id, d: destinationId }, adv.key)).data?.replayLeadDelivery,
    ).toMatchObject({
      __typename: "DomainError",
      code: "not_found",
    });
    // Nothing to send once the lead's personal data is erased.
    await db.conversion.update({ where: { id: lead.id }, data: { erasedAt: new Date() } });
    expect((await api.call(REPLAY, { a: String(first.id) }, adv.key)).data?.replayLeadDelivery).toMatchObject(
      {
        __typename: "DomainError",
        code: "conflict",
      },
    );
    // A destination with real deliveries keeps its log: delete is refused.
    expect(
      (await api.call(DELETE, { id: destinationId }, adv.key)).data?.deleteLeadDestination,
    ).toMatchObject({
      __typename: "DomainError",
      code: "conflict",
    });

    const audited = await db.auditLog.findMany({
      where: { entityType: "LeadDestination", entityId: String(destinationId) },
      select: { action: true },
    });
    expect(audited.map((a) => a.action)).toEqual([
      "lead_destination.create",
      "lead_destination.send_test",
      "lead_delivery.replay",
      "lead_delivery.replay",
    ]);
  });

  test("advertiser B, publishers and finance cannot see or change advertiser A's destinations", async ({
    api,
    db,
    factories,
  }) => {
    const a = await factories.createAdvertiser();
    const b = await factories.createAdvertiser();
    const advA = await callerFor(db, "ADVERTISER", a);
    const advB = await callerFor(db, "ADVERTISER", b);
    const publisher = await factories.createPublisher();
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const finance = await callerFor(db, "FINANCE");
    const admin = await callerFor(db, "ADMIN");
    const offer = await factories.createOffer(a);
    const created = expectOk(
      await api.call(CREATE, { offerId: offer.id, input: webhook }, advA.key),
      "createLeadDestination",
    );
    const id = created.destination.id as string;
    const lead = await factories.createConversion(offer, publisher);
    const attempt = await db.leadDeliveryAttempt.create({
      data: {
        destinationId: Number(id),
        deliveryId: 1n,
        conversionId: lead.id,
        attempt: 1,
        requestUrl: webhook.url,
        requestBody: "secret-ish body",
        outcome: "DELIVERED",
      },
    });
    const before = await db.leadDestination.findUniqueOrThrow({ where: { id: Number(id) } });

    // B reads nothing: not the list, not the log (by destination, by lead, or all of its own).
    expect((await api.call(LIST, { offerId: offer.id }, advB.key)).data?.leadDestinations).toEqual([]);
    for (const variables of [{ d: id }, { c: lead.id }, {}]) {
      const log = await api.call(ATTEMPTS, variables, advB.key);
      expect(log.data?.leadDeliveryAttempts.edges).toEqual([]);
    }
    // B changes nothing: every mutation answers not_found.
    const attempts: [string, string, Record<string, unknown>][] = [
      ["createLeadDestination", CREATE, { offerId: offer.id, input: webhook }],
      ["updateLeadDestination", UPDATE, { id, input: { ...webhook, url: "https://evil.example/steal" } }],
      ["setLeadDestinationActive", SET_ACTIVE, { id, active: false }],
      ["rotateLeadDestinationSecret", ROTATE, { id }],
      ["deleteLeadDestination", DELETE, { id }],
      ["sendTestLead", SEND_TEST, { id }],
      ["replayLeadDelivery", REPLAY, { a: String(attempt.id) }],
      ["replayLeadDelivery", REPLAY, { c: lead.id, d: id }],
    ];
    for (const [field, document, variables] of attempts) {
      const answer = await api.call(document, variables, advB.key);
      expect(answer.data?.[field], field).toMatchObject({ __typename: "DomainError", code: "not_found" });
    }
    // Publishers (even the one whose lead it is) and finance are refused outright.
    for (const caller of [pub, finance]) {
      const list = await api.call(LIST, { offerId: offer.id }, caller.key);
      expect(list.data?.leadDestinations ?? null).toBeNull();
      expect(list.errors?.[0]?.extensions?.code).toBe("forbidden");
      const log = await api.call(ATTEMPTS, { c: lead.id }, caller.key);
      expect(log.data?.leadDeliveryAttempts ?? null).toBeNull();
      const test = await api.call(SEND_TEST, { id }, caller.key);
      expect(test.data?.sendTestLead).toMatchObject({ __typename: "DomainError", code: "forbidden" });
    }
    expect(await db.leadDestination.findUniqueOrThrow({ where: { id: Number(id) } })).toEqual(before);
    expect(await db.leadDeliveryOutbox.count({ where: { destinationId: Number(id) } })).toBe(0);
    expect(await db.leadDestination.count({ where: { offer: { advertiserId: b.id } } })).toBe(0);

    // An admin sees and acts on any advertiser's destinations.
    const seen = await api.call(LIST, { offerId: offer.id }, admin.key);
    expect(seen.data?.leadDestinations.map((d: { id: string }) => d.id)).toEqual([id]);
    expectOk(await api.call(SEND_TEST, { id }, admin.key), "sendTestLead");
  });
});
