// E-mail destinations: the mapped lead goes through SMTP (nodemailer) to a local SMTP server started
// by the test; without SMTP configured the attempt is logged as failed with a clear reason.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { SMTP_NOT_CONFIGURED } from "../../tracker/src/lead-delivery/lead-deliveries.ts";
import { createMailer } from "../../tracker/src/lead-delivery/mailer.ts";
import { createWorld, describe, eventually, expect, test } from "../src/conversion-kit.ts";
import {
  attemptsOf,
  createDestination,
  leadFormFields,
  sleep,
  startLeadDeliveries,
  submitLead,
} from "./kit.ts";

interface Mail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

async function smtpSink(refuse: (n: number) => boolean = () => false) {
  const mails: Mail[] = [];
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const refused = refuse(n++);
      simpleParser(stream)
        .then((parsed) => {
          if (refused) {
            const error = Object.assign(new Error("mailbox full, try later"), { responseCode: 452 });
            callback(error);
            return;
          }
          mails.push({
            from: parsed.from?.text ?? "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
          });
          callback();
        })
        .catch(callback);
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const ADA = { name: "Ada Lovelace", email: "ada@example.com", phone: "030 123456789", zip: "10115" };

describe("lead delivery by e-mail", () => {
  test("the mapped lead reaches the recipients through SMTP, retried after a temporary refusal", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const smtp = await smtpSink((n) => n === 0);
    const deliveries = startLeadDeliveries(redis, redisPrefix, db, { mailer: createMailer(smtp.url, 2000) });
    try {
      const { offer, link } = await createWorld(factories, {
        confirmationMode: "MANUAL",
        leadFormFields,
        name: "Solar panels",
      });
      await createDestination(db, offer, {
        kind: "EMAIL",
        name: "Sales desk",
        recipients: ["sales@advertiser.test", "boss@advertiser.test"],
        fieldMapping: [
          { from: "name", to: "Name" },
          { from: "email", to: "E-mail" },
          { from: "phone", to: "Phone" },
          { from: "zip", to: "ZIP" },
        ],
        staticFields: { Source: "Leadrail" },
      });
      const leadId = await submitLead(tracker, redis, db, link, ADA);

      await eventually(async () => smtp.mails.length === 1);
      const [mail] = smtp.mails;
      expect(mail?.to).toEqual(["sales@advertiser.test", "boss@advertiser.test"]);
      expect(mail?.from).toContain("leads@leadrail.test");
      expect(mail?.subject).toBe(`New lead for Solar panels (${leadId})`);
      expect(mail?.text).toContain(
        "Name: Ada Lovelace\nE-mail: ada@example.com\nPhone: +4930123456789\nZIP: 10115\nSource: Leadrail",
      );
      await eventually(async () => (await attemptsOf(db, leadId)).some((a) => a.outcome === "DELIVERED"));
      const attempts = await attemptsOf(db, leadId);
      expect(attempts.map((a) => [a.attempt, a.outcome, a.responseStatus])).toEqual([
        [1, "RETRYING", 452],
        [2, "DELIVERED", 250],
      ]);
      expect(attempts[1]).toMatchObject({
        requestUrl: "mailto:sales@advertiser.test,boss@advertiser.test",
        requestBody: expect.stringContaining("E-mail: ada@example.com"),
      });
    } finally {
      await deliveries.close();
      await smtp.close();
    }
  });

  test("without SMTP configured the attempt fails once with a clear reason", async ({
    db,
    redis,
    redisPrefix,
    factories,
    tracker,
  }) => {
    const deliveries = startLeadDeliveries(redis, redisPrefix, db, { mailer: null });
    try {
      const { offer, link } = await createWorld(factories, { confirmationMode: "MANUAL", leadFormFields });
      await createDestination(db, offer, { kind: "EMAIL", recipients: ["sales@advertiser.test"] });
      const leadId = await submitLead(tracker, redis, db, link, ADA);
      await eventually(async () => (await attemptsOf(db, leadId)).length > 0);
      await sleep(300);
      const attempts = await attemptsOf(db, leadId);
      expect(attempts.map((a) => [a.outcome, a.error])).toEqual([["FAILED", SMTP_NOT_CONFIGURED]]);
    } finally {
      await deliveries.close();
    }
  });
});
