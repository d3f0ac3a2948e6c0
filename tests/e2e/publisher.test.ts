// The publisher's jobs in headless Chromium, from the demo login, plus what every screen shares
// (reports, charts, the favicon): each step acts as a person would (roles and labels), then checks
// what the page shows against the database. Screenshots go to tests/artifacts/.
import { conversionReasonWords } from "@leadrail/db/conversion-reasons";
import type { Page } from "playwright-core";
import { describe, expect } from "../src/fixtures.ts";
import {
  expectAccessible,
  loadAllRows,
  pickOption,
  shot,
  signIn,
  test,
  UI_TIMEOUT,
  visit,
} from "./browser.ts";

const PUBLISHER = "arbitragelab@leadrail.test";

/** Fails the test on any console error or uncaught page error (a 404 for the favicon included). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()} ${message.location().url}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return errors;
}

/** A table's body rows as {column id: shown text}, read through the DataTable's data-column cells. */
async function tableRows(page: Page, name: string, part: "tbody" | "tfoot" = "tbody") {
  return page
    .getByRole("table", { name })
    .locator(`${part} tr`)
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll("td")].map((td) => [
            td.getAttribute("data-column") ?? "",
            td.textContent ?? "",
          ]),
        ),
      ),
    );
}

/** A shown count or amount as its integer (minor units for money): "$1,204.50" → "120450". */
const digits = (shown: string | undefined) => String(BigInt((shown ?? "").replace(/[^\d-]/g, "") || "0"));

