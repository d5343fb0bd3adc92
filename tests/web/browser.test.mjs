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
async function openPage(hash = "", contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
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

// The finding button whose marked words are exactly `words`.
const findingFor = (words) => `.finding-button:has(.finding-text:text-is("${words}"))`;

// Waits until the one live region says something matching `pattern`.
const waitForStatus = (page, pattern) => page.waitForFunction((source) =>
  new RegExp(source).test(document.querySelector("#check-status").textContent), pattern.source);

// Records every change of the live region's words in window.statusChanges, and when the
// last keystroke and the last change happened (page clock, so a slow test run cannot skew it).
const recordStatus = (page) => page.evaluate(() => {
  window.statusChanges = [];
  const status = document.querySelector("#check-status");
  new MutationObserver(() => {
    window.statusChanges.push(status.textContent);
    window.lastStatusAt = performance.now();
  }).observe(status, { childList: true, characterData: true, subtree: true });
  document.querySelector("#text").addEventListener("input", () => { window.lastInputAt = performance.now(); });
});

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
  await waitForStatus(page, /\d+ findings: .*hard words?/);

  await page.click(findingFor("utilise"));
  await page.waitForSelector("#finding-detail:not([hidden])");
  assert.match(await page.textContent("#detail-message"), /'use' instead of 'utilise'/);
  assert.ok((await page.textContent("#detail-why")).trim().length > 20, "why it matters is explained");
  assert.match(await page.textContent("#detail-category"), /Hard word/);
  assert.equal(await page.getAttribute(findingFor("utilise"), "aria-expanded"), "true");
  assert.equal(await page.evaluate(() => document.querySelector("#finding-detail").previousElementSibling.textContent.includes("utilise")),
    true, "the explanation opens just below its finding");
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
  await page.click(findingFor("utilise"));
  await page.click("#detail-fixes button:has-text('to “use”')");
  assert.match(await page.inputValue("#text"), /^We will use a cohort/);
  await page.waitForFunction(() => document.querySelectorAll(".finding-button").length > 0 &&
    ![...document.querySelectorAll(".finding-button .finding-text")].some((b) => b.textContent === "utilise"));
  assert.match(await page.textContent("#check-status"), /Changed “utilise” to “use”/);

  // The Undo button puts the word back; so does Control+Z in the text box.
  await page.click("#undo-fix");
  assert.match(await page.inputValue("#text"), /^We will utilise a cohort/);
  await page.waitForSelector(findingFor("utilise"));
  await page.click(findingFor("utilise"));
  await page.click("#detail-fixes button:has-text('to “use”')");
  assert.match(await page.inputValue("#text"), /^We will use a cohort/);
  await page.focus("#text");
  await page.keyboard.press("Control+z");
  assert.match(await page.inputValue("#text"), /^We will utilise a cohort/, "Control+Z undoes a fix");
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
  // Each checklist has its own heading, from its rule (finding 13: seven identical headings).
  const headings = await page.locator("#figures h3").allTextContents();
  const checklistHeadings = headings.filter((h) => /\(\d+ of \d+\)$/.test(h));
  assert.ok(checklistHeadings.length >= 2, `several checklists: ${headings}`);
  assert.equal(new Set(checklistHeadings).size, checklistHeadings.length, `headings differ: ${checklistHeadings}`);
  assert.ok(checklistHeadings.some((h) => /^UK Standard 1 \(inclusive opportunities\) \(\d+ of \d+\)$/.test(h)), `${checklistHeadings}`);
  assert.ok(!checklistHeadings.some((h) => /^Evidence of involvement/.test(h)), `${checklistHeadings}`);
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
  await page.click(findingFor("utilise"));
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
  await page.click(findingFor("utilise"));
  assert.equal(await page.locator("#detail-why .easy-only").isVisible(), true);
  assert.equal(await page.locator("#detail-why .full-only").isVisible(), false);
  assert.match(await page.locator("#detail-why .easy-only").textContent(), /simpler word/);
  // The mode says what it does, and no more (finding 12): the note is shown and describes the button.
  assert.equal(await page.locator("#easy-read-note").isVisible(), true);
  const note = await page.textContent("#easy-read-note");
  assert.match(note, /Why it matters/);
  assert.match(note, /keep their full words/);
  // The button's description is true whether easy read is on or off (blind review A6): it is not
  // the note that says "Easy read is on".
  const describedBy = await page.getAttribute("#toggle-easy", "aria-describedby");
  assert.notEqual(describedBy, "easy-read-note");
  const description = await page.textContent(`#${describedBy}`);
  assert.doesNotMatch(description, /is on|is off/);
  assert.match(description, /more space between lines/);

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
    document.activeElement.querySelector(".finding-text")?.textContent === "utilise");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-expanded")), "true");
  // Escape closes the explanation and focus stays on the finding.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.querySelector(".finding-text")?.textContent), "utilise");
  assert.equal(await page.evaluate(() => document.querySelector("#finding-detail").hidden), true);
  await page.keyboard.press("Enter");
  await tabUntil(page, () => document.activeElement.closest("#detail-fixes") !== null);
  await page.keyboard.press("Space");
  assert.equal(await page.inputValue("#text"), "We will use a cohort.");
  await page.waitForFunction(() => /Changed/.test(document.querySelector("#check-status").textContent));

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

