// GET /f/:code renders the offer's lead form for a click (`?click_id=`); POST /f/:code validates it
// and records the lead as a LEAD_FORM conversion of that click. Validation errors re-render the form
// with messages (422) and record nothing. A submission without a click id is recorded as rejected
// (no_click), as the task asks; one with a stale or forged form token is refused (403), and so is
// every request while the offer's advertiser or the link's publisher is suspended ("not available").
import type { Db } from "@leadrail/db";
import type { Express, Request, Response } from "express";
import type { Logger } from "pino";
import { QUALITY_SELECT } from "../quality/lead-quality.ts";
import type { ClickLookup } from "./click-lookup.ts";
import { normalizeClickId } from "./click-lookup.ts";
import { parseFormEncoded } from "./form-encoding.ts";
import { parseLeadFormFields, validateLead } from "./lead-form-fields.ts";
import { renderLeadForm, renderMessage } from "./lead-form-page.ts";
import { issueFormToken, verifyFormToken } from "./lead-form-token.ts";
import type { ConversionRecorder } from "./record-conversion.ts";
import { readBody } from "./request-body.ts";
import { conversionTransactionId } from "./transaction-id.ts";

export interface LeadFormDeps {
  db: Db;
  logger: Logger;
  findClick: ClickLookup;
  record: ConversionRecorder;
  /** Signs form tokens; the same on every tracker instance behind one load balancer. */
  secret: string;
}

const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  // No scripts at all; the form may only post back here. The click id is in the URL: no referrer.
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

function send(res: Response, status: number, html: string): void {
  res.status(status).set(HTML_HEADERS).send(html);
}

const notFound = renderMessage("Form not found", "This form does not exist or is no longer available.");
const notAvailable = renderMessage(
  "Form not available",
  "This offer is not taking requests at the moment. Nothing was sent.",
);
const unavailable = renderMessage(
  "Please try again",
  "The form is temporarily unavailable. Please try again in a moment.",
);

type Handler = (req: Request<{ code: string }>, res: Response) => Promise<void>;

