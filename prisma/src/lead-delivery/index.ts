// @leadrail/db/lead-delivery: the rules of delivering leads to an advertiser's CRM, free of Prisma and
// node:* for the dashboard (forms, mapping preview) as much as for the API and the tracker's worker.
// The signature is in ./signature.ts (node:crypto), the outbox writes in ./queue.ts (Prisma).
export * from "./config.ts";
export * from "./mapping.ts";
export * from "./refusal.ts";
export * from "./triggers.ts";