test("typing is quiet: the result is said once after a pause, the word being typed is not a spelling mistake", async () => {
  const page = await openPage();
  // A first check loads the spelling dictionary, so that the checks below are quick.
  await page.evaluate(() => fetch("/api/check", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: "A cohor.", kind: "plain-english-summary" }) }));
  await recordStatus(page);
  await page.focus("#text");
  await page.keyboard.type("We will utilise the cohor", { delay: 120 });
  const typed = Date.now();
  // A check has run (the marks are there), but nothing was said and "cohor" is still being typed.
  await page.waitForSelector(findingFor("utilise"));
  if (Date.now() - typed < 2000) {
    assert.deepEqual(await page.evaluate(() => window.statusChanges), [], "nothing is said while typing");
    assert.equal(await page.locator(findingFor("cohor")).count(), 0, "the unfinished word is not flagged");
  }
  // After the longer pause the summary is said once, and the typed word now counts.
  await waitForStatus(page, /findings?:/);
  const quiet = await page.evaluate(() => window.lastStatusAt - window.lastInputAt);
  assert.ok(quiet >= 2400, `the summary waits for the longer pause (said ${Math.round(quiet)} ms after the last key)`);
  await page.waitForSelector(findingFor("cohor"));
  await page.waitForTimeout(500);
  const said = await page.evaluate(() => window.statusChanges);
  assert.equal(said.length, 1, `one announcement after typing stops: ${JSON.stringify(said)}`);

  // "Check my text" (and Control+Enter) says the result again when asked, even if unchanged.
  await page.click("#check-now");
  await page.waitForFunction(() => window.statusChanges.filter((s) => /findings?:/.test(s)).length >= 2);
  await page.focus("#text");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(() => window.statusChanges.filter((s) => /findings?:/.test(s)).length >= 3);
  await closePage(page);
});

test("each finding says where it is, shows it in the text, and Escape comes back to it", async () => {
  const page = await openPage();
  await page.locator("#text").fill("We will utilise a cohort.\nThen we will utilise a cohort again.\n");
  await page.waitForSelector(findingFor("utilise"));
  const names = await page.$$eval(".finding-button", (buttons) => buttons.map((b) => b.textContent));
  assert.equal(new Set(names).size, names.length, `no two findings read alike: ${JSON.stringify(names)}`);
  const utilise = names.filter((n) => n.includes("utilise") && n.includes("instead"));
  assert.equal(utilise.length, 2);
  assert.match(utilise[0], /Line 1: “We will utilise a cohort/);
  assert.match(utilise[1], /Line 2: “Then we will utilise a cohort/);

  const second = page.locator(findingFor("utilise")).nth(1);
  await second.click();
  await page.click("#detail-show");
  const where = await page.evaluate(() => {
    const area = document.querySelector("#text");
    return { focused: document.activeElement === area, selected: area.value.slice(area.selectionStart, area.selectionEnd), start: area.selectionStart };
  });
  assert.deepEqual(where, { focused: true, selected: "utilise", start: 39 });
  await waitForStatus(page, /Line 2: “utilise” is selected in your text\. Press Escape/);
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.index),
    await second.getAttribute("data-index"), "Escape goes back to the same finding");
  await closePage(page);
});

