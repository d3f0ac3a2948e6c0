// The browser harness every dashboard test file shares: the built dashboard served by the real API on
// the file's own database (the demo world, seeded at a fixed hour), one headless Chromium, and helpers
// that act as a person would — sign in, follow the navigation, wait for the screen's own heading —
// plus an accessibility check (axe) and screenshots under tests/artifacts/ (git-ignored).
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { DEMO_PASSWORD, seedDemo } from "@leadrail/db/seed";
import { pino } from "pino";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { createApi } from "../../api/src/server.ts";
import { buildDashboard } from "../../scripts/prepare.ts";
import { findChromium, missingChromiumMessage } from "../../scripts/services/chromium.ts";
import { test as base, expect } from "../src/fixtures.ts";

const root = join(fileURLToPath(import.meta.url), "../../..");
const artifacts = join(root, "tests/artifacts");
export const TRACKER_URL = "https://t.leadrail.test";
// Generous: two cores shared with other suites; every wait polls for a condition, none sleeps.
export const UI_TIMEOUT = 20_000;
const HOUR = 3_600_000;
// The demo world is laid out relative to its `now` and to UTC day boundaries (statement periods), so
// what it holds (which advertiser has the most pending leads, what the drafts pay) depends on the
// hour it is seeded at. Seeding at the same hour every run (the latest 12:00 UTC) gives every run
// the same world; it is at most a day old, and every check below reads its numbers from the database.
export const SEED_NOW = new Date(Math.floor((Date.now() - 12 * HOUR) / (24 * HOUR)) * 24 * HOUR + 12 * HOUR);

export interface Dashboard {
  url: string;
  browser: Browser;
}

export const test = base.extend(
  "dashboard",
  { scope: "file" },
  async ({ db, redis, redisPrefix }, { onCleanup }) => {
    const [distDir] = await Promise.all([buildDashboard(root), seedDemo(db, { now: SEED_NOW })]);
    const api = createApi({
      db,
      redis,
      redisPrefix,
      logger: pino({ level: "silent" }),
      dashboardDir: distDir,
      trackerPublicUrl: TRACKER_URL,
    });
    const server: Server = createServer(api.handle);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    // The global setup installed one when it could; otherwise say what to install, in one line.
    const executablePath = findChromium();
    if (!executablePath) throw new Error(missingChromiumMessage());
    const browser = await chromium.launch({
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    });
    onCleanup(async () => {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    mkdirSync(artifacts, { recursive: true });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, browser } satisfies Dashboard;
  },
);

export async function signIn(
  dashboard: Dashboard,
  email: string,
  viewport = { width: 1280, height: 860 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await dashboard.browser.newContext({ viewport, locale: "en-US", timezoneId: "UTC" });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  await page.goto(dashboard.url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  return { context, page };
}

/**
 * Follows a navigation link, waits for that screen's own heading (not whatever page was there
 * before), then for `ready` (a locator of data the test expects) or else for its loading state to
 * end, and screenshots it.
 */
export async function visit(
  page: Page,
  link: string,
  name: string,
  options: { heading?: string; ready?: Locator } = {},
): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
  await page.getByRole("heading", { level: 1, name: options.heading ?? link, exact: true }).waitFor();
  if (options.ready) await options.ready.first().waitFor();
  else await page.locator("main .state.loading").waitFor({ state: "detached" });
  await shot(page, name);
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `dashboard-${name}.png`), fullPage: true });

/** RFC 4180 fields of a CSV text (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
    } else if (char !== "\r") field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/**
 * Runs axe on the page as it is and fails on serious or critical violations (the bar), naming
 * each rule and the first elements it found.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = serious.map(
    (v) =>
      `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}`,
  );
  expect(described).toEqual([]);
}

/**
 * The error shown under a form control (ui/zod-form.tsx, ui/SearchPicker.tsx): the `.field-error` its
 * aria-describedby names, so the test also proves the message is tied to the control. "" when none.
 */
export async function fieldError(control: Locator): Promise<string> {
  const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  for (const id of ids) {
    const described = control.page().locator(`[id="${id}"]`);
    if ((await described.getAttribute("class"))?.includes("field-error")) {
      return (await described.textContent()) ?? "";
    }
  }
  return "";
}

/**
 * Picks an option in a search picker (ui/SearchPicker.tsx) as a person would: types into the
 * combobox, waits for the option the API's search answered, and clicks it (or, with `keyboard`,
 * moves to it with the arrow keys and presses Enter).
 */
export async function pickOption(
  scope: Page | Locator,
  combobox: string,
  text: string,
  option: string | RegExp,
  options: { keyboard?: boolean } = {},
): Promise<void> {
  const input = scope.getByRole("combobox", { name: combobox });
  await input.fill(text);
  const page = "page" in scope ? scope.page() : scope;
  const listbox = page.locator(`[id="${await input.getAttribute("aria-controls")}"]`);
  // A string names the option's label exactly (its detail may follow): "Acme" is not "Acme 2".
  const name =
    typeof option === "string"
      ? new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`)
      : option;
  const wanted = listbox.getByRole("option", { name });
  await wanted.waitFor();
  if (!options.keyboard) {
    await wanted.click();
    return;
  }
  // Arrow down until the wanted option is the active one (aria-activedescendant), then Enter.
  const wantedId = await wanted.getAttribute("id");
  for (let step = 0; step < 25; step++) {
    if ((await input.getAttribute("aria-activedescendant")) === wantedId) break;
    await input.press("ArrowDown");
  }
  expect(await input.getAttribute("aria-activedescendant")).toBe(wantedId);
  await input.press("Enter");
}

/**
 * A paged table's Load more, pressed until it lists `total` rows: the pager first says "+ · 100 rows"
 * (more exist past the first page), and at the end shows every row with no Load more left.
 */
export async function loadAllRows(page: Page, label: string, total: number): Promise<void> {
  const pager = page.getByRole("navigation", { name: `${label} pages` });
  const text = async () => (await pager.locator("span").first().textContent()) ?? "";
  const shown = async () => Number((await text()).match(/(\d+) rows$/)?.[1] ?? 0);
  await expect.poll(text, { timeout: UI_TIMEOUT }).toMatch(/\+ · 100 rows$/);
  let count = 100;
  while (count < total) {
    await pager.getByRole("button", { name: "Load more" }).click();
    await expect.poll(shown, { timeout: UI_TIMEOUT }).toBeGreaterThan(count);
    count = await shown();
  }
  expect(await text()).toMatch(new RegExp(`of \\d+ · ${total} rows$`));
  expect(await pager.getByRole("button", { name: "Load more" }).count()).toBe(0);
}
