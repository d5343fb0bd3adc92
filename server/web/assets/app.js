// sayso web page: check a text, browse the rules, suggest a rule. Plain JavaScript; it talks only
// to the sayso program that served it (/api/...).
"use strict";

(() => {
  const CATEGORIES = {
    jargon: { label: "Hard word", icon: "J", easy: "This word may be hard to understand. Use a simpler word." },
    readability: { label: "Hard to read", icon: "R", easy: "This is hard to read. Use shorter sentences. Say who does what." },
    acronym: { label: "Short form", icon: "A", easy: "Short forms like this are hard. Write the words in full." },
    spelling: { label: "Spelling", icon: "Sp", easy: "This word may be spelt wrongly." },
    tokenism: { label: "Token involvement", icon: "T", easy: "This makes involvement sound small or optional. Say what people will really do." },
    evidence: { label: "Missing evidence", icon: "E", easy: "Say more about how people are involved." },
    structure: { label: "Layout and length", icon: "L", easy: "Something is missing, or the text is too long." },
    style: { label: "Style", icon: "S", easy: "This could be said more simply." },
  };
  const SEVERITIES = { error: "Must fix", warning: "Should fix", info: "Worth a look", hint: "Small hint" };
  const LONG_SENTENCE_WORDS = 25;
  const CHECK_DELAY_MS = 400;
  const TRIAL_DELAY_MS = 450;
  const SETTINGS_KEY = "sayso.display";

  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("data-") || key.startsWith("aria-") || key === "role") node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  };
  const category = (name) => CATEGORIES[name] || { label: name, icon: "?", easy: "" };
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  const state = {
    diagnostics: [],
    checkedText: null,
    selected: -1,
    format: "text",
    rules: [],
    rulesById: new Map(),
    checkTimer: 0,
    checkSequence: 0,
    checkAbort: null,
    lastAnnouncement: "",
    trialTimer: 0,
    trialSequence: 0,
    lastYamlId: "suggested.new-rule",
  };

  // ---------------------------------------------------------------------------------------------
  // Talking to sayso

  async function api(path, options = {}) {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(path, options);
      if (response.status === 503 && attempt < 2) {
        await new Promise((resolve) => setTimeout(resolve, 700));
        continue;
      }
      let body = null;
      try {
        body = await response.json();
      } catch (error) {
        throw new Error(`sayso sent an answer this page cannot read (HTTP ${response.status}).`);
      }
      if (!response.ok) throw new Error(body && body.error ? body.error : `HTTP ${response.status}`);
      return body;
    }
  }

  const postJson = (path, body, signal) =>
    api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal });

  // ---------------------------------------------------------------------------------------------
  // Display settings: high contrast, large text, easy read (remembered in localStorage)

  function loadSettings() {
    try {
      return JSON.parse(localStorage.getItem(SETTINGS_KEY) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function applySettings(settings) {
    document.body.classList.toggle("high-contrast", !!settings["high-contrast"]);
    document.body.classList.toggle("easy-read", !!settings["easy-read"]);
    document.documentElement.classList.toggle("large-text", !!settings["large-text"]);
    for (const button of document.querySelectorAll(".toggle"))
      button.setAttribute("aria-pressed", settings[button.dataset.setting] ? "true" : "false");
    resizeEditor();
  }

  function setUpSettings() {
    const settings = loadSettings();
    applySettings(settings);
    for (const button of document.querySelectorAll(".toggle")) {
      button.addEventListener("click", () => {
        settings[button.dataset.setting] = !settings[button.dataset.setting];
        try {
          localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
        } catch (error) {
          // Private browsing may refuse storage: the setting still applies to this visit.
        }
        applySettings(settings);
      });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  const VIEWS = {
    check: { section: "view-check", heading: "check-heading", title: "Check your text" },
    rules: { section: "view-rules", heading: "rules-heading", title: "Browse the rules" },
    suggest: { section: "view-suggest", heading: "suggest-heading", title: "Suggest a rule" },
  };

  function showView(name, moveFocus) {
    const view = VIEWS[name] ? name : "check";
    for (const [key, info] of Object.entries(VIEWS)) $(info.section).hidden = key !== view;
    for (const link of document.querySelectorAll("[data-view]")) {
      if (link.dataset.view === view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    document.title = `${VIEWS[view].title} – sayso`;
    if (view === "check") resizeEditor();
    if (view === "suggest") scheduleTrial();
    if (moveFocus) $(VIEWS[view].heading).focus();
  }

  function setUpViews() {
    // Only view names switch views: other fragments (the skip link's #main) are ordinary links.
    window.addEventListener("hashchange", () => {
      const name = location.hash.slice(1);
      if (VIEWS[name]) showView(name, true);
    });
    showView(location.hash.slice(1), false);
  }

  // ---------------------------------------------------------------------------------------------
  // Check view: the editor and its mirrored highlight layer

  const textArea = () => $("text");

  function resizeEditor() {
    const area = textArea();
    if (!area || area.offsetParent === null) return;
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 4}px`;
  }

  // Findings that mark a stretch of text, without overlaps (the first one wins a contested stretch).
  function markableFindings() {
    const marks = [];
    let end = -1;
    state.diagnostics
      .map((d, index) => ({ d, index }))
      .filter(({ d }) => d.utf16_end > d.utf16_start)
      .sort((a, b) => a.d.utf16_start - b.d.utf16_start || b.d.utf16_end - a.d.utf16_end)
      .forEach((item) => {
        if (item.d.utf16_start >= end) {
          marks.push(item);
          end = item.d.utf16_end;
        }
      });
    return marks;
  }

  function renderHighlights() {
    const layer = $("highlights");
    const text = textArea().value;
    layer.replaceChildren();
    if (state.checkedText !== text) {
      layer.append(text + "\u200b");
      return;
    }
    let position = 0;
    for (const { d, index } of markableFindings()) {
      layer.append(text.slice(position, d.utf16_start));
      const info = category(d.category);
      const mark = el("mark", { class: `cat-${d.category}`, "data-label": info.icon, "data-index": String(index) });
      mark.textContent = text.slice(d.utf16_start, d.utf16_end);
      if (index === state.selected) mark.classList.add("selected");
      layer.append(mark);
      position = d.utf16_end;
    }
    layer.append(text.slice(position) + "\u200b");
  }

  function badge(categoryName) {
    const info = category(categoryName);
    return el("span", { class: `badge cat-${categoryName}` },
      el("span", { class: "badge-icon", "aria-hidden": "true", text: info.icon }),
      el("span", { text: info.label }));
  }

  function renderLegend() {
    const legend = $("legend");
    for (const name of Object.keys(CATEGORIES)) legend.append(el("li", {}, badge(name)));
  }

  function findingSummary() {
    const counts = new Map();
    for (const d of state.diagnostics) counts.set(d.category, (counts.get(d.category) || 0) + 1);
    if (!state.diagnostics.length) return "No findings. Well done!";
    const parts = [...counts].map(([name, n]) => `${n} ${category(name).label.toLowerCase()}`);
    return `${plural(state.diagnostics.length, "finding", "findings")}: ${parts.join(", ")}.`;
  }

  function announce(message) {
    if (message === state.lastAnnouncement) return;
    state.lastAnnouncement = message;
    $("check-status").textContent = message;
  }

  function renderFindings() {
    const list = $("findings-list");
    list.replaceChildren();
    $("findings-empty").hidden = state.diagnostics.length > 0;
    state.diagnostics.forEach((d, index) => {
      const where = d.text ? el("span", { class: "finding-text", text: `“${d.text}” ` }) : null;
      const button = el("button", { type: "button", class: "finding-button", "aria-pressed": "false", "data-index": String(index) },
        badge(d.category), ` ${SEVERITIES[d.severity] || d.severity}: `, where,
        el("span", { class: "finding-message", text: d.message }));
      button.addEventListener("click", () => selectFinding(index, true));
      list.append(el("li", {}, button));
    });
  }

  function explanationFor(d) {
    const rule = state.rulesById.get(d.rule);
    if (rule) return rule.explanation;
    return "sayso found something in the text itself, such as characters it could not read.";
  }

  function fixButton(d, suggestion) {
    const label = d.text ? `Change “${d.text}” to “${suggestion}”` : `Use “${suggestion}”`;
    const button = el("button", { type: "button", text: label });
    button.addEventListener("click", () => applyFix(d, suggestion));
    return button;
  }

  function selectFinding(index, moveFocus) {
    const d = state.diagnostics[index];
    if (!d) return;
    state.selected = index;
    for (const button of document.querySelectorAll(".finding-button"))
      button.setAttribute("aria-pressed", button.dataset.index === String(index) ? "true" : "false");
    renderHighlights();
    const info = category(d.category);
    $("detail-category").replaceChildren(badge(d.category), ` ${SEVERITIES[d.severity] || d.severity}`);
    $("detail-text").textContent = d.text || "(the whole section)";
    $("detail-message").textContent = d.message;
    $("detail-why").replaceChildren(
      el("span", { class: "easy-only easy-explanation", text: info.easy }),
      el("span", { class: "full-only", text: explanationFor(d) }));
    const fixes = $("detail-fixes");
    fixes.replaceChildren(...d.suggestions.filter((s) => d.text).map((s) => fixButton(d, s)));
    $("detail-rule").textContent = d.rule;
    const detail = $("finding-detail");
    detail.hidden = false;
    if (moveFocus) detail.focus();
  }

  function selectFindingAtCaret() {
    const caret = textArea().selectionStart;
    const found = markableFindings().find(({ d }) => caret >= d.utf16_start && caret <= d.utf16_end);
    if (found) selectFinding(found.index, false);
  }

  function applyFix(d, suggestion) {
    const area = textArea();
    if (state.checkedText !== area.value || area.value.slice(d.utf16_start, d.utf16_end) !== d.text) {
      announce("The text changed since the last check. Checking again: please try the fix after that.");
      runCheck();
      return;
    }
    area.setRangeText(suggestion, d.utf16_start, d.utf16_end, "end");
    $("finding-detail").hidden = true;
    state.selected = -1;
    state.lastAnnouncement = `Changed “${d.text}” to “${suggestion}”.`;
    $("check-status").textContent = state.lastAnnouncement;
    resizeEditor();
    renderHighlights();
    $("findings-heading").setAttribute("tabindex", "-1");
    $("findings-heading").focus();
    runCheck();
  }

  // ---------------------------------------------------------------------------------------------
  // Check view: side panel figures

  function figureBlock(title, ...content) {
    return el("div", { class: "figure" }, el("h3", { text: title }), ...content);
  }

  function wordsFigure(f) {
    if (f.word_limit === null) return figureBlock("Words", el("p", { class: "figure-value", text: plural(f.words, "word", "words") }));
    const over = f.words > f.word_limit;
    const fill = el("div", { class: over ? "meter-fill over" : "meter-fill" });
    fill.style.width = `${Math.min(100, (100 * f.words) / Math.max(1, f.word_limit))}%`;
    return figureBlock("Words",
      el("p", { class: "figure-value", text: `${f.words} of ${f.word_limit} words` }),
      el("div", { class: "meter", "aria-hidden": "true" }, fill),
      el("p", { class: over ? "problem" : "ok", text: over ? `${f.words - f.word_limit} words over the limit.` : `${f.word_limit - f.words} words left.` }));
  }

  function readingFigure(f) {
    const age = Math.max(5, Math.round(f.reading_age));
    return figureBlock("Reading age",
      el("p", { class: "figure-value", text: `About ${age} years` }),
      el("p", { class: age > 12 ? "problem" : "ok",
        text: age > 12 ? "Aim for a reading age of 12 or under: shorter sentences and everyday words help." : "Most readers will manage this." }));
  }

  // Sentence counts for a section; with `sentenceWords` (every sentence's length) also bars.
  function sentencesFigure(f, sentenceWords) {
    const summary = el("p", { text: `${plural(f.sentences, "sentence", "sentences")}, ${Math.round(f.average_sentence_words)} words on average, the longest ${f.longest_sentence_words} words.` });
    if (!sentenceWords) return figureBlock("Sentence lengths", summary);
    const long = sentenceWords.filter((n) => n > LONG_SENTENCE_WORDS).length;
    const bars = el("ul", { class: "sentence-bars", "aria-hidden": "true" });
    const tallest = Math.max(LONG_SENTENCE_WORDS, ...sentenceWords);
    for (const words of sentenceWords.slice(0, 120)) {
      const bar = el("li", { class: words > LONG_SENTENCE_WORDS ? "long" : "" });
      bar.style.height = `${Math.max(4, (100 * words) / tallest)}%`;
      bars.append(bar);
    }
    return figureBlock("Sentence lengths", summary, bars,
      el("p", { class: long ? "problem" : "ok", text: long ? `${plural(long, "sentence has", "sentences have")} more than ${LONG_SENTENCE_WORDS} words.` : `No sentence has more than ${LONG_SENTENCE_WORDS} words.` }));
  }

  function checklistFigure(checklist) {
    const rule = state.rulesById.get(checklist.rule);
    const title = checklist.rule.startsWith("structure.") ? "What readers want to know" : "Evidence of involvement";
    const items = el("ul", { class: "checklist" });
    for (const item of checklist.items) {
      items.append(el("li", { class: item.present ? "present" : "missing" },
        el("span", { class: "visually-hidden", text: item.present ? "Shown: " : "Missing: " }), item.name));
    }
    return figureBlock(`${title} (${checklist.present} of ${checklist.items.length})`,
      rule ? el("p", { class: "help", text: rule.message.includes("{") ? "" : rule.message }) : null, items);
  }

  function involvementFigure(f) {
    const level = f.highest_involvement_level;
    const stages = el("ul", { class: "checklist" });
    for (const s of f.involvement)
      stages.append(el("li", { text: `${s.stage}: ${s.level && s.level !== "not described" ? s.level : "not described"}` }));
    return figureBlock("Involvement level",
      el("p", { class: "figure-value", text: level ? `Highest level: ${level}` : "No level of involvement described yet" }),
      el("p", { class: "help", text: "From lowest to highest: inform, consult, involve, collaborate, empower." }),
      f.involvement.length ? stages : null);
  }

  function sectionFigures(f, sentenceWords, withTitle) {
    const parts = [];
    if (withTitle) parts.push(el("h3", { text: f.title || "Text before the first heading" }));
    parts.push(wordsFigure(f), readingFigure(f), sentencesFigure(f, sentenceWords));
    for (const checklist of f.checklists) parts.push(checklistFigure(checklist));
    if (f.kind === "involvement" || f.involvement.length) parts.push(involvementFigure(f));
    return el("div", { class: "section-figures" }, ...parts);
  }

  function renderFigures(result) {
    const body = $("figures-body");
    const kind = $("text-kind").value;
    const figures = result.figures.filter((f) => f.words > 0);
    if (!figures.length) {
      body.replaceChildren(el("p", { class: "help", text: "Figures appear when you have written something." }));
      return;
    }
    if (kind === "application") {
      body.replaceChildren(...figures.map((f) => sectionFigures(f, null, true)));
      return;
    }
    const main = figures.find((f) => f.kind === kind) || figures[0];
    body.replaceChildren(sectionFigures(main, result.sentence_words, figures.length > 1));
  }

  // ---------------------------------------------------------------------------------------------
  // Check view: running checks

  function checkRequest(text) {
    return { text, kind: $("text-kind").value, profile: $("profile").value, format: state.format };
  }

  function showResult(result, text) {
    state.diagnostics = result.diagnostics;
    state.checkedText = text;
    state.selected = -1;
    $("finding-detail").hidden = true;
    renderHighlights();
    renderFindings();
    renderFigures(result);
    announce(findingSummary());
  }

  function clearResults() {
    state.diagnostics = [];
    state.checkedText = "";
    state.selected = -1;
    $("finding-detail").hidden = true;
    renderHighlights();
    renderFindings();
    $("figures-body").replaceChildren(el("p", { class: "help", text: "Figures appear when you have written something." }));
    announce("Type or paste your text to check it.");
  }

  async function runCheck() {
    clearTimeout(state.checkTimer);
    const text = textArea().value;
    if (!text.trim()) {
      clearResults();
      return;
    }
    if (state.checkAbort) state.checkAbort.abort();
    const abort = new AbortController();
    state.checkAbort = abort;
    const sequence = ++state.checkSequence;
    try {
      const result = await postJson("/api/check", checkRequest(text), abort.signal);
      if (sequence !== state.checkSequence || textArea().value !== text) return;
      showResult(result, text);
    } catch (error) {
      if (error.name === "AbortError") return;
      announce(`sayso could not check the text: ${error.message}`);
    }
  }

  function scheduleCheck() {
    clearTimeout(state.checkTimer);
    state.checkTimer = setTimeout(runCheck, CHECK_DELAY_MS);
  }

  async function openFile(file) {
    const name = file.name;
    const lower = name.toLowerCase();
    if (!/\.(md|markdown|txt|docx)$/.test(lower)) {
      announce(`“${name}” is not a .md, .txt or .docx file.`);
      return;
    }
    announce(`Opening “${name}”…`);
    const params = new URLSearchParams({ filename: name, kind: $("text-kind").value, profile: $("profile").value });
    try {
      const bytes = await file.arrayBuffer();
      const result = await api(`/api/check-file?${params}`, {
        method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: bytes });
      state.format = /\.(md|markdown)$/.test(lower) ? "markdown" : "text";
      const area = textArea();
      area.value = result.text || "";
      resizeEditor();
      state.lastAnnouncement = "";
      if (area.value === result.text && !lower.endsWith(".docx")) showResult(result, area.value);
      else await runCheck();
    } catch (error) {
      announce(`sayso could not open “${name}”: ${error.message}`);
    }
  }

  function setUpCheckView() {
    renderLegend();
    const area = textArea();
    area.addEventListener("input", () => {
      resizeEditor();
      renderHighlights();
      scheduleCheck();
      if (!$("view-suggest").hidden) scheduleTrial();
    });
    area.addEventListener("click", selectFindingAtCaret);
    $("text-kind").addEventListener("change", runCheck);
    $("profile").addEventListener("change", runCheck);
    $("file-input").addEventListener("change", (event) => {
      const file = event.target.files && event.target.files[0];
      if (file) openFile(file);
    });
    window.addEventListener("resize", resizeEditor);
    renderHighlights();
  }

  async function loadProfiles() {
    try {
      const { profiles } = await api("/api/profiles");
      const select = $("profile");
      for (const p of profiles) select.append(el("option", { value: p.name, text: p.name.toUpperCase() === "NIHR" ? "NIHR" : p.name.charAt(0).toUpperCase() + p.name.slice(1) }));
      if (profiles.some((p) => p.name === "nihr")) select.value = "nihr";
    } catch (error) {
      announce(`sayso could not list the funders: ${error.message}`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rule browser

  function listOf(items, limit = 12) {
    const list = el("ul");
    for (const item of items.slice(0, limit)) list.append(el("li", { text: item }));
    if (items.length > limit) list.append(el("li", { text: `and ${items.length - limit} more` }));
    return list;
  }

  function scopeText(scope) {
    const names = { "plain-english-summary": "plain-English summaries", involvement: "involvement sections" };
    const kinds = scope.kinds.map((k) => names[k] || k);
    if (scope.all) return "Everywhere";
    return scope.not ? `Everywhere except ${kinds.join(", ")}` : kinds.join(", ");
  }

  function looksFor(rule) {
    if (rule.swaps) return rule.swaps.map((s) => `${s.instead_of.join(", ")} → ${s.use.join(" or ")}`);
    if (rule.phrases) return rule.phrases;
    return [];
  }

  function ruleCard(rule) {
    const details = el("dl");
    const add = (term, value) => {
      if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return;
      details.append(el("dt", { text: term }), el("dd", {}, Array.isArray(value) ? listOf(value) : value));
    };
    add("What it says", rule.message);
    add("Why it matters", rule.explanation);
    add("Where it applies", scopeText(rule.scope));
    add("What it looks for", looksFor(rule));
    add("Flagged, for example", rule.examples.flag);
    add("Not flagged, for example", rule.examples.pass);
    add("Written with", rule.written_with);
    add("Reviewed by", rule.reviewed_by);
    add("Status", rule.status === "reviewed" ? "Reviewed" : "Draft");
    add("Decisions", rule.decisions);
    add("Sources", rule.sources);
    return el("li", { class: "rule-card", "data-rule": rule.id },
      el("h2", { text: rule.id }),
      el("p", {}, badge(rule.category), ` ${SEVERITIES[rule.severity] || rule.severity}`),
      details);
  }

  function ruleHaystack(rule) {
    return [rule.id, rule.category, category(rule.category).label, rule.message, rule.explanation,
      ...rule.examples.flag, ...rule.examples.pass, ...looksFor(rule), ...rule.written_with, ...rule.reviewed_by]
      .join("\n").toLowerCase();
  }

  function filterRules() {
    const query = $("rule-search").value.trim().toLowerCase();
    let shown = 0;
    for (const item of $("rules-list").children) {
      const match = !query || item.haystack.includes(query);
      item.hidden = !match;
      shown += match ? 1 : 0;
    }
    $("rules-count").textContent = query
      ? `${plural(shown, "rule matches", "rules match")} “${$("rule-search").value.trim()}”.`
      : `${plural(state.rules.length, "rule", "rules")}.`;
  }

  async function loadRules() {
    try {
      const { rules } = await api("/api/rules");
      state.rules = rules;
      state.rulesById = new Map(rules.map((r) => [r.id, r]));
      const list = $("rules-list");
      for (const rule of rules) {
        const card = ruleCard(rule);
        card.haystack = ruleHaystack(rule);
        list.append(card);
      }
      filterRules();
    } catch (error) {
      $("rules-count").textContent = `sayso could not list the rules: ${error.message}`;
    }
  }

  function setUpRuleBrowser() {
    let timer = 0;
    $("rule-search").addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(filterRules, 200);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Suggest a rule

  function draftFromForm() {
    const form = $("suggest-form");
    const value = (name) => form.elements[name].value;
    return {
      rule: {
        look_for: value("look_for"), say_instead: value("say_instead"), why: value("why"),
        where: value("where"), category: value("category"), flag_examples: value("flag_examples"),
        pass_examples: value("pass_examples"), name: value("name"), written_with: value("written_with"),
      },
      text: textArea().value,
      kind: $("text-kind").value,
    };
  }

  function exampleLine(example) {
    const verdict = example.should_flag
      ? (example.flagged ? "flagged, as it should be" : "not flagged, but it should be")
      : (example.flagged ? "flagged, but it should not be" : "not flagged, as it should be");
    return el("li", { class: example.as_expected ? "ok" : "problem" },
      el("span", { "aria-hidden": "true", text: example.as_expected ? "✓ " : "✗ " }),
      `“${example.text}”: ${verdict}.`);
  }

  function renderTrial(result, draft) {
    $("trial-problems").replaceChildren(...result.problems.map((p) => el("li", { text: p })));
    $("trial-examples").replaceChildren(...result.examples.map(exampleLine));
    if (!result.examples.length) $("trial-examples").append(el("li", { text: "Add examples to see how the rule does." }));
    const found = result.text_findings.map((d) => `“${d.text}”`);
    $("trial-text").textContent = !draft.text.trim()
      ? "There is no text in “Check your text” yet."
      : found.length ? `Your rule finds ${plural(found.length, "place", "places")} in your text: ${found.join(", ")}.`
        : "Your rule finds nothing in your text.";
    $("rule-yaml").value = result.yaml;
    state.lastYamlId = result.id;
    const status = result.ready ? "Your rule works on all its examples and is ready to send."
      : `Your rule needs ${plural(result.problems.length, "more thing", "more things")} before it is ready.`;
    if ($("trial-status").textContent !== status) $("trial-status").textContent = status;
  }

  async function runTrial() {
    const draft = draftFromForm();
    if (!draft.rule.look_for.trim()) {
      $("trial-status").textContent = "Fill in the words to look for to try your rule.";
      return;
    }
    const sequence = ++state.trialSequence;
    try {
      const result = await postJson("/api/try-rule", draft);
      if (sequence === state.trialSequence) renderTrial(result, draft);
    } catch (error) {
      $("trial-status").textContent = `sayso could not try the rule: ${error.message}`;
    }
  }

  function scheduleTrial() {
    clearTimeout(state.trialTimer);
    state.trialTimer = setTimeout(runTrial, TRIAL_DELAY_MS);
  }

  async function copyYaml() {
    const yaml = $("rule-yaml").value;
    if (!yaml) {
      $("yaml-status").textContent = "There is no rule to copy yet.";
      return;
    }
    try {
      await navigator.clipboard.writeText(yaml);
    } catch (error) {
      $("rule-yaml").select();
      document.execCommand("copy");
    }
    $("yaml-status").textContent = "The rule is copied. You can paste it into an email to the rules group.";
  }

  function downloadYaml() {
    const yaml = $("rule-yaml").value;
    if (!yaml) {
      $("yaml-status").textContent = "There is no rule to download yet.";
      return;
    }
    const url = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
    const link = el("a", { href: url, download: `${state.lastYamlId}.yml` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    $("yaml-status").textContent = `The rule is saved as ${state.lastYamlId}.yml in your downloads.`;
  }

  function setUpSuggestView() {
    const form = $("suggest-form");
    form.addEventListener("input", scheduleTrial);
    form.addEventListener("change", scheduleTrial);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      runTrial();
    });
    $("copy-yaml").addEventListener("click", copyYaml);
    $("download-yaml").addEventListener("click", downloadYaml);
  }

  // ---------------------------------------------------------------------------------------------

  function start() {
    setUpSettings();
    setUpViews();
    setUpCheckView();
    setUpRuleBrowser();
    setUpSuggestView();
    Promise.all([loadProfiles(), loadRules()]).then(() => {
      if (textArea().value.trim()) runCheck();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