describe("publisher", { timeout: 240_000 }, () => {
  test("reports by offer show names and a totals row per currency; the chart draws the chosen metric", async ({
    dashboard,
    db,
  }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    // The default range: the last 7 days in the browser's zone (UTC here), today included.
    const own = await db.$queryRaw<{ offer_id: number; name: string; currency: string; clicks: bigint }[]>`
      SELECT c.offer_id, o.name, o.currency::text AS currency, count(*)::bigint AS clicks
      FROM clicks c JOIN offers o ON o.id = c.offer_id
      WHERE c.publisher_id = ${publisher.id}
        AND c.created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '6 days'
        AND c.created_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day'
      GROUP BY 1, 2, 3`;
    expect(own.length).toBeGreaterThan(1);

    const { context, page } = await signIn(dashboard, PUBLISHER);
    const errors = watchErrors(page);
    const report = page.getByRole("table", { name: "Report" });
    await visit(page, "Reports", "publisher-reports-day", { ready: report.locator("tbody tr") });
    await page.getByLabel("Group by 1").selectOption({ label: "Offer" });
    await page.getByRole("button", { name: "Run report" }).click();
    await report.locator("th[data-column='offer_name']").waitFor();
    await shot(page, "publisher-reports-offer");

    // Each row: the offer's name beside its id, both the database's; no offer it never sent traffic to.
    const rows = await tableRows(page, "Report");
    expect(rows.map((r) => [r.offer_id, r.offer_name, digits(r.clicks)]).sort()).toEqual(
      own.map((o) => [String(o.offer_id), o.name, String(o.clicks)]).sort(),
    );
    // A totals row per currency, its clicks the database's sum for that currency.
    const totals = await tableRows(page, "Report", "tfoot");
    const byCurrency = new Map<string, bigint>();
    for (const o of own) byCurrency.set(o.currency, (byCurrency.get(o.currency) ?? 0n) + o.clicks);
    expect(totals.map((t) => [t.currency, digits(t.clicks)]).sort()).toEqual(
      [...byCurrency.entries()].map(([currency, clicks]) => [currency, String(clicks)]).sort(),
    );
    for (const total of totals) expect(total.offer_name).toBe("Total");
    // EPC is labelled for what the API computes: per 100 clicks.
    expect(await report.locator("thead").textContent()).toContain("EPC (per 100 clicks)");

    // The chart: earnings per day, a tooltip in money, not a raw number.
    const chart = page.getByRole("figure", { name: /per day/ });
    await page.getByLabel("Metric").selectOption({ label: "Earnings" });
    await chart.getByText(/^Earnings per day/).waitFor();
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) throw new Error("no chart on screen");
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await expect
      .poll(() => chart.locator(".recharts-tooltip-wrapper").textContent(), { timeout: UI_TIMEOUT })
      .toMatch(/Earnings\s*:\s*[^\d\s]{1,3}[\d,]+\.\d\d/);
    await shot(page, "publisher-reports-chart");
    await expectAccessible(page, "publisher reports");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("stats: conversions on their own axis, tooltips formatted, favicon served", async ({ dashboard }) => {
    const { context, page } = await signIn(dashboard, PUBLISHER);
    const errors = watchErrors(page);
    // While the numbers are on their way the screen says so (held here until the state is seen).
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // urql sends queries as GET (the document in the URL's `query`), so match the path, not a glob
    // that a query string defeats, and read the operation from wherever it is.
    await page.route(
      (url) => url.pathname === "/graphql",
      async (route) => {
        const request = route.request();
        const operation = request.postData() ?? new URL(request.url()).searchParams.get("query") ?? "";
        if (operation.includes("query Stats")) await held;
        await route.continue();
      },
    );
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Stats" }).click();
    await page.getByRole("main").getByText("Loading…").waitFor();
    await shot(page, "publisher-stats-loading");
    release();
    await visit(page, "Stats", "publisher-stats", { ready: page.getByRole("figure") });
    const chart = page.getByRole("figure").first();
    // Recharts draws no roles for its axes: count them by its own class. Clicks, conversions, money.
    expect(await chart.locator(".recharts-yAxis").count()).toBe(3);
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) throw new Error("no chart on screen");
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.4);
    const tooltip = chart.locator(".recharts-tooltip-wrapper");
    await expect.poll(() => tooltip.textContent(), { timeout: UI_TIMEOUT }).toMatch(/Earnings/);
    const text = (await tooltip.textContent()) ?? "";
    expect(text).toMatch(/Earnings\s*:\s*[^\d\s]{1,3}[\d,]+\.\d\d/);
    expect(text).toMatch(/Clicks\s*:\s*[\d,]+/);
    await shot(page, "publisher-stats-tooltip");

    const icon = await page.locator("link[rel='icon']").getAttribute("href");
    expect(icon).toBe("/favicon.svg");
    const response = await page.request.get(`${dashboard.url}${icon}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("image/svg+xml");
    await expectAccessible(page, "publisher stats");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("marketplace: sorted by EPC and by conversion rate, EPC labelled per 100 clicks, cap headroom", async ({
    dashboard,
    db,
  }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    // The same numbers the API ranks by: daily_stats over the last 30 UTC days, every publisher.
    const metrics = await db.$queryRaw<
      { id: number; name: string; clicks: bigint; uniq: bigint; approved: bigint; payout: bigint }[]
    >`
      SELECT o.id, o.name, coalesce(sum(d.clicks), 0)::bigint AS clicks,
        coalesce(sum(d.unique_clicks), 0)::bigint AS uniq,
        coalesce(sum(d.approved_conversions), 0)::bigint AS approved,
        coalesce(sum(d.payout), 0)::bigint AS payout
      FROM offers o LEFT JOIN daily_stats d ON d.offer_id = o.id
        AND d.day >= (now() AT TIME ZONE 'UTC')::date - 29
      GROUP BY o.id, o.name`;
    const rank = (value: (m: (typeof metrics)[number]) => [bigint, bigint] | null) => (names: string[]) =>
      [...names].sort((a, b) => {
        const ma = metrics.find((m) => m.name === a);
        const mb = metrics.find((m) => m.name === b);
        if (!ma || !mb) throw new Error("unknown offer");
        const [va, vb] = [value(ma), value(mb)];
        if (va === null || vb === null) return va === vb ? mb.id - ma.id : va === null ? 1 : -1;
        const left = va[0] * vb[1];
        const right = vb[0] * va[1];
        return left === right ? mb.id - ma.id : left > right ? -1 : 1;
      });

    const { context, page } = await signIn(dashboard, PUBLISHER);
    const errors = watchErrors(page);
    const cards = page
      .getByRole("main")
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading") });
    await visit(page, "Marketplace", "publisher-marketplace", { ready: cards });
    const namesShown = () => cards.getByRole("heading").allTextContents();

    const inOrder = (order: (names: string[]) => string[]) => async () => {
      const names = await namesShown();
      return JSON.stringify(order(names)) === JSON.stringify(names);
    };
    const byEpc = rank((m) => (m.clicks === 0n ? null : [m.payout, m.clicks]));
    const byRate = rank((m) => (m.uniq === 0n ? null : [m.approved, m.uniq]));
    // Newest first is neither order, so each check below can fail.
    expect(await inOrder(byEpc)()).toBe(false);
    expect(await inOrder(byRate)()).toBe(false);

    await page.getByLabel("Sort").selectOption({ label: "highest EPC (30 days)" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(inOrder(byEpc), { timeout: UI_TIMEOUT }).toBe(true);
    await shot(page, "publisher-marketplace-epc");

    await page.getByLabel("Sort").selectOption({ label: "highest conversion rate (30 days)" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(inOrder(byRate), { timeout: UI_TIMEOUT }).toBe(true);

    // EPC says what it is, on every card.
    const labels = await cards.getByText("EPC (per 100 clicks)").count();
    expect(labels).toBe(await cards.count());

    // The Fuelway fleet offer caps each publisher at 60 conversions a month: the card says how many are left.
    const cap = await db.offerCap.findFirstOrThrow({
      where: { scope: "PER_PUBLISHER", metric: "CONVERSIONS", period: "MONTHLY" },
      include: { offer: true },
    });
    const now = new Date();
    const used = await db.conversion.count({
      where: {
        offerId: cap.offerId,
        publisherId: publisher.id,
        status: { in: ["PENDING", "APPROVED"] },
        convertedAt: { gte: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)) },
      },
    });
    const card = cards.filter({ has: page.getByRole("heading", { name: cap.offer.name }) });
    await expect
      .poll(() => card.getByRole("list", { name: "Cap headroom" }).textContent(), { timeout: UI_TIMEOUT })
      .toBe(`Cap: ${Number(cap.limit) - used} of ${cap.limit} conversions left this month`);
    await card.scrollIntoViewIfNeeded();
    await shot(page, "publisher-marketplace-cap");
    await expectAccessible(page, "publisher marketplace");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("links: per-link clicks, conversions and earnings; a switch turns a link off and on", async ({
    dashboard,
    db,
  }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    // The window the API counts: today (UTC) and the 29 days before.
    const stats = await db.$queryRaw<
      { id: number; name: string; code: string; clicks: bigint; payout: bigint }[]
    >`
      SELECT l.id, l.name, l.code,
        (SELECT count(*) FROM clicks c WHERE c.link_id = l.id AND c.publisher_id = l.publisher_id
           AND c.created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '29 days')::bigint AS clicks,
        (SELECT coalesce(sum(v.payout), 0) FROM conversions v WHERE v.link_id = l.id AND v.status = 'APPROVED'
           AND v.publisher_id = l.publisher_id
           AND v.converted_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '29 days')::bigint AS payout
      FROM tracking_links l WHERE l.publisher_id = ${publisher.id}`;
    expect(stats.some((s) => s.clicks > 0n)).toBe(true);

    const { context, page } = await signIn(dashboard, PUBLISHER);
    const errors = watchErrors(page);
    const table = page.getByRole("table", { name: "My links" });
    await visit(page, "My links", "publisher-links", { ready: table.locator("tbody tr") });
    const rows = await tableRows(page, "My links");
    // The link cell holds the name (in bold), then the offer and the address.
    const names = await table.locator("tbody td[data-column='name'] strong").allTextContents();
    expect(names).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      expect(row.name).toContain(`/c/${(stats.find((s) => s.name === names[i]) ?? { code: "?" }).code}`);
    });
    expect(rows.map((r, i) => [names[i], digits(r.clicks), digits(r.earnings)]).sort()).toEqual(
      stats.map((s) => [s.name, String(s.clicks), String(s.payout)]).sort(),
    );
    // Busiest first.
    const shownClicks = rows.map((r) => BigInt(digits(r.clicks)));
    expect(shownClicks).toEqual([...shownClicks].sort((a, b) => (a === b ? 0 : a > b ? -1 : 1)));

    const busiest = [...stats].sort((a, b) => (a.clicks === b.clicks ? 0 : a.clicks > b.clicks ? -1 : 1))[0];
    if (!busiest) throw new Error("no link");
    const toggle = page.getByRole("switch", { name: `${busiest.name} active` });
    expect(await toggle.getAttribute("aria-checked")).toBe("true");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-checked"), { timeout: UI_TIMEOUT }).toBe("false");
    const off = await db.trackingLink.findUniqueOrThrow({ where: { id: busiest.id } });
    expect(off.disabledAt).not.toBeNull();
    expect(
      await db.auditLog.count({
        where: { entityType: "TrackingLink", entityId: String(busiest.id), action: "link.disable" },
      }),
    ).toBe(1);
    // A wide table scrolls inside its own box; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await shot(page, "publisher-links-disabled");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-checked"), { timeout: UI_TIMEOUT }).toBe("true");
    expect((await db.trackingLink.findUniqueOrThrow({ where: { id: busiest.id } })).disabledAt).toBeNull();
    await expectAccessible(page, "publisher links");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("click log: own clicks with reasons in words; the link tester explains a geo refusal", async ({
    dashboard,
    db,
  }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    const week = new Date(Date.now() - 7 * 86_400_000);
    const rejectedInDb = await db.click.findMany({
      where: { publisherId: publisher.id, status: "REJECTED", createdAt: { gte: week } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
      select: { rejectReason: true },
    });
    const ownLinks = await db.trackingLink.findMany({
      where: { publisherId: publisher.id },
      include: { offer: true },
    });

    const { context, page } = await signIn(dashboard, PUBLISHER);
    const errors = watchErrors(page);
    const log = page.getByRole("table", { name: "Recent clicks" });
    await visit(page, "Click log", "publisher-click-log", { ready: log.locator("tbody tr") });
    // Only this publisher's links appear.
    const names = new Set(ownLinks.map((l) => l.name));
    for (const row of await tableRows(page, "Recent clicks")) expect(names.has(row.link ?? "")).toBe(true);

    await page.getByLabel("Show").selectOption({ label: "rejected only" });
    if (rejectedInDb.length === 0) await page.getByText("No clicks in the last 7 days.").waitFor();
    else {
      await expect
        .poll(async () => (await tableRows(page, "Recent clicks")).every((r) => r.verdict === "Rejected"), {
          timeout: UI_TIMEOUT,
        })
        .toBe(true);
      const words: Record<string, string> = {
        geo_not_targeted: "Country not targeted",
        device_not_targeted: "Device not targeted",
        link_disabled: "Link turned off",
        not_approved: "Not approved for this offer",
        offer_not_active: "Offer not running",
      };
      const shown = (await tableRows(page, "Recent clicks")).map((r) => r.reason).sort();
      expect(shown).toEqual(
        rejectedInDb
          .slice(0, shown.length)
          .map((c) => words[c.rejectReason ?? ""] ?? c.rejectReason)
          .sort(),
      );
    }

    // The tester: a geo-targeted offer, a country it does not take.
    const targeted = ownLinks.find((l) => l.offer.countries.length > 0 && l.offer.status === "ACTIVE");
    if (!targeted) throw new Error("the demo publisher runs no geo-targeted offer");
    const outside = ["US", "DE", "BR", "JP"].find((c) => !targeted.offer.countries.includes(c)) ?? "JP";
    const clicksBefore = await db.click.count({ where: { linkId: targeted.id } });
    const tester = page.getByRole("form", { name: "Test a link" });
    await pickOption(tester, "Link", targeted.name, new RegExp(`^${targeted.name} ${targeted.offer.name}$`));
    await tester.getByLabel("Country").fill(outside.toLowerCase());
    await tester.getByLabel("Device").selectOption({ label: "Mobile" });
    await tester.getByRole("button", { name: "Test" }).click();
    const verdict = page.getByTestId("link-verdict");
    const offerCountries = `[${[...targeted.offer.countries].sort().join(", ")}]`;
    await expect
      .poll(() => verdict.textContent(), { timeout: UI_TIMEOUT })
      .toContain(`the click's country ${outside} is not in the offer's countries ${offerCountries}`);
    expect(await verdict.textContent()).toContain("Rejected: Country not targeted");
    if (targeted.offer.fallbackUrl) expect(await verdict.textContent()).toContain("fallback URL");
    await shot(page, "publisher-link-tester-geo");

    // Localhost: no country at all.
    await tester.getByLabel("Country").fill("");
    await tester.getByRole("button", { name: "Test" }).click();
    await expect.poll(() => verdict.textContent(), { timeout: UI_TIMEOUT }).toMatch(/127\.0\.0\.1/);

    // A country it takes on a device it takes (or any, when it names none): accepted, to the landing page.
    const inside = targeted.offer.countries[0] ?? "US";
    const device = targeted.offer.devices[0] ?? "DESKTOP";
    await tester.getByLabel("Country").fill(inside);
    await tester.getByLabel("Device").selectOption(device);
    await tester.getByRole("button", { name: "Test" }).click();
    await expect.poll(() => verdict.textContent(), { timeout: UI_TIMEOUT }).toContain("Accepted");
    expect(await verdict.textContent()).toContain(targeted.offer.landingUrl);

    // A typo is caught at the field, and nothing is asked.
    await tester.getByLabel("Country").fill("1x");
    await tester.getByRole("button", { name: "Test" }).click();
    await page.getByRole("alert").filter({ hasText: "two-letter country code" }).waitFor();
    await shot(page, "publisher-link-tester");
    // Testing sends no traffic.
    expect(await db.click.count({ where: { linkId: targeted.id } })).toBe(clicksBefore);
    await expectAccessible(page, "publisher click log");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("conversions: rejections with reasons in words; a postback limited to one offer stays limited", async ({
    dashboard,
    db,
  }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    const rejected = await db.conversion.findMany({
      where: { publisherId: publisher.id, status: "REJECTED" },
      orderBy: [{ convertedAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { statusReason: true },
    });
    expect(rejected.length).toBeGreaterThan(0);

    const { context, page } = await signIn(dashboard, PUBLISHER);
    const errors = watchErrors(page);
    const table = page.getByRole("table", { name: "Conversions" });
    await visit(page, "Conversions", "publisher-conversions", { ready: table.locator("tbody tr") });
    await page.getByLabel("Status").selectOption({ label: "Rejected" });
    await expect
      .poll(async () => (await tableRows(page, "Conversions")).every((r) => r.status === "rejected"), {
        timeout: UI_TIMEOUT,
      })
      .toBe(true);
    const reasons = (await tableRows(page, "Conversions")).map((r) => r.reason ?? "");
    // The first page (50 rows) of the database's newest rejections, each reason in words, never a code.
    expect(reasons.sort()).toEqual(
      rejected
        .slice(0, reasons.length)
        .map((c) => conversionReasonWords(c.statusReason))
        .sort(),
    );
    for (const reason of reasons) expect(reason).not.toMatch(/_/);
    await shot(page, "publisher-conversions-rejected");
    await expectAccessible(page, "publisher conversions");

    // Postbacks: one template for one offer only, then paused; it must stay that offer's.
    const application = await db.offerApplication.findFirstOrThrow({
      where: { publisherId: publisher.id, status: "APPROVED", blockedAt: null },
      include: { offer: true },
    });
    await visit(page, "Postbacks", "publisher-postbacks-offer", { heading: "Postbacks" });
    const url = "https://tracker.example/pb?cid={click_id}&e2e=offer";
    await page.getByLabel("URL template").fill(url);
    await page.getByLabel("Offer").selectOption({ label: application.offer.name });
    await page.getByRole("checkbox", { name: "Approved" }).check();
    await page.getByRole("button", { name: "Save postback" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), { timeout: UI_TIMEOUT })
      .toBe("Postback saved.");
    const saved = await db.publisherPostback.findFirstOrThrow({
      where: { publisherId: publisher.id, urlTemplate: url },
    });
    expect(saved).toMatchObject({ offerId: application.offerId, statuses: ["APPROVED"], active: true });

    const row = page
      .getByRole("table", { name: "Postback templates" })
      .locator("tr", { hasText: "e2e=offer" });
    await expect
      .poll(() => row.locator("td[data-column='offer']").textContent(), { timeout: UI_TIMEOUT })
      .toBe(application.offer.name);
    await row.getByRole("button", { name: "Deactivate" }).click();
    // Exact: "Deactivate" contains "activate".
    await row.getByRole("button", { name: "Activate", exact: true }).waitFor();
    const paused = await db.publisherPostback.findUniqueOrThrow({ where: { id: saved.id } });
    expect(paused).toMatchObject({ offerId: application.offerId, statuses: ["APPROVED"], active: false });
    await shot(page, "publisher-postbacks-offer");
    await expectAccessible(page, "publisher postbacks");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("the link tester's picker finds a link past the first 100", async ({ dashboard, db }) => {
    const publisher = await db.publisher.findFirstOrThrow({ where: { name: "Arbitrage Lab" } });
    const running = await db.trackingLink.findFirstOrThrow({
      where: { publisherId: publisher.id, disabledAt: null, offer: { status: "ACTIVE" } },
      orderBy: { id: "asc" },
    });
    // 101 new links on an offer it runs; the first made is the 101st newest, and is turned off, so the
    // tester's answer shows it is that link that was tested.
    await db.trackingLink.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        publisherId: publisher.id,
        offerId: running.offerId,
        code: `bulk-e2e-${i + 1}`,
        name: `Bulk link ${String(i + 1).padStart(3, "0")}`,
        disabledAt: i === 0 ? new Date() : null,
      })),
    });
    const ordered = await db.trackingLink.findMany({
      where: { publisherId: publisher.id },
      orderBy: { id: "desc" },
      select: { id: true, name: true },
    });
    expect(ordered[100]?.name).toBe("Bulk link 001");

    const { context, page } = await signIn(dashboard, PUBLISHER);
    const errors = watchErrors(page);
    await visit(page, "Click log", "publisher-click-log-many", {
      ready: page.getByRole("table", { name: "Recent clicks" }).locator("tbody tr"),
    });
    const tester = page.getByRole("form", { name: "Test a link" });
    // The newest link is the first choice, as the select's first option was.
    await expect
      .poll(() => tester.getByRole("combobox", { name: "Link" }).inputValue(), { timeout: UI_TIMEOUT })
      .toBe("Bulk link 101");
    await pickOption(tester, "Link", "bulk link 001", "Bulk link 001");
    await tester.getByRole("button", { name: "Test" }).click();
    const verdict = page.getByTestId("link-verdict");
    await expect
      .poll(() => verdict.textContent(), { timeout: UI_TIMEOUT })
      .toContain("Rejected: Link turned off");
    await shot(page, "publisher-link-tester-picked");

    // Another link, picked with the keyboard: an enabled one, so the answer changes.
    await pickOption(tester, "Link", "Bulk link 002", "Bulk link 002", { keyboard: true });
    await tester.getByRole("button", { name: "Test" }).click();
    await expect.poll(() => verdict.textContent(), { timeout: UI_TIMEOUT }).not.toContain("Link turned off");
    // Cleared, the picker leaves nothing to test.
    await tester.getByRole("combobox", { name: "Link" }).fill("");
    expect(await tester.getByRole("button", { name: "Test" }).isDisabled()).toBe(true);
    await expectAccessible(page, "click log with a picked link");
    expect(errors).toEqual([]);
    await context.close();
  });

  test("links: more than 100 are listed with Load more, counted in the database", async ({
    dashboard,
    db,
  }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: PUBLISHER } });
    const publisherId = user.publisherId as number;
    const { offerId } = await db.offerApplication.findFirstOrThrow({
      where: { publisherId, status: "APPROVED" },
    });
    const stamp = Date.now();
    await db.trackingLink.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        publisherId,
        offerId,
        code: `pg${stamp}${i}`,
        name: `Paged link ${i + 1}`,
      })),
    });
    const { context, page } = await signIn(dashboard, PUBLISHER);
    const errors = watchErrors(page);
    const table = page.getByRole("table", { name: "My links" });
    await visit(page, "My links", "publisher-links-paged", { ready: table.locator("tbody tr") });
    await loadAllRows(page, "My links", await db.trackingLink.count({ where: { publisherId } }));
    await shot(page, "publisher-links-loaded-more");
    await expectAccessible(page, "links, loaded more");
    // The sub-ID builder finds its link among more than 100 on one offer, the oldest and the newest.
    for (const name of ["Paged link 1", "Paged link 101"]) {
      const link = await db.trackingLink.findFirstOrThrow({ where: { publisherId, name } });
      const row = table.locator("tbody tr", { has: page.getByText(name, { exact: true }) });
      // The table shows 25 rows a page: turn pages from the first until the link is on screen.
      const pager = page.getByRole("navigation", { name: "My links pages" });
      while ((await pager.getByRole("button", { name: "Previous" }).isEnabled()) === true) {
        await pager.getByRole("button", { name: "Previous" }).click();
      }
      while ((await row.count()) === 0) await pager.getByRole("button", { name: "Next" }).click();
      await row.getByRole("button", { name: "Sub IDs" }).click();
      await page.getByLabel("sub1", { exact: true }).fill("paged");
      await page.getByRole("button", { name: "Build URL" }).click();
      await expect
        .poll(
          async () => new URL((await page.getByTestId("built-url").textContent()) || "http://x/").pathname,
          {
            timeout: UI_TIMEOUT,
          },
        )
        .toBe(`/c/${link.code}`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
