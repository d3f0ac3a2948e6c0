// Every mutation answers its real outcome whatever the client selects. A mutation commits in its
// transaction and then re-reads its row with the query plugin-prisma built from the selection; a
// selection that never reaches the row (`__typename` only, or only the DomainError branch) used to
// make that re-read fail ("Unexpected error." after a committed write: a client that retries acted
// twice). The mutations are read from the schema by introspection; ARGUMENTS holds, per mutation, a
// caller and arguments that make it succeed, and a mutation without an entry fails the test.
import { hashPassword } from "@leadrail/db";
import { type Caller, callerFor, describe, expect, type GraphQLAnswer, test } from "./harness.ts";
import { offerInput } from "./operations.ts";

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface MutationField {
  name: string;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}

const INTROSPECT = `{ __schema { mutationType { fields {
  name
  args { name type { ...Ref } }
  type { ...Ref }
} } } }
fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

function typeString(type: TypeRef): string {
  if (type.kind === "NON_NULL" && type.ofType) return `${typeString(type.ofType)}!`;
  if (type.kind === "LIST" && type.ofType) return `[${typeString(type.ofType)}]`;
  return type.name ?? "";
}

function namedKind(type: TypeRef): string {
  return type.ofType ? namedKind(type.ofType) : type.kind;
}

/** Who calls, and with what; `key` null for an anonymous call. */
interface Call {
  key: string | null;
  args: Record<string, unknown>;
}
type Setup = () => Promise<Call>;

const SELECTIONS = {
  typename: "{ __typename }",
  "error branch only": "{ ... on DomainError { code message } }",
} as const;

describe("mutations with a selection that does not reach their row", () => {
  test("every mutation answers its outcome, never an internal error", { timeout: 120_000 }, async ({
    api,
    db,
    factories,
  }) => {
    const advertiser = await factories.createAdvertiser();
    const publisher = await factories.createPublisher();
    // A statement is marked paid only into the publisher's payout details.
    await factories.createPayoutDetails(publisher);
    const adv = await callerFor(db, "ADVERTISER", advertiser);
    const pub = await callerFor(db, "PUBLISHER", publisher);
    const admin = await callerFor(db, "ADMIN");
    // Two finance users: one generates documents, the other approves them (two-person rule).
    const generator = await callerFor(db, "FINANCE");
    const finance = await callerFor(db, "FINANCE");

    const offer = (overrides = {}) => factories.createOffer(advertiser, overrides);
    const lead = async (overrides = {}) =>
      factories.createConversion(await offer({ returnWindowDays: 30 }), publisher, overrides);
    const application = async (overrides = {}) => {
      const o = await offer({ visibility: "APPROVAL_REQUIRED" });
      return db.offerApplication.create({
        data: { offerId: o.id, publisherId: publisher.id, status: "APPLIED", ...overrides },
      });
    };
    const draftStatement = () =>
      factories.createStatement(publisher, [], { generatedById: generator.user.id });
    const draftInvoice = () => factories.createInvoice(advertiser, [], { generatedById: generator.user.id });
    const template = () =>
      db.publisherPostback.create({
        data: {
          publisherId: publisher.id,
          method: "GET",
          urlTemplate: "https://pub.example/pb?c={click_id}",
        },
      });
    const destination = async () =>
      db.leadDestination.create({
        data: {
          offerId: (await offer()).id,
          name: "CRM",
          kind: "WEBHOOK",
          url: "https://crm.example/leads",
          secret: "0123456789abcdef0123",
        },
      });
    const destinationInput = { kind: "WEBHOOK", name: "CRM", url: "https://crm.example/leads" };
    const as = (caller: Caller, args: Record<string, unknown> = {}): Call => ({ key: caller.key, args });
    const now = () => new Date().toISOString();

    const pool = async () =>
      db.leadMagnet.create({ data: { offerId: (await offer()).id, kind: "CODE_POOL", title: "Codes" } });
    const leadForm = {
      title: "Quote",
      intro: "",
      fields: [{ name: "email", label: "E-mail", type: "email", required: true }],
      consentText: "I agree.",
      submitLabel: "Send",
      thankYouTitle: "Thanks",
      thankYouText: "We will call you.",
      faq: [],
      minFillSeconds: 3,
      rateLimitPerHour: 20,
    };

    const ARGUMENTS: Record<string, Setup> = {
      addRewardCodes: async () => as(adv, { magnetId: (await pool()).id, codes: ["A-1", "A-2"] }),
      applyToOffer: async () => as(pub, { offerId: (await offer()).id, message: "hello" }),
      approveInvoice: async () => as(finance, { id: (await draftInvoice()).id }),
      approveStatement: async () => as(finance, { id: (await draftStatement()).id }),
      blockPublisherFromOffer: async () =>
        as(admin, { offerId: (await offer()).id, publisherId: publisher.id, reason: "fraud" }),
      confirmLeads: async () => as(adv, { ids: [(await lead({ status: "PENDING" })).id] }),
      createAdvertiser: async () => as(admin, { name: `Advertiser ${Math.random()}` }),
      createApiKey: async () => as(admin, { userId: pub.user.id, name: "script" }),
      createLeadDestination: async () => as(adv, { offerId: (await offer()).id, input: destinationInput }),
      createOffer: async () => as(adv, { input: offerInput() }),
      createPublisher: async () => as(admin, { name: `Publisher ${Math.random()}` }),
      createTrackingLink: async () => as(pub, { offerId: (await offer()).id }),
      createUser: async () =>
        as(admin, {
          role: "FINANCE",
          email: `f-${Math.random().toString(36).slice(2)}@example.com`,
          name: "F",
        }),
      decideApplication: async () => as(adv, { id: (await application()).id, decision: "APPROVED" }),
      deleteLeadDestination: async () => as(adv, { id: (await destination()).id }),
      eraseLeadPersonalData: async () => as(adv, { id: (await lead()).id }),
      generateAdvertiserInvoices: async () => as(generator, { periodEnd: now() }),
      generatePayoutStatements: async () => as(generator, { periodEnd: now() }),
      invitePublisher: async () =>
        as(adv, { offerId: (await offer({ visibility: "PRIVATE" })).id, publisherId: publisher.id }),
      login: async () => {
        const email = `login-${Math.random().toString(36).slice(2)}@example.com`;
        await db.user.create({
          data: {
            email,
            name: "L",
            role: "FINANCE",
            passwordHash: await hashPassword("correct horse battery"),
          },
        });
        return { key: null, args: { email, password: "correct horse battery" } };
      },
      logout: async () => as(admin),
      markInvoicePaid: async () => {
        const invoice = await factories.approveInvoice(await draftInvoice(), finance.user);
        return as(finance, { id: invoice.id, paidAt: now(), reference: "wire 1" });
      },
      markStatementPaid: async () => {
        const statement = await factories.approveStatement(await draftStatement(), finance.user);
        return as(finance, { id: statement.id, paidAt: now(), reference: "wire 1" });
      },
      overturnLeadRejection: async () =>
        as(adv, { id: (await lead({ status: "REJECTED", statusReason: "fast_conversion" })).id }),
      recordContactAttempt: async () =>
        as(adv, { leadId: (await lead()).id, channel: "CALL", note: "called" }),
      rejectLeads: async () => as(adv, { ids: [(await lead({ status: "PENDING" })).id], reason: "junk" }),
      removeCustomPayout: async () => {
        const custom = await db.customPayout.create({
          data: { offerId: (await offer()).id, publisherId: publisher.id, payout: 100n },
        });
        return as(adv, { id: custom.id });
      },
      removeUnclaimedRewardCodes: async () => {
        const magnet = await pool();
        await db.rewardCode.create({ data: { magnetId: magnet.id, code: "LEFT-1" } });
        return as(adv, { magnetId: magnet.id });
      },
      removePostbackTemplate: async () => as(pub, { id: (await template()).id }),
      replayLeadDelivery: async () => {
        const target = await destination();
        const attempt = await db.leadDeliveryAttempt.create({
          data: {
            destinationId: target.id,
            deliveryId: 1n,
            test: true,
            attempt: 1,
            requestUrl: "https://crm.example/leads",
            requestBody: "{}",
            outcome: "DELIVERED",
          },
        });
        return as(adv, { attemptId: String(attempt.id) });
      },
      revealPostbackSecret: async () => as(adv),
      returnLead: async () =>
        as(adv, { id: (await lead({ approvedAt: new Date() })).id, reason: "wrong number" }),
      revokeApiKey: async () => {
        const key = await db.apiKey.create({
          data: { userId: admin.user.id, name: "old", prefix: "lr_old", keyHash: `hash-${Math.random()}` },
        });
        return as(admin, { id: key.id });
      },
      rotateLeadDestinationSecret: async () => as(adv, { id: (await destination()).id }),
      rotatePostbackSecret: async () => as(adv),
      sendTestLead: async () => as(adv, { destinationId: (await destination()).id }),
      // Fresh accounts and users: a suspended account's users could not take the other mutations' turns.
      saveLeadForm: async () => as(adv, { offerId: (await offer()).id, input: leadForm }),
      saveLeadMagnet: async () =>
        as(adv, {
          offerId: (await offer()).id,
          input: { kind: "LINK", title: "Guide", url: "https://a.example/g" },
        }),
      setAdvertiserStatus: async () =>
        as(admin, { id: (await factories.createAdvertiser()).id, status: "SUSPENDED", reason: "unpaid" }),
      setLeadDestinationActive: async () => as(adv, { id: (await destination()).id, active: false }),
      setPublisherStatus: async () =>
        as(admin, { id: (await factories.createPublisher()).id, status: "SUSPENDED", reason: "fraud" }),
      setUserDisabled: async () =>
        as(admin, {
          id: (await callerFor(db, "PUBLISHER", await factories.createPublisher())).user.id,
          disabled: true,
          reason: "left",
        }),
      // A new address each call: saving the same details again is a conflict.
      setPayoutDetails: async () =>
        as(pub, {
          input: { method: "PAYPAL", paypalEmail: `pay-${Math.random().toString(36).slice(2)}@example.com` },
        }),
      setUserRole: async () =>
        as(admin, {
          id: (await callerFor(db, "PUBLISHER", await factories.createPublisher())).user.id,
          role: "FINANCE",
        }),
      setCustomPayout: async () => {
        const app = await application({ status: "APPROVED" });
        return as(adv, { input: { offerId: app.offerId, publisherId: publisher.id, payout: "100" } });
      },
      setOfferLanding: async () => {
        const o = await offer();
        await db.leadForm.create({
          data: { offerId: o.id, key: `k${Math.random().toString(36).slice(2, 12)}`, title: "Q" },
        });
        return as(adv, { offerId: o.id, mode: "HOSTED_FORM" });
      },
      setOfferQualityRules: async () => as(adv, { offerId: (await offer()).id, input: { policy: "HOLD" } }),
      setOfferStatus: async () => as(adv, { id: (await offer()).id, status: "PAUSED" }),
      setPostbackTemplate: async () =>
        as(pub, { input: { method: "GET", urlTemplate: "https://pub.example/pb?c={click_id}" } }),
      setTrackingLinkDisabled: async () =>
        as(pub, { id: (await factories.createLink(publisher, await offer())).id, disabled: true }),
      testPostbackTemplate: async () => as(pub, { id: (await template()).id }),
      unblockPublisherFromOffer: async () => {
        const app = await application({ status: "APPROVED", blockedAt: new Date() });
        return as(admin, { offerId: app.offerId, publisherId: publisher.id });
      },
      updateLeadDestination: async () => as(adv, { id: (await destination()).id, input: destinationInput }),
      updateOffer: async () => as(adv, { id: (await offer()).id, input: { name: "Renamed offer" } }),
      voidInvoice: async () => as(finance, { id: (await draftInvoice()).id, reason: "duplicate" }),
      voidStatement: async () => as(finance, { id: (await draftStatement()).id, reason: "duplicate" }),
    };

    const introspection = await api.call(INTROSPECT);
    const fields = introspection.data?.__schema.mutationType.fields as MutationField[];
    // The table covers the schema exactly: a new mutation needs an entry, a removed one loses it.
    expect(Object.keys(ARGUMENTS).sort()).toEqual(fields.map((field) => field.name).sort());

    for (const field of fields) {
      const setup = ARGUMENTS[field.name] as Setup;
      const object = ["UNION", "OBJECT", "INTERFACE"].includes(namedKind(field.type));
      for (const [variant, selection] of Object.entries(SELECTIONS)) {
        // logout answers a Boolean: nothing to select, still run once.
        if (!object && variant !== "typename") continue;
        const call = await setup();
        const used = field.args.filter((arg) => arg.name in call.args);
        const definitions = used.map((arg) => `$${arg.name}: ${typeString(arg.type)}`).join(", ");
        const passed = used.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
        const document = `mutation${definitions ? `(${definitions})` : ""} {
          ${field.name}${passed ? `(${passed})` : ""} ${object ? selection : ""}
        }`;
        const answer: GraphQLAnswer = await api.call(document, call.args, call.key);
        const context = `${field.name} with ${variant}: ${JSON.stringify(answer)}`;
        expect(answer.errors, context).toBeUndefined();
        const result = answer.data?.[field.name];
        if (!object) {
          expect(result, context).toBeDefined();
        } else if (variant === "typename") {
          // The arguments are valid, so the mutation succeeded and says so.
          expect(result?.__typename, context).toMatch(/Success$/);
        } else {
          // Only the error branch was selected: a success answers an empty object.
          expect(result, context).toEqual({});
        }
      }
    }
  });
});
