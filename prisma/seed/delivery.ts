// The demo world's lead delivery: Sushi Wave's first-order offer has one CRM webhook, switched off and
// pointing at an example address, so the Delivery screen shows what a configured destination looks
// like (field mapping, a fixed field, a refusal rule) without sending a demo lead anywhere. Switching
// it on, or sending it a test lead, reaches no CRM: example.com is reserved for examples.
// Checked by the API's own model, so the demo never shows a destination the screen could not save.
// Draws no randomness.

import { Prisma } from "../src/index.ts";
import { webhookDestinationSchema } from "../src/lead-delivery/config.ts";
import { addMs, DAY } from "./randomness.ts";
import { byKey, type World } from "./world.ts";

export const DEMO_DESTINATION_OFFER = "sushi-first-order";
export const DEMO_DESTINATION_NAME = "Demo CRM (example, switched off)";

export async function writeDelivery(tx: Prisma.TransactionClient, world: World): Promise<void> {
  const offer = byKey(world.offers, DEMO_DESTINATION_OFFER);
  const config = webhookDestinationSchema.parse({
    kind: "WEBHOOK",
    name: DEMO_DESTINATION_NAME,
    active: false,
    trigger: "REAL_TIME",
    url: "https://crm.example.com/leads",
    format: "JSON",
    fieldMapping: [
      { from: "name", to: "FullName" },
      { from: "email", to: "EmailAddress" },
      { from: "phone", to: "Phone" },
      { from: "sub1", to: "Campaign" },
    ],
    staticFields: { lead_source: "leadrail" },
    // A fixed, public value: a demo row must be the same on every reseed. Rotate it before pointing
    // the destination at a real CRM.
    secret: "demo-only-secret-rotate-before-use",
    refusalRule: { httpStatuses: [409], bodyContains: "duplicate", reason: "Already a customer in our CRM" },
  });
  await tx.leadDestination.create({
    data: {
      offerId: offer.id,
      name: config.name,
      kind: config.kind,
      active: config.active,
      trigger: config.trigger,
      url: config.url,
      format: config.format,
      fieldMapping: config.fieldMapping,
      staticFields: config.staticFields,
      secret: config.secret,
      refusalRule: config.refusalRule ?? Prisma.DbNull,
      createdAt: addMs(offer.createdAt, 2 * DAY),
      updatedAt: addMs(offer.createdAt, 2 * DAY),
    },
  });
}
