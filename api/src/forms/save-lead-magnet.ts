// An offer's lead magnet: a file (uploaded here, served by the tracker as an attachment behind a signed,
// expiring link), a link, or a pool of unique codes (one per lead). One per offer; saving again changes
// it. Validation names the refused input; a FILE magnet edited without a new upload keeps its file.
import type { Db, LeadMagnet, MagnetKind, Prisma } from "@leadrail/db";
import { z } from "zod";
import { audit } from "../audit/audit.ts";
import type { Viewer } from "../context.ts";
import { DomainError, type FieldError, invalidFields } from "../errors.ts";
import { decodeMagnetFile } from "./magnet-file.ts";
import { lockManagedOffer } from "./offer-lock.ts";

export interface LeadMagnetInput {
  kind: MagnetKind;
  title: string;
  description?: string | null;
  url?: string | null;
  file?: { name: string; type: string; base64: string } | null;
  lowStockThreshold?: number | null;
  linkTtlHours?: number | null;
  active?: boolean | null;
}

const httpUrl = z
  .string()
  .trim()
  .max(2000, "must be at most 2000 characters")
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be an absolute http(s) URL, e.g. https://example.com/guide");

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const shown = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((t) => !CONTROL.test(t), "must not contain control characters");

export const magnetRules = z.object({
  title: shown(200).trim().min(1, "must not be empty"),
  description: shown(2000),
  lowStockThreshold: z.number().int().min(0, "must not be negative").max(100_000, "must be at most 100000"),
  linkTtlHours: z
    .number()
    .int()
    .min(1, "must be at least 1 hour")
    .max(24 * 90, "must be at most 2160 hours (90 days)"),
});

function problemsOf(input: LeadMagnetInput, before: LeadMagnet | null) {
  const fields: FieldError[] = [];
  const rules = magnetRules.safeParse({
    title: input.title,
    description: input.description ?? "",
    lowStockThreshold: input.lowStockThreshold ?? before?.lowStockThreshold ?? 10,
    linkTtlHours: input.linkTtlHours ?? before?.linkTtlHours ?? 72,
  });
  if (!rules.success) {
    for (const issue of rules.error.issues)
      fields.push({ path: ["input", ...issue.path.map(String)], message: issue.message });
  }
  let url: string | null = null;
  if (input.kind === "LINK") {
    const parsed = httpUrl.safeParse(input.url ?? "");
    if (parsed.success) url = parsed.data;
    else fields.push({ path: ["input", "url"], message: parsed.error.issues[0]?.message ?? "invalid" });
  }
  let file: { fileName: string; fileType: string; fileData: Uint8Array<ArrayBuffer> } | null = null;
  if (input.kind === "FILE") {
    if (input.file) {
      const decoded = decodeMagnetFile(input.file);
      if (decoded.ok)
        file = { fileName: decoded.file.name, fileType: decoded.file.type, fileData: decoded.file.data };
      else
        for (const p of decoded.problems)
          fields.push({ path: ["input", "file", p.field], message: p.message });
    } else if (!(before?.kind === "FILE" && before.fileData)) {
      fields.push({ path: ["input", "file"], message: "upload the file visitors will receive" });
    }
  }
  if (fields.length) throw invalidFields(fields);
  return { rules: rules.data as z.infer<typeof magnetRules>, url, file };
}

export async function saveLeadMagnet(
  db: Db,
  viewer: Viewer,
  offerWhere: Prisma.OfferWhereInput,
  offerId: number,
  input: LeadMagnetInput,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const offer = await lockManagedOffer(tx, offerWhere, offerId);
    if (offer.status === "ARCHIVED") throw new DomainError("conflict", "an archived offer cannot change");
    const before = await tx.leadMagnet.findUnique({ where: { offerId } });
    const { rules, url, file } = problemsOf(input, before);
    const keepFile = input.kind === "FILE" && !file;
    const data = {
      kind: input.kind,
      ...rules,
      url,
      ...(keepFile ? {} : (file ?? { fileName: null, fileType: null, fileData: null })),
      active: input.active ?? before?.active ?? true,
    };
    const after = before
      ? await tx.leadMagnet.update({ where: { offerId }, data })
      : await tx.leadMagnet.create({ data: { ...data, offerId } });
    // The file's bytes stay out of the audit log: its name, type and size say what changed.
    const summary = ({ fileData, createdAt: _c, updatedAt: _u, ...rest }: LeadMagnet) => ({
      ...rest,
      fileBytes: fileData?.length ?? null,
    });
    await audit(tx, viewer, {
      action: before ? "lead_magnet.update" : "lead_magnet.create",
      entityType: "LeadMagnet",
      entityId: after.id,
      before: before ? summary(before) : undefined,
      after: summary(after),
    });
    return after.id;
  });
}