test("findings inside a long sentence are each marked, nested in the sentence's mark", async () => {
  const page = await openPage();
  const sentence = "We will utilise a cohort of participants in order to assess the efficacy of the new " +
    "intervention in a multicentre randomised study across many different hospitals and community " +
    "clinics in the north of England over three years.";
  await typeSummary(page, sentence);
  const result = await page.evaluate(() => {
    const buttons = [...document.querySelectorAll(".finding-button")];
    const marked = new Set([...document.querySelectorAll("#highlights mark")].map((m) => m.dataset.index));
    const located = buttons.filter((b) => !b.querySelector(".finding-place").textContent.startsWith("About"));
    return {
      unmarked: located.filter((b) => !marked.has(b.dataset.index)).map((b) => b.textContent),
      located: located.length,
      wide: document.querySelectorAll("#highlights mark.wide").length,
      nested: document.querySelectorAll("#highlights mark.wide mark").length,
    };
  });
  assert.ok(result.located >= 4, `several findings: ${JSON.stringify(result)}`);
  assert.deepEqual(result.unmarked, [], "every finding with a place is marked");
  assert.ok(result.wide > 0 && result.nested > 0, `the long sentence holds the word marks: ${JSON.stringify(result)}`);
  // Clicking a word inside the sentence selects the word's finding, not the sentence's.
  await page.evaluate(() => {
    const area = document.querySelector("#text");
    area.focus();
    area.setSelectionRange(10, 10);
    area.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  });
  assert.equal(await page.textContent("#detail-text"), "utilise");
  await closePage(page);
});

test("nothing scrolls sideways at 320 CSS pixels, even with a long web address", async () => {
  const page = await openPage();
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok((await overflow()) <= 0, `the empty page fits (overflow ${await overflow()}px)`);
  await typeSummary(page, "We will utilise https://example.org/a/very/long/address/that/does/not/break/anywhere/at/all " +
    "and " + "x".repeat(120) + " in our work with the cohort, which we will describe in a long sentence here.");
  await page.click(".finding-button >> nth=1");
  assert.ok((await overflow()) <= 0, `the findings fit (overflow ${await overflow()}px)`);
  await page.click("#toggle-large");
  assert.ok((await overflow()) <= 0, `large text fits (overflow ${await overflow()}px)`);
  await screenshot(page, "reflow-320px");
  await closePage(page);
});

test("with WCAG text spacing the category letters stay clear of the line above", async () => {
  // The spacing style sheet stands for a user's bookmarklet or extension, which the CSP allows.
  const page = await openPage("", { bypassCSP: true });
  await typeSummary(page);
  await page.addStyleTag({ content: "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; " +
    "word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }" });
  await page.evaluate(() => window.dispatchEvent(new Event("resize")));
  const fit = await page.evaluate(() => {
    const area = document.querySelector("#text"), layer = document.querySelector("#highlights");
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight);
    const ratio = lineHeight / parseFloat(getComputedStyle(area).fontSize);
    const mark = layer.querySelector("mark[data-label]");
    const label = getComputedStyle(mark, "::before");
    const labelHeight = parseFloat(label.fontSize) + parseFloat(label.paddingTop) + parseFloat(label.paddingBottom);
    const gap = lineHeight - mark.getClientRects()[0].height;
    return { ratio, layerSame: getComputedStyle(layer).lineHeight === getComputedStyle(area).lineHeight, labelHeight, gap,
      wordSpacingSame: getComputedStyle(layer).wordSpacing === getComputedStyle(area).wordSpacing };
  });
  assert.ok(fit.ratio >= 1.5, `the user's spacing is at least honoured: ${JSON.stringify(fit)}`);
  assert.ok(fit.layerSame && fit.wordSpacingSame, `the marks stay under their words: ${JSON.stringify(fit)}`);
  assert.ok(fit.labelHeight <= fit.gap + 1, `the letters fit between the lines: ${JSON.stringify(fit)}`);
  await screenshot(page, "text-spacing");
  await closePage(page);
});

test("in forced colours the text box stays see-through, so the marks show", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, forcedColors: "active" });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await typeSummary(page);
  const look = await page.evaluate(() => ({
    background: getComputedStyle(document.querySelector("#text")).backgroundColor,
    outline: getComputedStyle(document.querySelector("#highlights mark:not(.wide)")).outlineStyle,
  }));
  assert.equal(look.background, "rgba(0, 0, 0, 0)");
  assert.equal(look.outline, "solid");
  await screenshot(page, "forced-colours");
  await context.close();
});

