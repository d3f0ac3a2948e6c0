// The lead capture endpoints, all answered from one form definition (LeadForm, by its public key):
//   GET  /form/:key            the hosted HTML form (no JavaScript; ?click_id= optional)
//   GET  /form/:key.json       the definition and a form token, for the widget (CORS *)
//   POST /form/:key            form-encoded → a page (thank-you, or the form again with messages);
//                              JSON → { ok, leadId, thankYou, reward } or { ok: false, error(s) } (CORS *)
//   GET  /f/:code, POST /f/:code   old per-link form pages: the offer's form with the link's click
//   GET  /r/:token             the signed, expiring reward link (./reward-route.ts)
// A form reached without a click id is the advertiser's own (direct) lead.
import { clientIp, type Db } from "@leadrail/db";
import { conversation as conversationModel, LIMITS } from "@leadrail/db/lead-form";
import type { Express, Request, Response } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { normalizeClickId } from "../conversions/click-lookup.ts";
import { parseFormEncoded } from "../conversions/form-encoding.ts";
import { readBody } from "../conversions/request-body.ts";
import { CAPTURE_ERRORS, type CaptureError } from "./capture-errors.ts";
import { type RewardView, renderLeadForm, renderMessage, renderThankYou } from "./form-page.ts";
import type { CaptureForm, FormStore } from "./form-store.ts";
import { issueFormToken } from "./form-token.ts";
import type { LeadSubmitter, RewardAnswer, Submission } from "./submit-lead.ts";

export interface CaptureRouteDeps {
  db: Db;
  logger: Logger;
  forms: FormStore;
  submit: LeadSubmitter;
  secret: string;
  trustProxyHops?: number;
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

// The widget runs on the advertiser's and publishers' pages: any origin may read the definition and
// post a lead, without credentials (nothing here depends on cookies).
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, accept",
  "access-control-max-age": "600",
};

const JsonSubmission = z.object({
  token: z.string().max(200),
  click_id: z.string().max(64).nullish(),
  fields: z
    .record(z.string().max(64), z.unknown())
    .refine((f) => Object.keys(f).length <= 64, "has too many entries"),
  consent: z.boolean().optional(),
  channel: z.enum(["widget", "chat"]).default("widget"),
  conversation: z.unknown().optional(),
  hp: z.string().max(1000).optional(),
});

function sendHtml(res: Response, status: number, html: string): void {
  res.status(status).set(HTML_HEADERS).send(html);
}

function sendJson(res: Response, status: number, body: unknown): void {
  res
    .status(status)
    .set({ ...CORS_HEADERS, "cache-control": "no-store" })
    .json(body);
}

function refuseJson(res: Response, error: CaptureError, detail?: string): void {
  const { status, message } = CAPTURE_ERRORS[error];
  sendJson(res, status, { ok: false, error, message: detail ? `${message} (${detail})` : message });
}

function mediaType(req: Request): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

const origin = (req: Request) => `${req.protocol}://${req.get("host") ?? "localhost"}`;

export function rewardView(req: Request, reward: RewardAnswer | null): RewardView | null {
  if (reward === null) return null;
  if ("empty" in reward) return reward;
  return { kind: reward.kind, title: reward.title, url: `${origin(req)}/r/${reward.token}` };
}

