// sayso web page: check a text, browse the rules, suggest a rule. Plain JavaScript; it talks only
// to the sayso program that served it (/api/...).
"use strict";

(() => {
  const CATEGORIES = {
    jargon: { label: "Hard word", many: "hard words", icon: "J", easy: "This word may be hard to understand. Use a simpler word." },
    readability: { label: "Hard to read", one: "hard-to-read part", many: "hard-to-read parts", icon: "R", easy: "This is hard to read. Use shorter sentences. Say who does what." },
    acronym: { label: "Short form", many: "short forms", icon: "A", easy: "Short forms like this are hard. Write the words in full." },
    spelling: { label: "Spelling", one: "spelling to check", many: "spellings to check", icon: "Sp", easy: "This word may be spelt wrongly." },
    tokenism: { label: "Token involvement", many: "token involvement", icon: "T", easy: "This makes involvement sound small or optional. Say what people will really do." },
    evidence: { label: "Missing evidence", many: "missing evidence", icon: "E", easy: "Say more about how people are involved." },
    structure: { label: "Layout and length", many: "layout and length", icon: "L", easy: "Something is missing, or the text is too long." },
    style: { label: "Style", many: "style", icon: "S", easy: "This could be said more simply." },
  };
  const SEVERITIES = { error: "Must fix", warning: "Should fix", info: "Worth a look", hint: "Small hint" };
  const CHECK_DELAY_MS = 700;         // a check after this pause in typing, shown quietly
  const ANNOUNCE_IDLE_MS = 2500;      // the result is said after this longer pause
  const SLOW_CHECK_MS = 1500;         // "Checking your text…" when a check takes longer
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
  const category = (name) => CATEGORIES[name] || { label: name, many: name, icon: "?", easy: "" };
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  const state = {
    allDiagnostics: [],   // what sayso found in checkedText
    diagnostics: [],      // what is shown (the word being typed waits)
    places: [],           // where each shown finding is
    checkedText: null,
    kind: "plain-english-summary",
    result: null,
    selected: -1,
    caretFinding: -1,     // the finding the caret was last moved into with the keys
    returnTo: -1,         // the finding "Show it in my text" came from (Escape goes back)
    lastInputAt: 0,
    idleTimer: 0,
    lastFix: null,
    about: { local: true },
    fileFormat: "",       // "markdown" or "text" for an opened file
    rules: [],
    rulesById: new Map(),
    checkTimer: 0,
    checkSequence: 0,
    checkAbort: null,
    lastAnnouncement: "",
    trialTimer: 0,
    trialSequence: 0,
    lastYamlId: "suggested.new-rule",
    focusAfterCheck: -1,  // after a Change: where the next finding to focus starts
  };

  // ---------------------------------------------------------------------------------------------
  // Talking to sayso

  // Plain messages that say what to do, never "Failed to fetch".
  const NOT_RUNNING = "sayso is not running any more. Ask the person who started it to start it again " +
    "(the command is: sayso serve), then reload this page.";
  const TOO_LONG = "This text is too long for sayso to check in one go. Check one section at a time.";

  async function api(path, options = {}) {
    for (let attempt = 0; ; attempt++) {
      let response;
      try {
        response = await fetch(path, options);
      } catch (error) {
        if (error.name === "AbortError") throw error;
        throw new Error(NOT_RUNNING);
      }
      if (response.status === 503 && attempt < 2) {
        await new Promise((resolve) => setTimeout(resolve, 700));
        continue;
      }
      if (response.status === 413) throw new Error(TOO_LONG);
      let body = null;
      try {
        body = await response.json();
      } catch (error) {
        if (error.name === "AbortError") throw error;
        throw new Error(response.ok ? NOT_RUNNING : `sayso could not answer (error ${response.status}). Try again, or reload this page.`);
      }
      if (!response.ok) throw new Error(body && body.error ? body.error : `sayso could not answer (error ${response.status}). Try again, or reload this page.`);
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
      // An empty fragment is the start page (the browser's Back button after a view link).
      const name = location.hash.slice(1) || "check";
      if (VIEWS[name]) showView(name, true);
    });
    showView(location.hash.slice(1), false);
  }

  // ---------------------------------------------------------------------------------------------
  // Check view: the editor and its mirrored highlight layer

  const textArea = () => $("text");

  // The editor's letters sit in the gap between lines. A user style sheet for text spacing
  // (WCAG 1.4.12) may make lines closer than the page's 2: the editor then keeps 2, which is
  // still at least the 1.5 asked for, so the letters never cover the line above. A user's larger
  // spacing is kept as it is.
  const EDITOR_MIN_LINE_HEIGHT = 2;
  function keepRoomForLetters() {
    for (const node of [textArea(), $("highlights")]) {
      node.style.removeProperty("line-height");
      const style = getComputedStyle(node);
      const ratio = parseFloat(style.lineHeight) / parseFloat(style.fontSize);
      if (!(ratio >= EDITOR_MIN_LINE_HEIGHT - 0.01)) node.style.setProperty("line-height", String(EDITOR_MIN_LINE_HEIGHT), "important");
    }
  }

  function resizeEditor() {
    const area = textArea();
    if (!area || area.offsetParent === null) return;
    keepRoomForLetters();
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 4}px`;
  }

  // Every finding that marks a stretch of text, cut into segments where findings begin or end.
  // Each segment lists the findings covering it, widest first, so that marks nest: a long
  // sentence is drawn as a low line under the sentence, and the words marked inside it keep their
  // own colour, underline and letter. A finding that covers a shorter one is "wide".
  function markSegments(text) {
    // Only the findings the list shows are marked: a very long text with thousands of findings
    // would otherwise freeze the browser (the list says the rest are not shown).
    const findings = state.diagnostics.slice(0, MAX_FINDINGS_SHOWN)
      .map((d, index) => ({ d, index, start: Math.min(d.utf16_start, text.length), end: Math.min(d.utf16_end, text.length) }))
      .filter((f) => f.end > f.start);
    const points = [...new Set([0, text.length, ...findings.flatMap((f) => [f.start, f.end])])].sort((a, b) => a - b);
    const byStart = [...findings].sort((a, b) => a.start - b.start);
    const wide = new Set();
    const segments = [];
    let active = [];
    let next = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      active = active.filter((f) => f.end > from);
      while (next < byStart.length && byStart[next].start <= from) active.push(byStart[next++]);
      const covering = active.filter((f) => f.start <= from && f.end >= to)
        .sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.index - b.index);
      const narrowest = covering.length ? covering[covering.length - 1].end - covering[covering.length - 1].start : 0;
      for (const f of covering) if (f.end - f.start > narrowest) wide.add(f.index);
      segments.push({ from, to, covering });
    }
    return { segments, wide };
  }

  function renderHighlights() {
    const layer = $("highlights");
    const text = textArea().value;
    layer.replaceChildren();
    if (state.checkedText !== text) {
      layer.append(text + "\u200b");
      return;
    }
    const { segments, wide } = markSegments(text);
    for (const { from, to, covering } of segments) {
      let node = document.createTextNode(text.slice(from, to));
      // Innermost first, so that the widest finding ends up outside.
      for (let i = covering.length - 1; i >= 0; i--) {
        const { d, index, start } = covering[i];
        const mark = el("mark", { class: `cat-${d.category}`, "data-index": String(index) });
        if (wide.has(index)) mark.classList.add("wide");
        if (start === from) {
          mark.dataset.label = category(d.category).icon;
          // Two letters at the same place: the inner one moves to the right.
          if (covering.some((other, j) => j < i && other.start === from)) mark.classList.add("label-shifted");
        }
        if (index === state.selected) mark.classList.add("selected");
        mark.append(node);
        node = mark;
      }
      layer.append(node);
    }
    layer.append("\u200b");
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
    const parts = [...counts].map(([name, n]) => plural(n, category(name).one || category(name).label.toLowerCase(), category(name).many));
    return `${plural(state.diagnostics.length, "finding", "findings")}: ${parts.join(", ")}.`;
  }

  // The one polite live region. `always` repeats a message the user asked for, even if unchanged.
  function announce(message, always = false) {
    const status = $("check-status");
    if (message === state.lastAnnouncement && !always) return;
    state.lastAnnouncement = message;
    if (always && status.textContent === message) {
      status.textContent = "";
      setTimeout(() => { status.textContent = message; }, 50);
    } else status.textContent = message;
  }

  // Where a finding is: its line in the text box and a few words around it.
  const CONTEXT_CHARS = 28;
  const QUOTE_CHARS = 60;
  function lineOf(text, offset) {
    let line = 1;
    for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
    return line;
  }

  function shortQuote(words) {
    if (words.length <= QUOTE_CHARS) return words;
    const head = words.slice(0, QUOTE_CHARS - 16).replace(/\s+\S*$/, "");
    const tail = words.slice(-14).replace(/^\S*\s+/, "");
    return `${head} … ${tail}`;
  }

  function placeOf(d, text) {
    if (!(d.utf16_end > d.utf16_start)) {
      const section = d.text && state.kind === "application" ? `the section “${d.text}”` : "the whole text";
      return { line: 0, label: `About ${section}`, before: "", words: "", after: "" };
    }
    const line = lineOf(text, d.utf16_start);
    const lineStart = text.lastIndexOf("\n", d.utf16_start - 1) + 1;
    let lineEnd = text.indexOf("\n", d.utf16_end);
    if (lineEnd === -1) lineEnd = text.length;
    const words = text.slice(d.utf16_start, d.utf16_end);
    let before = "", after = "";
    if (words.length <= QUOTE_CHARS) {
      before = text.slice(Math.max(lineStart, d.utf16_start - CONTEXT_CHARS), d.utf16_start);
      if (d.utf16_start - CONTEXT_CHARS > lineStart) before = "…" + before.replace(/^\S*\s/, "");
      after = text.slice(d.utf16_end, Math.min(lineEnd, d.utf16_end + CONTEXT_CHARS));
      if (d.utf16_end + CONTEXT_CHARS < lineEnd) after = after.replace(/\s\S*$/, "") + "…";
    }
    return { line, label: `Line ${line}`, before, words: shortQuote(words.replace(/\s+/g, " ")), after };
  }

  // Places with the same line and words get "1st of 2", "2nd of 2": no two results read alike.
  function placesOf(diagnostics, text) {
    const places = diagnostics.map((d) => placeOf(d, text));
    const groups = new Map();
    places.forEach((p, i) => {
      const key = `${p.label}|${p.before}|${p.words}|${p.after}|${diagnostics[i].message}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(p);
    });
    for (const group of groups.values())
      if (group.length > 1) group.forEach((p, i) => { p.label += `, ${ordinal(i + 1)} of ${group.length}`; });
    return places;
  }

  const ordinal = (n) => {
    const tens = n % 100, ones = n % 10;
    const suffix = tens >= 11 && tens <= 13 ? "th" : ones === 1 ? "st" : ones === 2 ? "nd" : ones === 3 ? "rd" : "th";
    return `${n}${suffix}`;
  };

  function placeView(place) {
    if (!place.words) return el("span", { class: "finding-place", text: `${place.label}.` });
    return el("span", { class: "finding-place" }, `${place.label}: “${place.before}`,
      el("strong", { class: "finding-text", text: place.words }), `${place.after}”`);
  }

  const MAX_FINDINGS_SHOWN = 300;

  function renderFindings() {
    const list = $("findings-list");
    // The explanation lives inside the open finding: keep it out of the list being replaced.
    const detail = $("finding-detail");
    detail.hidden = true;
    list.after(detail);
    list.replaceChildren();
    const total = state.diagnostics.length;
    $("findings-empty").hidden = total > 0;
    $("findings-count").textContent = total ? `(${total})` : "";
    const text = state.checkedText || "";
    state.places = placesOf(state.diagnostics, text);
    state.diagnostics.slice(0, MAX_FINDINGS_SHOWN).forEach((d, index) => {
      const button = el("button", { type: "button", class: "finding-button", "aria-expanded": "false",
        "aria-controls": "finding-detail", "data-index": String(index) },
      badge(d.category), el("span", { class: "finding-level", text: ` ${SEVERITIES[d.severity] || d.severity}. ` }),
      placeView(state.places[index]),
      el("span", { class: "finding-message", text: d.message }));
      button.addEventListener("click", () => {
        if (state.selected === index) closeFinding(true);
        else selectFinding(index);
      });
      list.append(el("li", { "data-index": String(index) }, button));
    });
    if (total > MAX_FINDINGS_SHOWN)
      list.append(el("li", { class: "help", text: `The first ${MAX_FINDINGS_SHOWN} findings are shown and marked in your text. This text is very long: check one section at a time to see the rest.` }));
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

  const findingButton = (index) => document.querySelector(`.finding-button[data-index="${index}"]`);

  // Opens a finding's explanation just below it in the list. Focus stays on the finding (the
  // explanation follows it in the tab order) unless `focusDetail`.
  function selectFinding(index, focusDetail = false) {
    const d = state.diagnostics[index];
    if (!d) return;
    state.selected = index;
    for (const button of document.querySelectorAll(".finding-button"))
      button.setAttribute("aria-expanded", button.dataset.index === String(index) ? "true" : "false");
    renderHighlights();
    const info = category(d.category);
    const place = state.places[index];
    $("detail-category").replaceChildren(badge(d.category), ` ${SEVERITIES[d.severity] || d.severity}`);
    $("detail-place").textContent = place.words ? `${place.label} of your text.` : `${place.label}.`;
    $("detail-text").textContent = place.words || d.text || "";
    $("detail-text").parentElement.hidden = !place.words;
    $("detail-message").textContent = d.message;
    $("detail-why").replaceChildren(
      el("span", { class: "easy-only easy-explanation", text: info.easy }),
      el("span", { class: "full-only", text: explanationFor(d) }));
    const fixes = $("detail-fixes");
    // A spelling guess for a word with a capital letter is most likely a name ("Llinos" is not
    // "Llanos"): no Change button, and the reason why.
    const mayBeName = d.category === "spelling" && /^\p{Lu}/u.test(d.text || "");
    const changes = mayBeName ? [] : d.suggestions.filter(() => d.text && d.utf16_end > d.utf16_start).map((s) => fixButton(d, s));
    fixes.replaceChildren(...changes);
    if (mayBeName && d.suggestions.length)
      fixes.append(el("p", { class: "help", text: `“${d.text}” starts with a capital letter, so it may be a name. sayso does not offer to change it. If it is spelt wrongly, change it in your text.` }));
    $("detail-show").hidden = !(d.utf16_end > d.utf16_start);
    const rule = state.rulesById.get(d.rule);
    $("detail-rule").replaceChildren(rule ? rule.heading : d.rule,
      rule ? el("span", { class: "rule-id", text: ` (${d.rule})` }) : "");
    const detail = $("finding-detail");
    const button = findingButton(index);
    if (button) button.after(detail);
    detail.hidden = false;
    if (focusDetail) detail.focus();
  }

  function closeFinding(focusButton) {
    const index = state.selected;
    state.selected = -1;
    $("finding-detail").hidden = true;
    for (const button of document.querySelectorAll(".finding-button")) button.setAttribute("aria-expanded", "false");
    renderHighlights();
    const button = findingButton(index);
    if (focusButton && button) button.focus();
  }

  // Selects the finding's words in the text box and moves there; Escape comes back.
  function showInText(index) {
    const d = state.diagnostics[index];
    const area = textArea();
    if (!d || state.checkedText !== area.value) {
      announce("The text changed since the last check. Press “Check my text” and try again.", true);
      return;
    }
    const mark = document.querySelector(`#highlights mark[data-index="${index}"]`);
    if (mark) mark.scrollIntoView({ block: "center" });
    area.focus({ preventScroll: true });
    area.setSelectionRange(d.utf16_start, d.utf16_end);
    state.returnTo = index;
    announce(`${state.places[index].label}: “${state.places[index].words}” is selected in your text. Press Escape to go back to the finding.`, true);
  }

  function backToFinding() {
    const index = state.returnTo;
    state.returnTo = -1;
    const button = findingButton(index);
    if (index < 0 || !button || state.checkedText !== textArea().value) {
      $("findings-heading").focus();
      return;
    }
    button.focus();
  }

  // The narrowest finding under the caret: a word inside a long sentence wins over the sentence.
  function findingAtCaret() {
    const caret = textArea().selectionStart;
    if (state.checkedText !== textArea().value) return -1;
    let found = -1, width = Infinity;
    state.diagnostics.forEach((d, index) => {
      if (d.utf16_end > d.utf16_start && caret >= d.utf16_start && caret <= d.utf16_end && d.utf16_end - d.utf16_start < width) {
        found = index;
        width = d.utf16_end - d.utf16_start;
      }
    });
    return found < MAX_FINDINGS_SHOWN ? found : -1;
  }

  function selectFindingAtCaret() {
    const found = findingAtCaret();
    if (found >= 0 && found !== state.selected) selectFinding(found);
  }

  // Arrow keys (Home, End, Page Up and Down) moving the caret into a marked word open that
  // finding in the list and say so politely, once per finding: what a click on a mark does.
  const CARET_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
  function announceFindingAtCaret(event) {
    if (!CARET_KEYS.has(event.key)) return;
    const area = textArea();
    const found = area.selectionStart === area.selectionEnd ? findingAtCaret() : -1;
    if (found === state.caretFinding) return;
    state.caretFinding = found;
    if (found < 0) return;
    const d = state.diagnostics[found];
    if (found !== state.selected) selectFinding(found);
    const words = d.text ? `“${d.text}”: ` : "";
    $("caret-finding").textContent = `Marked, ${category(d.category).label.toLowerCase()}. ${words}${d.message}`;
  }

  // Replaces the words as typing would (execCommand), so that Ctrl+Z undoes it; the Undo button
  // does the same for people who do not use the keyboard.
  function replaceInText(start, end, replacement) {
    const area = textArea();
    area.focus({ preventScroll: true });
    area.setSelectionRange(start, end);
    let done = false;
    try {
      done = document.execCommand("insertText", false, replacement);
    } catch (error) {
      done = false;
    }
    if (!done || area.value.slice(start, start + replacement.length) !== replacement) {
      area.setRangeText(replacement, start, end, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function applyFix(d, suggestion) {
    const area = textArea();
    if (state.checkedText !== area.value || area.value.slice(d.utf16_start, d.utf16_end) !== d.text) {
      announce("The text changed since the last check. Checking again: please try the fix after that.", true);
      runCheck({ asked: true });
      return;
    }
    replaceInText(d.utf16_start, d.utf16_end, suggestion);
    state.lastFix = { start: d.utf16_start, before: d.text, after: suggestion, text: area.value };
    $("undo-fix").textContent = `Undo: change “${suggestion}” back to “${d.text}”`;
    $("undo-area").hidden = false;
    closeFinding(false);
    state.lastAnnouncement = `Changed “${d.text}” to “${suggestion}”. To undo it, press Control and Z in the text, or the Undo button.`;
    $("check-status").textContent = state.lastAnnouncement;
    resizeEditor();
    renderHighlights();
    // Focus stays where the user was working: on the finding that was below the changed one,
    // once the new check has drawn the list (the heading until then).
    $("findings-heading").focus();
    state.focusAfterCheck = d.utf16_start;
    runCheck({ quiet: true });
  }

  // After a Change: the first finding at or after where the change was, or the heading.
  function focusFindingAfter(offset) {
    const index = state.diagnostics.findIndex((d) => d.utf16_end > d.utf16_start && d.utf16_start >= offset);
    const button = index >= 0 ? findingButton(index) : null;
    if (button && document.activeElement === $("findings-heading")) button.focus();
  }

  function undoFix() {
    const fix = state.lastFix;
    const area = textArea();
    $("undo-area").hidden = true;
    state.lastFix = null;
    if (!fix || area.value.slice(fix.start, fix.start + fix.after.length) !== fix.after) {
      announce("The text changed after the fix, so it cannot be undone here. Press Control and Z in the text instead.", true);
      return;
    }
    replaceInText(fix.start, fix.start + fix.after.length, fix.before);
    state.lastAnnouncement = `Changed “${fix.after}” back to “${fix.before}”.`;
    $("check-status").textContent = state.lastAnnouncement;
    resizeEditor();
    $("findings-heading").focus();
    runCheck({ quiet: true });
  }

  // ---------------------------------------------------------------------------------------------
  // Check view: side panel figures

  // A figure's heading is an h3, or an h4 under a section's own h3 (a whole application).
  let figureHeadingLevel = "h3";
  function figureBlock(title, ...content) {
    return el("div", { class: "figure" }, el(figureHeadingLevel, { text: title }), ...content);
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

  // The target of the rule that measures `metric` in this kind of section, as sayso's rules (and
  // the funder's profile) set it: the page and the findings never disagree.
  function targetFor(metric, sectionKind) {
    const targets = (state.result && state.result.targets) || [];
    const covers = (scope) => scope.all || (scope.not ? !scope.kinds.includes(sectionKind) : scope.kinds.includes(sectionKind));
    const found = targets.find((t) => t.metric === metric && covers(t.scope)) || targets.find((t) => t.metric === metric);
    return found ? found.max : null;
  }

  const sectionKindOf = (f) => (f.kind === "application" ? "document" : f.kind);

  function readingFigure(f) {
    const age = Math.max(5, Math.round(f.reading_age));
    const target = targetFor("reading-age", sectionKindOf(f));
    const over = target !== null && age > target;
    return figureBlock("Reading age",
      el("p", { class: "figure-value", text: `About ${age} years` }),
      el("p", { class: over ? "problem" : "ok",
        text: over ? `Aim for a reading age of ${target} or under: shorter sentences and everyday words help.`
          : target !== null ? `Most readers will manage this. The aim is ${target} or under.` : "Most readers will manage this." }));
  }

  // Sentence counts for a section; with `sentenceWords` (every sentence's length) also bars, with
  // the sentences over the long-sentence rule's limit drawn in red.
  function sentencesFigure(f, sentenceWords) {
    const average = targetFor("average-sentence-words", sectionKindOf(f));
    const limit = targetFor("sentence-words", sectionKindOf(f));
    const summary = el("p", { text: `${plural(f.sentences, "sentence", "sentences")}, ${Math.round(f.average_sentence_words)} words on average` +
      `${average !== null ? ` (aim for ${average} or fewer)` : ""}, the longest ${f.longest_sentence_words} words.` });
    if (!sentenceWords) return figureBlock("Sentence lengths", summary);
    const isLong = (n) => limit !== null && n > limit;
    const long = sentenceWords.filter(isLong).length;
    const bars = el("ul", { class: "sentence-bars", "aria-hidden": "true" });
    const tallest = Math.max(limit || 0, ...sentenceWords);
    for (const words of sentenceWords.slice(0, 120)) {
      const bar = el("li", { class: isLong(words) ? "long" : "" });
      bar.style.height = `${Math.max(4, (100 * words) / Math.max(1, tallest))}%`;
      bars.append(bar);
    }
    const verdict = limit === null ? null
      : el("p", { class: long ? "problem" : "ok", text: long ? `${plural(long, "sentence has", "sentences have")} more than ${limit} words.` : `No sentence has more than ${limit} words.` });
    return figureBlock("Sentence lengths", summary, bars, verdict);
  }

  function checklistFigure(checklist) {
    const rule = state.rulesById.get(checklist.rule);
    // Each checklist is headed by its own rule's heading (from the rule's data), so that
    // headings such as "UK Standard 1 (inclusive opportunities)" tell them apart.
    const title = checklist.heading || (rule && rule.heading) || checklist.rule;
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
    figureHeadingLevel = withTitle ? "h4" : "h3";
    parts.push(wordsFigure(f), readingFigure(f), sentencesFigure(f, sentenceWords));
    for (const checklist of f.checklists) parts.push(checklistFigure(checklist));
    if (f.kind === "involvement" || f.involvement.length) parts.push(involvementFigure(f));
    figureHeadingLevel = "h3";
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
    // The bars are the sentences this figure counts (its own section's), one bar for each.
    body.replaceChildren(sectionFigures(main, main.sentence_words || result.sentence_words, figures.length > 1));
  }

  // ---------------------------------------------------------------------------------------------
  // Check view: running checks
  //
  // While the user types, sayso checks after a short pause and updates the marks and the list
  // quietly; a spelling finding on the word being typed (the caret at its end) waits until typing
  // stops. The live region speaks only after a longer pause, and only when the summary changed,
  // or at once when the user asks ("Check my text", Control+Enter).

  // Markdown headings ("# Plain English summary") in pasted or typed text: read it as Markdown.
  const MARKDOWN_HEADING = /^ {0,3}#{1,6}[ \t]+\S/m;
  function formatFor(text) {
    if (state.fileFormat === "markdown") return "markdown";
    return MARKDOWN_HEADING.test(text) ? "markdown" : "text";
  }

  function checkRequest(text) {
    return { text: wellFormed(text), kind: $("text-kind").value, profile: $("profile").value, format: formatFor(text) };
  }

  // A lone half of a surrogate pair (from a bad copy and paste) cannot travel in JSON: it becomes
  // U+FFFD, which is one UTF-16 unit too, so every offset stays the same.
  const wellFormed = (text) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

  const isTyping = () => Date.now() - state.lastInputAt < ANNOUNCE_IDLE_MS;

  // The findings to show: all of them, less a spelling finding on the word at the caret while
  // the user is still typing it.
  function visibleFindings() {
    const area = textArea();
    if (!isTyping() || area.selectionStart !== area.selectionEnd || document.activeElement !== area) return state.allDiagnostics;
    const caret = area.selectionStart;
    return state.allDiagnostics.filter((d) => !(d.category === "spelling" && d.utf16_start < caret && d.utf16_end >= caret &&
      !/\s/.test(area.value.slice(d.utf16_start, caret))));
  }

  // The findings as the page says them: the server words each message for the page
  // (page_message: no word lists or settings files, which the page does not have).
  function pageWorded(diagnostics) {
    for (const d of diagnostics) if (d.page_message) d.message = d.page_message;
    return diagnostics;
  }

  function showResult(result, text, { asked = false, quiet = false } = {}) {
    state.allDiagnostics = pageWorded(result.diagnostics);
    state.result = result;
    state.checkedText = text;
    state.kind = result.kind;
    refreshFindings();
    renderFigures(result);
    if (asked) announce(findingSummary(), true);
    else if (!quiet && !isTyping()) announce(findingSummary());
  }

  // Redraws the marks and the list when what is shown changed (the typed word may now count).
  function refreshFindings() {
    const shown = visibleFindings();
    const same = shown.length === state.diagnostics.length && shown.every((d, i) => d === state.diagnostics[i]);
    const selected = same ? state.selected : -1;
    state.diagnostics = shown;
    state.selected = -1;
    renderHighlights();
    renderFindings();
    if (selected >= 0) selectFinding(selected);
  }

  // After the longer pause: what changed while typing is shown and said once.
  function typingStopped() {
    if (state.checkedText !== textArea().value) return;  // the check still running will say it
    refreshFindings();
    announce(findingSummary());
  }

  function clearResults() {
    state.allDiagnostics = [];
    state.diagnostics = [];
    state.checkedText = "";
    state.selected = -1;
    renderHighlights();
    renderFindings();
    $("figures-body").replaceChildren(el("p", { class: "help", text: "Figures appear when you have written something." }));
    announce("Type or paste your text to check it.");
  }

  function setChecking(checking) {
    $("check-progress").hidden = !checking;
    $("findings-list").setAttribute("aria-busy", checking ? "true" : "false");
  }

  async function runCheck(how = {}) {
    clearTimeout(state.checkTimer);
    const text = textArea().value;
    if (!text.trim()) {
      clearResults();
      if (how.asked) announce("There is no text to check yet. Type or paste your text first.", true);
      return;
    }
    if (state.checkAbort) state.checkAbort.abort();
    const abort = new AbortController();
    state.checkAbort = abort;
    const sequence = ++state.checkSequence;
    setChecking(true);
    // Said at once when the user asked, and for a long text that takes a while.
    const slow = setTimeout(() => {
      if (how.asked || !isTyping()) announce("Checking your text…", true);
    }, how.asked ? 0 : SLOW_CHECK_MS);
    try {
      const result = await postJson("/api/check", checkRequest(text), abort.signal);
      if (sequence !== state.checkSequence || textArea().value !== text) return;
      showResult(result, text, how);
      if (state.focusAfterCheck >= 0) focusFindingAfter(state.focusAfterCheck);
      state.focusAfterCheck = -1;
    } catch (error) {
      if (error.name === "AbortError") return;
      announce(`sayso could not check the text. ${error.message}`, true);
    } finally {
      clearTimeout(slow);
      if (sequence === state.checkSequence) setChecking(false);
    }
  }

  function scheduleCheck() {
    clearTimeout(state.checkTimer);
    state.checkTimer = setTimeout(runCheck, CHECK_DELAY_MS);
    clearTimeout(state.idleTimer);
    state.idleTimer = setTimeout(typingStopped, ANNOUNCE_IDLE_MS + 20);
  }

  async function openFile(file) {
    const name = file.name;
    const lower = name.toLowerCase();
    if (!/\.(md|markdown|txt|docx)$/.test(lower)) {
      announce(`“${name}” is not a .md, .txt or .docx file.`, true);
      return;
    }
    announce(`Opening “${name}”…`, true);
    const params = new URLSearchParams({ filename: name, kind: $("text-kind").value, profile: $("profile").value });
    try {
      const bytes = await file.arrayBuffer();
      const result = await api(`/api/check-file?${params}`, {
        method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: bytes });
      state.fileFormat = /\.(md|markdown)$/.test(lower) ? "markdown" : "text";
      const area = textArea();
      area.value = result.text || "";
      state.lastInputAt = 0;
      resizeEditor();
      if (area.value === result.text && !lower.endsWith(".docx")) showResult(result, area.value, { asked: true });
      else await runCheck({ asked: true });
    } catch (error) {
      announce(`sayso could not open “${name}”. ${error.message}`, true);
    }
  }

  function setUpCheckView() {
    renderLegend();
    const area = textArea();
    area.addEventListener("input", () => {
      state.lastInputAt = Date.now();
      if (!area.value.trim()) state.fileFormat = "";
      resizeEditor();
      renderHighlights();
      scheduleCheck();
      if (!$("view-suggest").hidden) scheduleTrial();
    });
    area.addEventListener("click", selectFindingAtCaret);
    area.addEventListener("keyup", announceFindingAtCaret);
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        state.lastInputAt = 0;
        runCheck({ asked: true });
      } else if (event.key === "Escape" && state.returnTo >= 0) {
        event.preventDefault();
        backToFinding();
      }
    });
    $("check-now").addEventListener("click", () => {
      state.lastInputAt = 0;
      runCheck({ asked: true });
    });
    $("detail-show").addEventListener("click", () => showInText(state.selected));
    $("detail-close").addEventListener("click", () => closeFinding(true));
    $("finding-detail").addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        closeFinding(true);
      }
    });
    $("undo-fix").addEventListener("click", undoFix);
    $("text-kind").addEventListener("change", () => runCheck());
    $("profile").addEventListener("change", () => {
      describeProfile();
      runCheck();
    });
    $("file-input").addEventListener("change", (event) => {
      const file = event.target.files && event.target.files[0];
      if (file) openFile(file);
    });
    window.addEventListener("resize", resizeEditor);
    renderHighlights();
  }

  // Where the text goes: a page shared with --allow-remote must not say it stays here.
  async function loadAbout() {
    try {
      state.about = await api("/api/about");
    } catch (error) {
      return;
    }
    if (state.about.local) return;
    $("privacy-note").textContent = "This page runs on another computer: the computer of the person who started sayso. " +
      "Your text goes to that computer over the network, and it is not encrypted on the way. sayso does not keep it.";
    $("footer-privacy").textContent = "Your text goes to the computer that runs sayso. sayso does not keep it.";
  }

  // What the chosen funder setting does, under the menu (the funders' own descriptions).
  const NO_FUNDER = "sayso's general checks, with no funder's own rules: a summary of more than 300 words is still flagged.";
  function describeProfile() {
    const name = $("profile").value;
    const described = (state.profileDescriptions && state.profileDescriptions.get(name)) || "";
    $("profile-help").textContent = name ? described : NO_FUNDER;
  }

  async function loadProfiles() {
    try {
      const { profiles } = await api("/api/profiles");
      const select = $("profile");
      for (const p of profiles) select.append(el("option", { value: p.name, text: p.name.toUpperCase() === "NIHR" ? "NIHR" : p.name.charAt(0).toUpperCase() + p.name.slice(1) }));
      state.profileDescriptions = new Map(profiles.map((p) => [p.name, p.page_description || p.description]));
      if (profiles.some((p) => p.name === "nihr")) select.value = "nihr";
      describeProfile();
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

  // A rule's message with its blanks said in words: "Spell out '{match}' …" → "Spell out [the
  // words found] …". The page shows the filled-in message with each finding.
  const BLANKS = {
    match: "the words found", suggestion: "a plainer word", suggestions: "plainer words", count: "the number",
    limit: "the limit", missing: "the things not found", section: "the section", words: "the words",
    unit: "words", meaning: "what it means", level: "the level",
  };
  const inWords = (message) => message.replace(/'\{(\w+)\}'|\{(\w+)\}/g, (all, quoted, bare) => {
    const words = BLANKS[quoted || bare];
    return words ? `[${words}]` : all;
  });

  // The rule writers' own notes, with their setting names (min_items) said as words.
  const noteInWords = (note) => note.replace(/\b([a-z]+(?:_[a-z]+)+)\b/g, (name) => name.replace(/_/g, " "));

  function ruleCard(rule) {
    const details = el("dl");
    const add = (term, value) => {
      if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return;
      details.append(el("dt", { text: term }), el("dd", {}, Array.isArray(value) ? listOf(value) : value));
    };
    add("What it says", inWords(rule.message));
    add("Why it matters", rule.explanation);
    add("Where it applies", scopeText(rule.scope));
    add("What it looks for", looksFor(rule));
    add("Flagged, for example", rule.examples.flag);
    add("Not flagged, for example", rule.examples.pass);
    add("Written with", rule.written_with);
    add("Reviewed by", rule.reviewed_by);
    add("Status", rule.status === "reviewed" ? "Reviewed" : "Draft: waiting for review by a panel of public contributors");
    add("Sources", rule.sources);
    const notes = rule.decisions.length
      ? el("details", { class: "rule-notes" }, el("summary", { text: "Notes by the people who wrote the rule" }),
        listOf(rule.decisions.map(noteInWords), rule.decisions.length))
      : null;
    return el("li", { class: "rule-card", "data-rule": rule.id },
      el("h2", { text: rule.heading || rule.id }),
      el("p", { class: "rule-id", text: `Rule name: ${rule.id}` }),
      el("p", {}, badge(rule.category), ` ${SEVERITIES[rule.severity] || rule.severity}`),
      details, notes);
  }

  function ruleHaystack(rule) {
    return [rule.id, rule.heading, rule.category, category(rule.category).label, rule.message, rule.explanation,
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
    $("yaml-status").textContent = "The rule is copied. Paste it into an email to the person who runs sayso for your group.";
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
    $("yaml-status").textContent = `The rule is saved as ${state.lastYamlId}.yml in your downloads. Send it to the person who runs sayso for your group.`;
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
    document.documentElement.classList.remove("no-js");
    loadAbout();
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
