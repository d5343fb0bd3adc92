// sayso serve in a real browser: Debian's Chromium driven by playwright-core, audited by axe-core.
// Run by run_browser_tests.sh, which starts the server and sets SAYSO_URL and SAYSO_ARTIFACTS.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const baseUrl = process.env.SAYSO_URL;
const artifacts = process.env.SAYSO_ARTIFACTS || ".";
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const JARGON_SUMMARY =
  "We will utilise a cohort of participants in order to assess the efficacy of the intervention. " +
  "Data will be collected by the RCT team.";

let browser;

before(async () => {
  assert.ok(baseUrl, "SAYSO_URL must be set (run run_browser_tests.sh)");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

after(async () => {
  if (browser) await browser.close();
});

// A fresh page that records every request it makes and every Content-Security-Policy complaint.
async function openPage(hash = "") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.foreignRequests = [];
  page.cspViolations = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(baseUrl) && !url.startsWith("data:") && !url.startsWith("blob:")) page.foreignRequests.push(url);
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) page.cspViolations.push(message.text());
  });
  await page.goto(baseUrl + hash);
  await page.waitForFunction(() => document.querySelectorAll("#profile option").length > 1);
  return page;
}

async function closePage(page) {
  assert.deepEqual(page.foreignRequests, [], "the page must only talk to its own server");
  assert.deepEqual(page.cspViolations, [], "nothing on the page may break the Content-Security-Policy");
  await page.context().close();
}

const screenshot = (page, name) => page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });

async function typeSummary(page, text = JARGON_SUMMARY) {
  await page.locator("#text").fill(text);
  await page.waitForFunction(() => document.querySelectorAll("#findings-list li").length > 0);
}

// axe-core is evaluated through the DevTools protocol, which the page's CSP does not govern.
async function expectNoAxeViolations(page, name) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document));
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
  assert.deepEqual(summary, [], `axe-core violations on ${name}`);
  assert.ok(results.passes.length > 10, "axe-core ran its checks");
}

async function tabUntil(page, predicate, arg, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error(`Tab never reached the element (${predicate.toString()} ${arg ?? ""})`);
}

const focusedText = (page) => page.evaluate(() => document.activeElement && document.activeElement.textContent.trim());

test("a jargon-heavy summary is highlighted in place and each finding is explained", async () => {
  const page = await openPage();
  await typeSummary(page);
  const marks = await page.$$eval("#highlights mark", (nodes) => nodes.map((n) => ({
    text: n.textContent, label: n.dataset.label, category: n.className })));
  const utilise = marks.find((m) => m.text === "utilise");
  assert.ok(utilise, `"utilise" is marked: ${JSON.stringify(marks)}`);
  assert.match(utilise.category, /cat-jargon/);
  assert.equal(utilise.label, "J", "the category is shown by a letter too, not colour alone");
  assert.ok(marks.some((m) => m.text === "RCT" && m.label === "A"), "the acronym is marked");
  assert.match(await page.textContent("#check-status"), /\d+ findings: .*hard word/);

  await page.click(".finding-button:has-text('“utilise”')");
  await page.waitForSelector("#finding-detail:not([hidden])");
  assert.match(await page.textContent("#detail-message"), /'use' instead of 'utilise'/);
  assert.ok((await page.textContent("#detail-why")).trim().length > 20, "why it matters is explained");
  assert.match(await page.textContent("#detail-category"), /Hard word/);
  assert.equal(await page.getAttribute(".finding-button:has-text('“utilise”')", "aria-pressed"), "true");
  assert.equal(await page.locator("#highlights mark.selected").textContent(), "utilise");

  assert.match(await page.textContent("#figures"), /of 300 words/);
  assert.match(await page.textContent("#figures"), /Reading age/);
  assert.match(await page.textContent("#figures"), /Sentence lengths/);
  await screenshot(page, "check-view-findings");
  await closePage(page);
});

test("one click on a fix changes the text and the finding goes away", async () => {
  const page = await openPage();
  await typeSummary(page);
  await page.click(".finding-button:has-text('“utilise”')");
  await page.click("#detail-fixes button:has-text('to “use”')");
  assert.match(await page.inputValue("#text"), /^We will use a cohort/);
  await page.waitForFunction(() => document.querySelectorAll(".finding-button").length > 0 &&
    ![...document.querySelectorAll(".finding-button")].some((b) => b.textContent.includes("“utilise”")));
  assert.match(await page.textContent("#check-status"), /findings/);
  await screenshot(page, "check-view-after-fix");
  await closePage(page);
});