test("Markdown headings in pasted text are read as headings", async () => {
  const page = await openPage();
  await page.selectOption("#text-kind", "application");
  await typeSummary(page, "# Plain English summary\n\nWe will ask people with diabetes about their feet.\n\n" +
    "# Patient and public involvement\n\nPPI will be sought where possible.\n\n# Methods\n\nWe will do a survey.\n\n" +
    "# Dissemination\n\nWe will share what we find.\n");
  await page.waitForFunction(() => document.querySelector("#figures").textContent.includes("Plain English summary"));
  const messages = await page.$$eval(".finding-message", (nodes) => nodes.map((n) => n.textContent));
  assert.ok(!messages.some((m) => /no 'Plain English summary' section/i.test(m)), `headings found: ${messages}`);
  assert.ok(messages.some((m) => /where possible/i.test(m)), `the involvement rules ran: ${messages}`);
  await closePage(page);
});

test("plain error messages, a shared page says where the text goes, Back returns to the check view", async () => {
  const page = await openPage();
  await page.route("**/api/check", (route) => route.abort("connectionrefused"));
  await page.locator("#text").fill("We will utilise a cohort.");
  await page.click("#check-now");
  await waitForStatus(page, /sayso is not running any more\. Ask the person who started it to start it again/);
  assert.doesNotMatch(await page.textContent("#check-status"), /fetch/i);

  await page.click("a[data-view='rules']");
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector("#view-check").hidden);
  await page.context().close();

  const shared = await browser.newPage();
  await shared.route("**/api/about", (route) => route.fulfill({ contentType: "application/json",
    body: JSON.stringify({ local: false, host: "0.0.0.0", max_request_bytes: 5242880 }) }));
  await shared.goto(baseUrl);
  await shared.waitForFunction(() => /another computer/.test(document.querySelector("#privacy-note").textContent));
  assert.doesNotMatch(await shared.textContent("body"), /Nothing leaves this computer|stays on this computer/);
  await shared.close();
});

test("the page's figures use the rules' own targets", async () => {
  const page = await openPage();
  await typeSummary(page);
  const targets = await page.evaluate(async () => {
    const response = await fetch("/api/check", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "We will go.", kind: "plain-english-summary", profile: "nihr" }) });
    const body = await response.json();
    return Object.fromEntries(body.targets.map((t) => [t.metric, t.max]));
  });
  const figures = await page.textContent("#figures");
  assert.match(figures, new RegExp(`(Aim for a reading age of|The aim is) ${targets["reading-age"]} or under`));
  assert.match(figures, new RegExp(`aim for ${targets["average-sentence-words"]} or fewer`));
  assert.match(figures, new RegExp(`more than ${targets["sentence-words"]} words`));
  await closePage(page);
});

test("without JavaScript the page says it needs it and hides controls that would do nothing", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(baseUrl);
  assert.match(await page.textContent("main"), /This page needs JavaScript/);
  assert.equal(await page.locator("#text").isVisible(), false);
  assert.equal(await page.locator("#toggle-contrast").isVisible(), false);
  await context.close();
});

test("another website cannot use the server, the page's own requests work", async () => {
  const page = await openPage();
  // The page itself: a same-origin fetch is answered.
  const own = await page.evaluate(async () => (await fetch("/api/check", { method: "POST",
    headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "We will utilise it." }) })).status);
  assert.equal(own, 200);
  // Another origin: the same server under the name localhost is a different website from
  // 127.0.0.1. Its page works there, but a simple text/plain POST to 127.0.0.1 (which a website
  // can send with no CORS preflight) is refused before any work.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(baseUrl.replace("127.0.0.1", "localhost"));
  await other.waitForFunction(() => document.querySelectorAll("#profile option").length > 1);
  // What that page's browser sends with a cross-site POST (the request itself cannot be observed
  // from a no-cors fetch, so the same headers are sent through Playwright's request API).
  const otherOrigin = new URL(other.url()).origin;
  const refused = await context.request.post(baseUrl + "api/check", {
    headers: { "Content-Type": "text/plain", Origin: otherOrigin, "Sec-Fetch-Site": "same-site" },
    data: JSON.stringify({ text: "We will utilise it." }) });
  assert.equal(refused.status(), 403, "a cross-site POST is refused");
  assert.match(await refused.text(), /another website/);
  // The page at localhost checks its own text.
  await typeSummary(other);
  await other.waitForSelector(".finding-button");
  await context.close();
  await closePage(page);
});

