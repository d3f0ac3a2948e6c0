// Every `curl` example in README.md and docs/ runs here, against the real API and tracker on a database
// holding the demo world, so the documentation cannot drift from the code: a renamed field, a removed
// argument or a parameter the tracker no longer reads fails this file.
//
// Examples name ids a reader replaces with their own (offer 42, link 7, statements 12 and 13, lead
// "0193…", secret S3CRET, a click id placeholder); `substitute` below maps them onto demo rows, and
// `$ADMIN_KEY`-style variables onto the demo users' API keys.

import { execFile } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { seedDemo } from "@leadrail/db/seed";
import { pino } from "pino";
import { createApi } from "../../api/src/server.ts";
import { startTracker } from "../src/conversion-kit.ts";
import { test as base, describe, expect } from "../src/fixtures.ts";

const root = join(fileURLToPath(import.meta.url), "../../..");

export interface Example {
  file: string;
  line: number;
  /** The line of the comment the command stands under: commands under one comment tell one story. */
  story: number;
  command: string;
  /** `NAME=…` lines above it in its block: a command that uses them runs through bash. */
  assignments: string[];
}

/** The `curl` commands of the shell blocks in a Markdown text, continuation lines joined. */
export function curlExamples(file: string, text: string): Example[] {
  const examples: Example[] = [];
  const lines = text.split("\n");
  let inShell = false;
  let story = 0;
  let assignments: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^```(sh|bash|shell)\s*$/.test(line)) {
      inShell = true;
      story = i + 1;
      assignments = [];
    } else if (line.startsWith("```")) inShell = false;
    else if (inShell && line.startsWith("#")) story = i + 1;
    else if (inShell && /^[A-Z_][A-Z0-9_]*=/.test(line)) assignments.push(line);
    else if (inShell && line.startsWith("curl ")) {
      let command = line;
      let j = i;
      // A command goes on while a line ends in `\` or a quote is still open.
      while ((command.endsWith("\\") || !quotesBalanced(command)) && j + 1 < lines.length) {
        j += 1;
        command = command.endsWith("\\")
          ? `${command.slice(0, -1)} ${lines[j]?.trim()}`
          : `${command}\n${lines[j]}`;
      }
      examples.push({ file, line: i + 1, story, command, assignments: [...assignments] });
      i = j;
    }
  }
  return examples;
}

function quotesBalanced(text: string): boolean {
  return words(text) !== null;
}

/** Shell words with single quotes (literal), double quotes (`\"` escapes, `$VAR`s) and bare words. */
export function words(text: string, env: Record<string, string> = {}): string[] | null {
  const out: string[] = [];
  let word: string | null = null;
  const expand = (s: string) =>
    s.replace(/\$([A-Z_][A-Z0-9_]*)/g, (_, name: string) => env[name] ?? `$${name}`);
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end === -1) return null;
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let value = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && j + 1 < text.length) j += 1;
        value += text[j];
      }
      if (j >= text.length) return null;
      word = (word ?? "") + expand(value);
      i = j;
    } else if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
    } else {
      const bare = /^[^\s'"]+/.exec(text.slice(i))?.[0] ?? c;
      word = (word ?? "") + expand(bare);
      i += bare.length - 1;
    }
  }
  if (word !== null) out.push(word);
  return out;
}

interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** What curl would send: `-X`, `-H`, `-d`, and the URL (scheme added when left out). */
export function curlRequest(argv: string[]): Request {
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let body: string | undefined;
  let url = "";
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "-X") method = argv[++i];
    else if (arg === "-H") {
      const [name = "", ...rest] = (argv[++i] ?? "").split(":");
      headers[name.trim().toLowerCase()] = rest.join(":").trim();
    } else if (arg === "-d") body = argv[++i];
    else if (arg === "-o") i += 1;
    else if (!arg.startsWith("-")) url = arg;
  }
  if (!/^https?:\/\//.test(url)) url = `http://${url}`;
  return { method: method ?? (body === undefined ? "GET" : "POST"), url, headers, body };
}

async function send(request: Request): Promise<{ status: number; text: string }> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * A command that needs the shell (a signature computed with openssl from a `BODY=` above it) runs as
 * written through bash and the system's curl, with the example's variables in its environment.
 */
