// E-mail destinations through nodemailer over SMTP (SMTP_URL). Without SMTP_URL there is no mailer:
// e-mail deliveries are then logged as failed with "SMTP not configured" and can be replayed from
// the dashboard once it is set (docs/lead-delivery.md), so `pnpm start` needs no mail server.
import nodemailer from "nodemailer";

export interface MailToSend {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export type MailResult =
  | { ok: true; response: string; code: number | null }
  | { ok: false; error: string; code: number | null; permanent: boolean };

export interface Mailer {
  send(mail: MailToSend): Promise<MailResult>;
  close(): void;
}

function codeOf(text: string | undefined): number | null {
  const match = /^(\d{3})/.exec(text ?? "");
  return match ? Number(match[1]) : null;
}

export function createMailer(smtpUrl: string, timeoutMs: number): Mailer {
  // `url` carries host, port, TLS and credentials (smtp://user:pass@host:587, smtps://...).
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail(mail);
        return { ok: true, response: String(info.response ?? ""), code: codeOf(info.response) };
      } catch (error) {
        const err = error as { responseCode?: number; response?: string; message?: string };
        const code = err.responseCode ?? codeOf(err.response);
        return {
          ok: false,
          error: String(err.response ?? err.message ?? error).slice(0, 500),
          code,
          // 5xx is the server's final word (unknown mailbox, refused); 4xx and network trouble may pass.
          permanent: code !== null && code >= 500,
        };
      }
    },
    close() {
      transport.close();
    },
  };
}