test("arrow keys into a marked word open that finding and say so politely", async () => {
  const page = await openPage();
  await typeSummary(page);
  await page.waitForSelector(findingFor("utilise"));
  const start = JARGON_SUMMARY.indexOf("utilise");
  await page.focus("#text");
  await page.evaluate((at) => document.getElementById("text").setSelectionRange(at, at), start - 2);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => /utilise/.test(document.getElementById("caret-finding").textContent));
  assert.equal(await page.getAttribute("#caret-finding", "aria-live"), "polite");
  assert.equal(await page.locator("#finding-detail").isVisible(), true);
  assert.match(await page.textContent("#detail-message"), /utilise/i);
  assert.equal(await page.evaluate(() => document.activeElement.id), "text", "the caret stays in the box");
  await closePage(page);
});

test("a pasted text that starts with U+FEFF: marks sit on their words and Change works", async () => {
  const page = await openPage();
  await typeSummary(page, "\uFEFFWe will utilise the data.\r\nThe RCT team will meet.");
  const marked = await page.$$eval("#highlights mark", (marks) => marks.map((m) => m.textContent));
  assert.ok(marked.includes("utilise"), `"utilise" is marked exactly (marks: ${JSON.stringify(marked)})`);
  assert.ok(marked.includes("RCT"), "the short form is marked exactly");
  await page.click(findingFor("utilise"));
  await page.click("#detail-fixes button");
  assert.equal(await page.inputValue("#text"), "\uFEFFWe will use the data.\r\nThe RCT team will meet.".replace(/\r\n/g, "\n"));
  await waitForStatus(page, /Changed/);
  await closePage(page);
});

test("findings speak of the page, not of word lists or settings; a capitalised word gets no Change", async () => {
  const page = await openPage();
  await typeSummary(page, "Our group meets with Llinos every week. We will utilise the findngs.");
  const messages = await page.$$eval(".finding-message", (nodes) => nodes.map((n) => n.textContent));
  for (const message of messages) {
    assert.doesNotMatch(message, /word list|\.sayso\.yml|UTF-8/, message);
  }
  const name = findingFor("Llinos");
  if (await page.locator(name).count()) {
    await page.click(name);
    assert.equal(await page.locator("#detail-fixes button").count(), 0, "no Change button for a name");
    assert.match(await page.textContent("#detail-fixes"), /capital letter/);
    assert.match(await page.textContent("#detail-message"), /name or a word in another language/);
  }
  await page.click(findingFor("findngs"));
  assert.ok((await page.locator("#detail-fixes button").count()) > 0, "a lower-case misspelling keeps its Change button");
  // The detail names the rule by its heading, with its id in small print.
  assert.doesNotMatch(await page.textContent("#detail-rule"), /^spelling\./);
  await closePage(page);
});

test("the side panel draws one bar for each sentence it counts", async () => {
  const page = await openPage();
  await typeSummary(page, "Why we are doing this:\n- We want to help carers.\n- We will utilise phones.\n" +
    "What we will do:\n1. We will talk to forty carers.\n2. We will share what we learn.\nWe will meet each month.");
  await page.waitForSelector(".sentence-bars li");
  const { bars, said } = await page.evaluate(() => ({
    bars: document.querySelectorAll(".sentence-bars li").length,
    said: document.querySelector("#figures-body").textContent,
  }));
  assert.match(said, new RegExp(`(^|\\D)${bars} sentences?\\b`), `the panel says ${bars} sentences: ${said}`);
  await closePage(page);
});

test("the rule browser heads each rule in words and fills its blanks in words", async () => {
  const page = await openPage("#rules");
  await page.waitForFunction(() => document.querySelectorAll("#rules-list .rule-card").length > 5);
  const cards = await page.$$eval("#rules-list .rule-card", (nodes) => nodes.map((card) => ({
    id: card.dataset.rule, heading: card.querySelector("h2").textContent, text: card.querySelector("dl").textContent,
  })));
  for (const card of cards) {
    assert.notEqual(card.heading, card.id, `${card.id} is headed in words`);
    assert.doesNotMatch(card.text, /\{[a-z]+\}/, `${card.id} shows no blanks like {match}`);
  }
  await closePage(page);
});

test("suggest a rule: the form says how its lines pair up, and the funder menu says what it does", async () => {
  const page = await openPage("#suggest");
  assert.match(await page.textContent("#say-instead-help"), /line 1 above/);
  assert.match(await page.textContent("#view-suggest .intro"), /person who\s+runs sayso/);
  await page.goto(baseUrl + "#check");
  await page.waitForFunction(() => document.querySelector("#profile-help").textContent.length > 0);
  assert.match(await page.textContent("#profile-help"), /300 words/);
  assert.doesNotMatch(await page.textContent("#profile-help"), /\.sayso\.yml/);
  await closePage(page);
});