test("an involvement section shows the evidence checklist and the involvement level", async () => {
  const page = await openPage();
  await page.selectOption("#text-kind", "involvement");
  await typeSummary(page, "Patients were consulted about the design of the study. PPI will be sought where possible. " +
    "We will send a newsletter to share results with participants at the end of the study.");
  await page.waitForFunction(() => document.querySelector("#figures").textContent.includes("Involvement level"));
  const figures = await page.textContent("#figures");
  assert.match(figures, /Evidence of involvement \(\d+ of \d+\)/);
  assert.match(figures, /Missing: /);
  assert.match(figures, /Highest level: (inform|consult)/);
  await screenshot(page, "check-view-involvement");
  await closePage(page);
});

test("a rule built with the suggest-a-rule form flags its example and the user's text", async () => {
  const page = await openPage();
  await page.fill("#text", "Our stakeholders will help us plan the study.");
  await page.click("a[data-view='suggest']");
  await page.fill("#rule-look-for", "stakeholder*");
  await page.fill("#rule-say-instead", "people with an interest");
  await page.fill("#rule-why", "Many people do not know what a stakeholder is.");
  await page.fill("#rule-flag", "We met our stakeholders.\nEvery stakeholder was asked.");
  await page.fill("#rule-pass", "We met the people who use the service.\nWe asked carers.");
  await page.fill("#rule-author", "Brumfield public panel");
  await page.waitForFunction(() => document.querySelector("#trial-status").textContent.includes("ready to send"));
  const examples = await page.$$eval("#trial-examples li", (items) => items.map((li) => li.textContent));
  assert.ok(examples.some((t) => t.includes("We met our stakeholders.") && t.includes("flagged, as it should be")));
  assert.ok(examples.some((t) => t.includes("people who use the service") && t.includes("not flagged, as it should be")));
  assert.match(await page.textContent("#trial-text"), /finds 1 place in your text: “stakeholders”/);
  const yaml = await page.inputValue("#rule-yaml");
  assert.match(yaml, /id: suggested\.stakeholder/);
  assert.match(yaml, /kind: substitution/);
  assert.match(yaml, /Brumfield public panel/);

  const download = page.waitForEvent("download");
  await page.click("#download-yaml");
  assert.equal((await download).suggestedFilename(), "suggested.stakeholder.yml");
  await screenshot(page, "suggest-a-rule");

  await page.fill("#rule-pass", "We met our stakeholders today.\nWe asked carers.");
  await page.waitForFunction(() => document.querySelector("#trial-problems").textContent.includes("should pass"));
  await closePage(page);
});

test("the rule browser lists every rule with its explanation, examples and who shaped it; search filters", async () => {
  const page = await openPage("#rules");
  await page.waitForFunction(() => document.querySelectorAll("#rules-list .rule-card").length > 5);
  const card = page.locator(".rule-card[data-rule='plain-english.wordy-words']");
  const text = await card.textContent();
  for (const part of ["Why it matters", "Flagged, for example", "Not flagged, for example", "Sources"])
    assert.ok(text.includes(part), `the rule card shows ${part}`);
  assert.match(await page.textContent("#rules-list"), /Written with|Reviewed by/);
  await page.fill("#rule-search", "cohort");
  await page.waitForFunction(() => /match/.test(document.querySelector("#rules-count").textContent));
  const visible = await page.$$eval("#rules-list .rule-card:not([hidden])", (cards) => cards.map((c) => c.dataset.rule));
  assert.ok(visible.length >= 1 && visible.length < 10, `search narrows the list: ${visible}`);
  assert.ok(visible.includes("plain-english.research-words"));
  await screenshot(page, "rule-browser");
  await closePage(page);
});