export function registerCaptureRoutes(app: Express, deps: CaptureRouteDeps): void {
  const { logger, forms, submit, secret } = deps;
  const address = (req: Request) => clientIp(req, deps.trustProxyHops ?? 0);
  const actionOf = (form: CaptureForm) => `/form/${form.key}`;

  function definition(form: CaptureForm, clickId: string | null) {
    return {
      key: form.key,
      title: form.title,
      intro: form.intro,
      fields: form.fields,
      consent: form.consentText === null ? null : { text: form.consentText, version: form.consentVersion },
      submitLabel: form.submitLabel,
      thankYou: { title: form.thankYouTitle, text: form.thankYouText },
      faq: form.faq,
      magnet: form.magnet ? { kind: form.magnet.kind, title: form.magnet.title } : null,
      clickId,
      token: issueFormToken(secret, form.key, clickId),
    };
  }

  function formPage(
    form: CaptureForm,
    clickId: string | null,
    extra: { values?: Record<string, string>; errors?: Record<string, string>; alert?: string } = {},
  ): string {
    return renderLeadForm({
      title: form.title,
      intro: form.intro,
      action: actionOf(form),
      fields: form.fields,
      consentText: form.consentText,
      submitLabel: form.submitLabel,
      clickId,
      formToken: issueFormToken(secret, form.key, clickId),
      ...extra,
    });
  }

  const queryClickId = (req: Request) =>
    normalizeClickId(typeof req.query.click_id === "string" ? req.query.click_id.slice(0, 64) : null);

  // A visitor gets a page (or the widget a JSON error), not the app's generic 500, when Redis or
  // PostgreSQL fail.
  const guarded =
    (json: (req: Request) => boolean, handler: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        await handler(req, res);
      } catch (error) {
        logger.error({ err: error, path: req.path }, "lead capture failed");
        if (res.headersSent) res.destroy();
        else if (json(req)) refuseJson(res, "unavailable");
        else sendHtml(res, 503, renderMessage("Please try again", CAPTURE_ERRORS.unavailable.message));
      }
    };

  const notFoundPage = () => renderMessage("Form not found", CAPTURE_ERRORS.not_found.message);

  async function getForm(req: Request, res: Response, key: string): Promise<void> {
    const json = key.endsWith(".json");
    const form = await forms.byKey(json ? key.slice(0, -5) : key);
    if (json) {
      if (!form) return refuseJson(res, "not_found");
      return sendJson(res, 200, definition(form, queryClickId(req)));
    }
    if (!form) return sendHtml(res, 404, notFoundPage());
    sendHtml(res, 200, formPage(form, queryClickId(req)));
  }

  async function postHtml(req: Request, res: Response, form: CaptureForm): Promise<void> {
    const body = await readBody(req, LIMITS.bodyBytes);
    // Control characters get through the parser so that the field they are in can say so.
    const parsed = body.ok
      ? parseFormEncoded(body.body.toString("utf8"), { allowControlCharacters: true })
      : null;
    if (!parsed?.ok) {
      const error = body.ok ? "invalid_body" : "too_large";
      return sendHtml(
        res,
        CAPTURE_ERRORS[error].status,
        renderMessage("Invalid form", CAPTURE_ERRORS[error].message),
      );
    }
    const input = parsed.params;
    const clickId = input.click_id ? input.click_id : null;
    const outcome = await submit(form, {
      token: input.form_token ?? "",
      clickId,
      input,
      channel: "form",
      conversation: null,
      honeypot: input.website ?? "",
      address: address(req),
      at: new Date(),
    });
    // The visitor sees the form again (with a fresh token) whatever went wrong, and why.
    const again = normalizeClickId(clickId);
    const values = Object.fromEntries(
      form.fields.flatMap((f) => (input[f.name] ? [[f.name, input[f.name] ?? ""]] : [])),
    );
    if (input.consent) values.consent = input.consent;
    if (outcome.kind === "refused") {
      const { status, message } = CAPTURE_ERRORS[outcome.error];
      return sendHtml(res, status, formPage(form, again, { values, alert: message }));
    }
    if (outcome.kind === "invalid") {
      return sendHtml(res, 422, formPage(form, again, { values, errors: outcome.errors }));
    }
    sendHtml(
      res,
      200,
      renderThankYou(form.thankYouTitle, form.thankYouText, rewardView(req, outcome.reward)),
    );
  }

  async function postJson(req: Request, res: Response, form: CaptureForm): Promise<void> {
    const body = await readBody(req, LIMITS.bodyBytes);
    if (!body.ok) return refuseJson(res, "too_large");
    let raw: unknown;
    try {
      raw = JSON.parse(body.body.toString("utf8"));
    } catch {
      return refuseJson(res, "invalid_body", "not JSON");
    }
    const parsed = JsonSubmission.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuseJson(
        res,
        "invalid_body",
        issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : undefined,
      );
    }
    const s = parsed.data;
    let conversation: Submission["conversation"] = null;
    if (s.channel === "chat") {
      const checked = conversationModel.safeParse(s.conversation);
      if (!checked.success) return refuseJson(res, "invalid_conversation");
      conversation = checked.data;
    }
    const outcome = await submit(form, {
      token: s.token,
      clickId: s.click_id ? s.click_id : null,
      input: { ...s.fields, consent: s.consent === true },
      channel: s.channel,
      conversation,
      honeypot: s.hp ?? "",
      address: address(req),
      at: new Date(),
    });
    if (outcome.kind === "refused") return refuseJson(res, outcome.error);
    if (outcome.kind === "invalid")
      return sendJson(res, 422, { ok: false, error: "invalid_fields", errors: outcome.errors });
    sendJson(res, 201, {
      ok: true,
      leadId: outcome.leadId,
      thankYou: { title: form.thankYouTitle, text: form.thankYouText },
      reward: rewardView(req, outcome.reward),
    });
  }

  async function post(req: Request, res: Response, form: CaptureForm | null): Promise<void> {
    const type = mediaType(req);
    if (type === "application/json") {
      if (!form) return refuseJson(res, "not_found");
      return postJson(req, res, form);
    }
    if (type !== "application/x-www-form-urlencoded") {
      req.resume();
      return sendHtml(
        res,
        415,
        renderMessage("Unsupported form", CAPTURE_ERRORS.unsupported_media_type.message),
      );
    }
    if (!form) {
      req.resume();
      return sendHtml(res, 404, notFoundPage());
    }
    return postHtml(req, res, form);
  }

  app.options("/form/:key", (_req, res) => {
    res.status(204).set(CORS_HEADERS).end();
  });
  app.get(
    "/form/:key",
    guarded(
      (req) => String(req.params.key).endsWith(".json"),
      (req, res) => getForm(req, res, String(req.params.key)),
    ),
  );
  app.post(
    "/form/:key",
    guarded(
      (req) => mediaType(req) === "application/json",
      async (req, res) => {
        await post(req, res, await forms.byKey(String(req.params.key)));
      },
    ),
  );

  // The old per-link pages: the link names the offer, whose form it shows with the link's click.
  app.get(
    "/f/:code",
    guarded(
      () => false,
      async (req, res) => {
        const key = await forms.keyOfLink(String(req.params.code));
        if (key === null) return sendHtml(res, 404, notFoundPage());
        const clickId = queryClickId(req);
        res.redirect(302, `/form/${key}${clickId ? `?click_id=${clickId}` : ""}`);
      },
    ),
  );
  app.post(
    "/f/:code",
    guarded(
      () => false,
      async (req, res) => {
        const key = await forms.keyOfLink(String(req.params.code));
        await post(req, res, key === null ? null : await forms.byKey(key));
      },
    ),
  );
}