export function registerLeadFormRoutes(app: Express, deps: LeadFormDeps): void {
  const { db, logger, findClick, record, secret } = deps;

  async function loadForm(code: string) {
    if (code.length > 128) return null;
    const link = await db.trackingLink.findUnique({
      where: { code },
      select: {
        code: true,
        disabledAt: true,
        publisher: { select: { status: true } },
        offer: {
          select: {
            id: true,
            name: true,
            status: true,
            advertiserId: true,
            currency: true,
            payoutModel: true,
            defaultPayout: true,
            defaultRevenue: true,
            payoutShareBps: true,
            revenueShareBps: true,
            confirmationMode: true,
            attributionWindowHours: true,
            ...QUALITY_SELECT,
            leadFormFields: true,
            consentText: true,
            advertiser: { select: { status: true } },
          },
        },
      },
    });
    if (!link || link.disabledAt !== null || link.offer.status !== "ACTIVE") return null;
    const fields = parseLeadFormFields(link.offer.leadFormFields);
    if (fields === null) return null;
    const { leadFormFields: _raw, name, status: _status, consentText, advertiser, ...offer } = link.offer;
    // Like a paused offer, but said: the form exists, its advertiser or publisher may not take leads.
    const suspended =
      advertiser.status === "SUSPENDED"
        ? "advertiser_suspended"
        : link.publisher.status === "SUSPENDED"
          ? "publisher_suspended"
          : null;
    return { code: link.code, title: name, fields, consentText, offer, suspended };
  }

  /** Answers a form whose advertiser or publisher is suspended (true), logging which. */
  function refusedSuspended(
    form: NonNullable<Awaited<ReturnType<typeof loadForm>>>,
    res: Response,
    method: string,
  ): boolean {
    if (form.suspended === null) return false;
    logger.info(
      { code: form.code, offerId: form.offer.id, reason: form.suspended, method },
      "lead form refused",
    );
    send(res, 403, notAvailable);
    return true;
  }

  const actionOf = (code: string) => `/f/${encodeURIComponent(code)}`;

  // A visitor gets a page, not the JSON 500 of the app's error handler, when Redis or PostgreSQL fail.
  const page =
    (handler: Handler): Handler =>
    async (req, res) => {
      try {
        await handler(req, res);
      } catch (error) {
        logger.error({ err: error, path: req.path }, "lead form failed");
        if (res.headersSent) res.destroy();
        else send(res, 503, unavailable);
      }
    };

  app.get(
    "/f/:code",
    page(async (req, res) => {
      const form = await loadForm(req.params.code);
      if (!form) {
        send(res, 404, notFound);
        return;
      }
      if (refusedSuspended(form, res, req.method)) return;
      const raw = typeof req.query.click_id === "string" ? req.query.click_id : null;
      // A click id that cannot be ours is not embedded: the lead would be no_click either way.
      const clickId = normalizeClickId(raw);
      send(
        res,
        200,
        renderLeadForm({
          title: form.title,
          action: actionOf(form.code),
          fields: form.fields,
          consentText: form.consentText,
          clickId,
          formToken: issueFormToken(secret, form.code, clickId),
        }),
      );
    }),
  );

  app.post(
    "/f/:code",
    page(async (req, res) => {
      const form = await loadForm(req.params.code);
      if (!form) {
        send(res, 404, notFound);
        return;
      }
      if (refusedSuspended(form, res, req.method)) return;
      const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/x-www-form-urlencoded") {
        return send(res, 415, renderMessage("Unsupported form", "Please submit the form from its page."));
      }
      const body = await readBody(req, 16 * 1024);
      // Control characters get through the parser so that the field they are in can say so
      // (lead-form-fields.ts); the hidden fields are bound by the form token, other names are not kept.
      const parsed = body.ok
        ? parseFormEncoded(body.body.toString("utf8"), { allowControlCharacters: true })
        : null;
      if (!parsed?.ok) {
        return send(
          res,
          body.ok ? 400 : 413,
          renderMessage("Invalid form", "The form could not be read. Please try again."),
        );
      }
      const input = parsed.params;
      const clickId = input.click_id ? input.click_id : null;
      if (!verifyFormToken(secret, input.form_token ?? "", form.code, clickId)) {
        return send(
          res,
          403,
          renderMessage("Form expired", "This form has expired. Please reload the page and send it again."),
        );
      }

      const click = clickId === null ? null : await findClick(clickId);
      const checked = validateLead(form.fields, input, {
        defaultCountry: click?.country ?? null,
        consentRequired: form.consentText !== null,
      });
      if (!checked.ok) {
        return send(
          res,
          422,
          renderLeadForm({
            title: form.title,
            action: actionOf(form.code),
            fields: form.fields,
            consentText: form.consentText,
            clickId,
            formToken: issueFormToken(secret, form.code, clickId),
            values: input,
            errors: checked.errors,
          }),
        );
      }

      const at = new Date();
      const lead = checked.lead;
      const result = await record({
        offer: form.offer,
        source: "LEAD_FORM",
        clickId,
        click,
        // One lead per click: a double submit or a refresh is a duplicate, not a second lead.
        transactionId: conversionTransactionId({
          advertiserTransactionId: null,
          clickId,
          goal: "lead",
          kind: "lead",
        }),
        goal: "lead",
        intent: null,
        // Forms report no sale: a revenue-share offer's lead is worth its share of nothing.
        saleAmount: form.offer.payoutModel === "REVSHARE" ? 0n : null,
        lead: {
          name: lead.name,
          email: lead.email,
          phone: lead.phone,
          fields: lead.values,
          consentText: form.consentText,
          consentAt: form.consentText === null ? null : at,
        },
        at,
        log: null,
      });
      logger.info({ offerId: form.offer.id, outcome: result.kind }, "lead form submitted");
      // The visitor sees the same page whatever we decided: rejection reasons are for the network.
      send(res, 200, renderMessage("Thank you", "We have received your details and will be in touch."));
    }),
  );
}