test("axe-core finds no violations on any view or display mode", async () => {
  const page = await openPage();
  await typeSummary(page);
  await page.click(".finding-button:has-text('“utilise”')");
  await expectNoAxeViolations(page, "the check view with findings");

  await page.click("#toggle-contrast");
  await expectNoAxeViolations(page, "the check view in high contrast");
  await screenshot(page, "check-view-high-contrast");
  await page.click("#toggle-easy");
  await page.click("#toggle-large");
  await expectNoAxeViolations(page, "the check view in easy read and large text");
  await screenshot(page, "check-view-easy-read-large-text");
  await page.click("#toggle-contrast");
  await page.click("#toggle-easy");
  await page.click("#toggle-large");

  await page.click("a[data-view='rules']");
  await page.waitForFunction(() => document.querySelectorAll("#rules-list .rule-card").length > 5);
  await expectNoAxeViolations(page, "the rule browser");

  await page.click("a[data-view='suggest']");
  await page.fill("#rule-look-for", "stakeholder");
  await page.fill("#rule-why", "Not everyone knows this word.");
  await page.fill("#rule-flag", "Our stakeholders agree.");
  await page.waitForFunction(() => document.querySelector("#rule-yaml").value.includes("stakeholder"));
  await expectNoAxeViolations(page, "suggest a rule");
  await closePage(page);
});

test("display modes are remembered, large text grows the page and easy read gives short explanations", async () => {
  const page = await openPage();
  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const normal = await fontSize();
  await page.click("#toggle-large");
  await page.click("#toggle-easy");
  assert.ok((await fontSize()) > normal * 1.2, "large text makes the text larger");
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll("#profile option").length > 1);
  assert.equal(await page.getAttribute("#toggle-large", "aria-pressed"), "true", "large text is remembered");
  assert.ok(await page.evaluate(() => document.body.classList.contains("easy-read")), "easy read is remembered");
  await typeSummary(page);
  await page.click(".finding-button:has-text('“utilise”')");
  assert.equal(await page.locator("#detail-why .easy-only").isVisible(), true);
  assert.equal(await page.locator("#detail-why .full-only").isVisible(), false);
  assert.match(await page.locator("#detail-why .easy-only").textContent(), /simpler word/);

  // Zoomed to 200%, nothing needs scrolling sideways.
  await page.setViewportSize({ width: 640, height: 900 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 200% zoom (overflow ${overflow}px)`);
  await screenshot(page, "zoom-200-percent");
  await closePage(page);
});

test("keyboard only: skip link, check, select a finding, fix it, switch mode and views (Tab, Enter, Space)", async () => {
  const page = await openPage();
  await page.keyboard.press("Tab");
  assert.equal(await focusedText(page), "Skip to main content");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");

  await tabUntil(page, () => document.activeElement.id === "text");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused control shows where focus is");
  await page.keyboard.type("We will utilise a cohort.");
  await page.waitForFunction(() => document.querySelectorAll(".finding-button").length > 0);

  await tabUntil(page, () => document.activeElement.classList.contains("finding-button") &&
    document.activeElement.textContent.includes("“utilise”"));
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "finding-detail");
  await tabUntil(page, () => document.activeElement.closest("#detail-fixes") !== null);
  await page.keyboard.press("Space");
  assert.equal(await page.inputValue("#text"), "We will use a cohort.");
  await page.waitForFunction(() => /finding/.test(document.querySelector("#check-status").textContent));

  await tabUntil(page, () => document.activeElement.id === "toggle-contrast");
  await page.keyboard.press("Space");
  assert.equal(await page.getAttribute("#toggle-contrast", "aria-pressed"), "true");
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute("#toggle-contrast", "aria-pressed"), "false");

  await tabUntil(page, () => document.activeElement.dataset.view === "rules");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement.id === "rules-heading");
  await tabUntil(page, () => document.activeElement.id === "rule-search");
  await page.keyboard.type("acronym");
  await page.waitForFunction(() => /match/.test(document.querySelector("#rules-count").textContent));

  await tabUntil(page, () => document.activeElement.dataset.view === "suggest");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement.id === "suggest-heading");
  await tabUntil(page, () => document.activeElement.id === "rule-look-for");
  await page.keyboard.type("cohort");
  await page.keyboard.press("Tab");
  await page.keyboard.type("group");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Not everyone knows this word.");
  await tabUntil(page, () => document.activeElement.id === "rule-flag");
  await page.keyboard.type("A cohort of people.");
  await page.keyboard.press("Enter");
  await page.keyboard.type("The cohort met.");
  await page.keyboard.press("Tab");
  await page.keyboard.type("A group of people.");
  await page.keyboard.press("Enter");
  await page.keyboard.type("The group met.");
  await page.waitForFunction(() => document.querySelector("#trial-status").textContent.includes("ready to send"));
  await tabUntil(page, () => document.activeElement.id === "copy-yaml");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#yaml-status").textContent.includes("copied"));
  await screenshot(page, "keyboard-walk-through");
  await closePage(page);
});
