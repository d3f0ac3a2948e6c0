// The demo world's lead capture: one offer lands on its hosted form (landingMode HOSTED_FORM) whose
// form has a select and a checkbox, an FAQ for chat mode, and a code-pool magnet of 12 codes, 9 of
// them already given to its seeded leads, so the pool shows as running low (3 left, threshold 5).
// Written after the traffic so the codes go to real leads; draws no randomness.
import type { Prisma } from "../src/index.ts";
import type { World } from "./world.ts";
import { byKey, demoFormKey } from "./world.ts";

export const HOSTED_FORM_OFFER = "skillforge-python";
export const POOL_SIZE = 12;
export const POOL_GIVEN = 9;

export async function writeCapture(tx: Prisma.TransactionClient, world: World): Promise<void> {
  const offer = byKey(world.offers, HOSTED_FORM_OFFER);
  await tx.offer.update({ where: { id: offer.id }, data: { landingMode: "HOSTED_FORM" } });
  await tx.leadForm.update({
    where: { key: demoFormKey(HOSTED_FORM_OFFER) },
    data: {
      title: "Start your free Python trial",
      intro: "Seven days of Python for Beginners, free. Tell us where to send your access.",
      fields: [
        { name: "name", label: "Full name", type: "text", required: true, maxLength: 100 },
        { name: "email", label: "Email", type: "email", required: true, placeholder: "you@example.com" },
        { name: "phone", label: "Phone (optional)", type: "phone", required: false },
        {
          name: "level",
          label: "Your Python level",
          type: "select",
          required: false,
          options: ["Never programmed", "Some basics", "I use another language"],
        },
        { name: "newsletter", label: "Send me the weekly coding tips", type: "checkbox", required: false },
      ],
      submitLabel: "Start my trial",
      thankYouTitle: "Your trial is on its way",
      thankYouText: "Check your inbox in a few minutes. Here is a discount for the full course:",
      faq: [
        {
          question: "Is it really free?",
          keywords: ["free", "price", "cost", "pay"],
          answer: "Yes: seven days, no card needed.",
        },
        {
          question: "How long is the course?",
          keywords: ["long", "hours", "weeks", "duration"],
          answer: "About 20 hours over four weeks.",
        },
        {
          question: "Do I get a certificate?",
          keywords: ["certificate", "diploma"],
          answer: "Yes, with the full course.",
        },
      ],
    },
  });
  const magnet = await tx.leadMagnet.create({
    data: {
      offerId: offer.id,
      kind: "CODE_POOL",
      title: "20 % off the full Python course",
      description: "One code per student.",
      lowStockThreshold: 5,
    },
  });
  await tx.rewardCode.createMany({
    data: Array.from({ length: POOL_SIZE }, (_, i) => ({
      magnetId: magnet.id,
      code: `PY20-${String(1000 + i * 37).padStart(4, "0")}`,
    })),
  });
  // The latest accepted leads got the first codes, as the form would have given them.
  const leads = await tx.conversion.findMany({
    where: { offerId: offer.id, status: { not: "REJECTED" } },
    orderBy: { convertedAt: "desc" },
    take: POOL_GIVEN,
    select: { id: true, convertedAt: true },
  });
  const codes = await tx.rewardCode.findMany({
    where: { magnetId: magnet.id },
    orderBy: { id: "asc" },
    take: leads.length,
  });
  for (const [i, lead] of leads.entries()) {
    const code = codes[i];
    if (!code) break;
    await tx.rewardCode.update({
      where: { id: code.id },
      data: { conversionId: lead.id, claimedAt: lead.convertedAt },
    });
    await tx.conversion.update({
      where: { id: lead.id },
      data: {
        rewardKind: "CODE_POOL",
        rewardCode: code.code,
        rewardGivenAt: lead.convertedAt,
        poolEmpty: false,
      },
    });
  }
}