async function runInBash(
  example: Example,
  substitute: (example: Example) => string,
  env: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const script = [
    ...example.assignments.map((line) => substitute({ ...example, command: line })),
    `${substitute(example)} -s -w '\\n%{http_code}'`,
  ].join("\n");
  // Not execFileSync: the API and tracker answering curl run in this process's event loop.
  const { stdout: output } = await promisify(execFile)("bash", ["-c", script], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  const cut = output.lastIndexOf("\n");
  return { status: Number(output.slice(cut + 1)), text: output.slice(0, cut) };
}

function documentedExamples(): Example[] {
  const files = ["README.md", ...readdirSync(join(root, "docs")).map((name) => `docs/${name}`)];
  return files
    .filter((file) => file.endsWith(".md"))
    .flatMap((file) => curlExamples(file, readFileSync(join(root, file), "utf8")));
}

const test = base.extend("platform", { scope: "file" }, async ({ db, redis, redisPrefix }, { onCleanup }) => {
  const logins = await seedDemo(db);
  const api = createApi({
    db,
    redis,
    redisPrefix,
    logger: pino({ level: "silent" }),
    trackerPublicUrl: "https://t.leadrail.test",
  });
  const server = createServer(api.handle);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const tracker = await startTracker({ db, redis });
  onCleanup(async () => {
    await tracker.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const key = (email: string) => logins.find((login) => login.email === email)?.apiKey ?? "";
  return {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    trackerBase: tracker.url,
    keys: {
      ADMIN_KEY: key("admin@leadrail.test"),
      FINANCE_A: key("finance@leadrail.test"),
      FINANCE_B: key("finance2@leadrail.test"),
      ADVERTISER_KEY: key("nordline@leadrail.test"),
      PUBLISHER_KEY: key("arbitragelab@leadrail.test"),
      // A session token works like an API key (the login example makes one).
      TOKEN: key("admin@leadrail.test"),
    },
  };
});

describe("documented examples", () => {
  test("README and docs/ hold curl examples for the API and the tracker", () => {
    const examples = documentedExamples();
    expect(examples.filter((e) => e.command.includes("/graphql")).length).toBeGreaterThan(15);
    expect(examples.filter((e) => e.command.includes("TRACKER/postback")).length).toBeGreaterThan(4);
  });

  test("every example runs and is answered as documented", async ({ db, platform }) => {
    // The demo rows the examples' placeholder ids stand for.
    const advertiser = await db.advertiser.findFirstOrThrow({
      where: { users: { some: { email: "nordline@leadrail.test" } } },
    });
    const publisher = await db.publisher.findFirstOrThrow({
      where: { users: { some: { email: "arbitragelab@leadrail.test" } } },
    });
    const link = await db.trackingLink.findFirstOrThrow({
      where: { publisherId: publisher.id, offer: { advertiserId: advertiser.id, status: "ACTIVE" } },
      orderBy: { id: "asc" },
    });
    const offerId = link.offerId;
    const click = await db.click.findFirstOrThrow({ where: { linkId: link.id, status: "ACCEPTED" } });
    const pending = await db.conversion.findMany({
      where: {
        offerId: {
          in: (await db.offer.findMany({ where: { advertiserId: advertiser.id } })).map((o) => o.id),
        },
        status: "PENDING",
      },
      take: 3,
      orderBy: { id: "asc" },
    });
    const drafts = await db.payoutStatement.findMany({ where: { status: "DRAFT" }, orderBy: { id: "asc" } });
    const [statementA, statementB] = drafts.map((s) => String(s.id));

    const substitute = ({ command, story }: Example) =>
      command
        .replaceAll("https://TRACKER", platform.trackerBase)
        .replaceAll("localhost:4000", platform.apiBase.replace("http://", ""))
        .replace(/\b42\b/g, String(offerId))
        .replace("setTrackingLinkDisabled(id: 7", `setTrackingLinkDisabled(id: ${link.id}`)
        .replaceAll('\\"12\\"', `\\"${statementA}\\"`)
        .replaceAll('\\"13\\"', `\\"${statementB}\\"`)
        .replace(
          '"0193...","0193..."',
          pending
            .slice(1, 3)
            .map((c) => `"${c.id}"`)
            .join(","),
        )
        .replaceAll("0193…", pending[0]?.id ?? "")
        .replaceAll("S3CRET", advertiser.postbackSecret)
        // Each story (the commands under one comment) has its own transaction.
        .replaceAll("ORDER-77", `ORDER-77-${story}`)
        .replace(/\{transaction_id\}|\{clickid\}|\{subid\}|0190f5a2-…/g, click.id);

    const failures: string[] = [];
    for (const example of documentedExamples()) {
      const where = `${example.file}:${example.line}`;
      const argv = words(substitute(example), platform.keys);
      if (!argv) throw new Error(`${where}: unbalanced quotes`);
      const request = curlRequest(argv);
      const { status, text } =
        example.assignments.length > 0
          ? await runInBash(example, substitute, { ...platform.keys, SECRET: advertiser.postbackSecret })
          : await send(request);
      if (status >= 400) {
        failures.push(`${where}: HTTP ${status} ${text.slice(0, 300)}`);
        continue;
      }
      if (request.url.includes("/graphql")) {
        const answer = JSON.parse(text) as { data?: Record<string, unknown>; errors?: { message: string }[] };
        if (answer.errors?.length)
          failures.push(`${where}: ${answer.errors.map((e) => e.message).join("; ")}`);
        // A typed refusal is an answer the API documents, but never for an example's own input.
        const refusals = Object.values(answer.data ?? {}).filter(
          (value) => (value as { code?: string } | null)?.code === "invalid_input",
        );
        if (refusals.length) failures.push(`${where}: refused as invalid input: ${JSON.stringify(refusals)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
