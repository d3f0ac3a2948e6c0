// GET /r/:token — a lead's reward through its signed, expiring link: a LINK redirects to the
// magnet's URL, a FILE downloads, a CODE_POOL code is shown. Expired → 410, forged → 403, a lead with
// no reward → 404; each a page that says so.
import type { Db } from "@leadrail/db";
import type { Express, Response } from "express";
import type { Logger } from "pino";
import { renderCode, renderMessage } from "./form-page.ts";
import { verifyRewardLink } from "./reward-link.ts";

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

function page(res: Response, status: number, html: string) {
  res.status(status).set(PAGE_HEADERS).send(html);
}

/** A file name safe inside a quoted content-disposition parameter (the RFC 5987 form carries the rest). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerRewardRoute(app: Express, deps: { db: Db; logger: Logger; secret: string }): void {
  app.get("/r/:token", async (req, res) => {
    try {
      const token = String(req.params.token).slice(0, 200);
      const checked = verifyRewardLink(deps.secret, token);
      if (!checked.ok) {
        return checked.reason === "expired"
          ? page(res, 410, renderMessage("Link expired", "This link has expired."))
          : page(res, 403, renderMessage("Invalid link", "This link is not valid."));
      }
      const lead = await deps.db.conversion.findUnique({
        where: { id: checked.conversionId },
        select: {
          rewardKind: true,
          rewardCode: true,
          offer: {
            select: {
              leadMagnet: {
                select: {
                  kind: true,
                  title: true,
                  url: true,
                  fileName: true,
                  fileType: true,
                  fileData: true,
                },
              },
            },
          },
        },
      });
      const magnet = lead?.offer.leadMagnet ?? null;
      if (!lead || lead.rewardKind === null || magnet === null) {
        return page(res, 404, renderMessage("No reward", "There is no reward for this link."));
      }
      if (lead.rewardKind === "CODE_POOL" && lead.rewardCode !== null) {
        return page(res, 200, renderCode(magnet.title, lead.rewardCode));
      }
      if (lead.rewardKind === "LINK" && magnet.url && /^https?:\/\//i.test(magnet.url)) {
        return res.redirect(302, new URL(magnet.url).href);
      }
      if (lead.rewardKind === "FILE" && magnet.fileData) {
        res
          .status(200)
          .set({
            "content-type":
              magnet.fileType && /^[\w.+-]+\/[\w.+-]+$/.test(magnet.fileType)
                ? magnet.fileType
                : "application/octet-stream",
            "content-disposition": disposition(magnet.fileName ?? "download"),
            "cache-control": "private, no-store",
            "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'none'; sandbox",
          })
          .send(Buffer.from(magnet.fileData));
        return;
      }
      page(res, 404, renderMessage("No reward", "The reward is no longer available."));
    } catch (error) {
      deps.logger.error({ err: error }, "reward link failed");
      if (!res.headersSent)
        page(res, 503, renderMessage("Please try again", "Please try again in a moment."));
    }
  });
}
