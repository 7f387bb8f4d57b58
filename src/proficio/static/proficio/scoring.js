// proficio scoring screen: keyboard-first scoring that saves every keystroke and never loses a score.
// No framework, no build step. The server is the judge: every save returns what was recorded.
(function () {
  "use strict";
  const form = document.getElementById("scoring-form");
  if (!form) return;
  const saveUrl = form.dataset.saveUrl;
  const levels = form.dataset.levels.split(" ");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const inputs = Array.from(form.querySelectorAll(".score-input"));
  const grid = new Map(inputs.map((el) => [el.dataset.row + ":" + el.dataset.col, el]));
  const rows = Math.max(...inputs.map((el) => Number(el.dataset.row))) + 1;
  const cols = Math.max(...inputs.map((el) => Number(el.dataset.col))) + 1;
  const status = document.getElementById("status");
  const progress = document.getElementById("progress");
  const dialog = document.getElementById("feedback-dialog");
  const shortcuts = document.getElementById("shortcuts-dialog");
  const pending = new Set();
  let dialogCell = null;

  function cellAt(row, col) { return grid.get(row + ":" + col); }
  function label(cell) { return cell.getAttribute("aria-label"); }
  function say(text) { status.textContent = text; }

  function move(cell, dRow, dCol) {
    let row = Number(cell.dataset.row) + dRow;
    let col = Number(cell.dataset.col) + dCol;
    if (row >= rows) { row = 0; col += 1; }          // past the last student: top of the next indicator
    if (row < 0) { row = rows - 1; col -= 1; }
    if (col >= cols || col < 0) return;
    const next = cellAt(row, col);
    if (next) { next.focus(); next.select(); }
  }

  function updateProgress() {
    const scored = inputs.filter((el) => el.dataset.saved !== "").length;
    progress.textContent = scored + " of " + progress.dataset.slots + " scored.";
  }

  function setState(cell, state, title) {
    cell.dataset.state = state;
    cell.title = title || "";
  }

  // Saves go to the server one at a time, in the order they were typed: a correction can never overtake
  // the score it corrects, and the database never sees two writes from one page at once.
  let queue = Promise.resolve();
  function save(cell, value, extra) {
    setState(cell, "saving", "Saving…");
    pending.add(cell);
    queue = queue.then(() => send(cell, value, extra));
    return queue;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function send(cell, value, extra) {
    for (let attempt = 1; ; attempt += 1) {
      const body = new FormData();
      body.append("student", cell.dataset.student);
      body.append("indicator", cell.dataset.indicator);
      body.append("value", value);
      Object.entries(extra || {}).forEach(([k, v]) => body.append(k, v));
      let response = null;
      let data = {};
      let why = "";
      try {
        response = await fetch(saveUrl, { method: "POST", body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin" });
        try { data = await response.json(); } catch (error) { data = { error: "the server did not answer properly" }; }
      } catch (error) {
        why = "the network did not answer";
      }
      if (response && response.ok) {
        pending.delete(cell);
        delete cell.dataset.unsaved;
        cell.dataset.saved = data.value;
        cell.value = data.value;
        if (extra && extra.feedback !== undefined) cell.dataset.feedback = extra.feedback;
        setState(cell, "saved", "Saved. Current level: " + data.level);
        const row = cell.closest("tr");
        if (row.classList.contains("absent")) { row.classList.remove("absent"); row.querySelector(".absent-badge").hidden = true; }
        say(label(cell) + ": " + data.value + " saved" + (data.corrected ? " as a correction" : "") + ". Level now " + data.level + ".");
        updateProgress();
        return;
      }
      if (response && response.status === 409) {
        pending.delete(cell);
        // The slot's score now (another grader's, if theirs was saved first): the dialog asks for a reason.
        if (data.current) { cell.dataset.saved = data.current.value; cell.dataset.feedback = data.current.feedback; }
        cell.value = cell.dataset.saved;
        setState(cell, "", "");
        openDialog(cell, value, data.error);
        return;
      }
      if (response && response.status < 500) {
        pending.delete(cell);
        cell.value = cell.dataset.saved;
        setState(cell, "failed", data.error || "Not saved");
        say(label(cell) + ": not saved — " + (data.error || "refused"));
        return;
      }
      why = why || "the server had a problem";
      if (attempt >= 4) {
        // Never silently lost: the cell stays marked with the typed value, and Enter on it tries again.
        pending.delete(cell);
        cell.dataset.unsaved = value;
        setState(cell, "failed", "Not saved: " + why + ". Press Enter to try again.");
        say(label(cell) + ": NOT saved (" + why + "). The cell is marked; press Enter on it to try again.");
        return;
      }
      setState(cell, "retrying", "Retrying…");
      say(label(cell) + ": retrying (" + why + ")…");
      await sleep(500 * 2 ** attempt);
    }
  }

  function openDialog(cell, value, message) {
    dialogCell = cell;
    const correcting = cell.dataset.saved !== "";
    document.getElementById("feedback-who").textContent = label(cell);
    document.getElementById("feedback-level").value = value || cell.value || "";
    document.getElementById("feedback-text").value = cell.dataset.feedback || "";
    const reasonField = document.getElementById("reason-field");
    reasonField.hidden = !correcting;
    document.getElementById("feedback-reason").required = correcting && value !== cell.dataset.saved;
    document.getElementById("feedback-reason").value = "";
    const buttons = document.getElementById("snippet-buttons");
    buttons.replaceChildren();
    const rubric = form.querySelector('.rubric-indicator[data-indicator="' + cell.dataset.indicator + '"]');
    rubric.querySelectorAll("[data-snippet]").forEach((item) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "snippet";
      button.textContent = item.dataset.snippet;
      button.addEventListener("click", () => {
        const text = document.getElementById("feedback-text");
        text.value = (text.value ? text.value + " " : "") + item.dataset.snippet;
        text.focus();
      });
      buttons.appendChild(button);
    });
    document.getElementById("feedback-save-snippet").checked = false;
    const error = document.getElementById("feedback-error");
    error.hidden = !message;
    error.textContent = message || "";
    dialog.showModal();
    (message ? document.getElementById("feedback-reason") : document.getElementById("feedback-text")).focus();
  }

  document.getElementById("feedback-form").addEventListener("submit", (event) => {
    const value = document.getElementById("feedback-level").value.trim();
    if (!levels.includes(value)) {
      event.preventDefault();
      const error = document.getElementById("feedback-error");
      error.hidden = false;
      error.textContent = "Choose one of the levels " + levels.join(", ") + ".";
      return;
    }
    const cell = dialogCell;
    const extra = { feedback: document.getElementById("feedback-text").value };
    if (document.getElementById("feedback-save-snippet").checked) extra.save_snippet = "1";
    const reason = document.getElementById("feedback-reason").value.trim();
    if (reason) extra.reason = reason;
    cell.value = value;
    save(cell, value, extra);
  });
  document.getElementById("feedback-cancel").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => { if (dialogCell) dialogCell.focus(); });
  shortcuts.addEventListener("close", () => { if (dialogCell) dialogCell.focus(); });

  function showRubric(cell) {
    form.querySelectorAll(".rubric-indicator").forEach((section) => {
      section.hidden = section.dataset.indicator !== cell.dataset.indicator;
    });
  }

  inputs.forEach((cell) => {
    cell.addEventListener("focus", () => { dialogCell = cell; showRubric(cell); cell.select(); });
    cell.addEventListener("keydown", (event) => {
      const key = event.key;
      if (levels.includes(key)) {
        event.preventDefault();
        cell.value = key;
        if (key !== cell.dataset.saved || cell.dataset.state === "failed") {
          if (cell.dataset.saved !== "" && key !== cell.dataset.saved) {
            openDialog(cell, key, "");         // a change to a recorded score is a correction: ask why
            return;
          }
          save(cell, key);
        }
        move(cell, 1, 0);
        return;
      }
      const moves = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };
      if (moves[key]) { event.preventDefault(); move(cell, ...moves[key]); return; }
      if (key === "Enter") {
        event.preventDefault();
        if (cell.dataset.state === "failed" && cell.dataset.unsaved) { save(cell, cell.dataset.unsaved); return; }
        openDialog(cell, cell.value, "");
        return;
      }
      if (key === "?") { event.preventDefault(); dialogCell = cell; shortcuts.showModal(); return; }
      if (key.length === 1 && !event.ctrlKey && !event.metaKey) event.preventDefault();  // only levels are typed
    });
  });

  // Bulk actions on the ticked students. "Apply" only fills cells that have no score yet: changing a recorded
  // score is a correction, which needs its own reason, so those are reported and left alone.
  const bulkStatus = document.getElementById("bulk-status");
  const bulkSay = (text) => { bulkStatus.textContent = text; };
  const selected = () => Array.from(form.querySelectorAll(".select-student:checked")).map((box) => box.closest("tr"));
  document.getElementById("bulk-all").addEventListener("click", () => {
    const boxes = Array.from(form.querySelectorAll(".select-student"));
    const all = boxes.every((box) => box.checked);
    boxes.forEach((box) => { box.checked = !all; });
  });
  document.getElementById("bulk-apply").addEventListener("click", () => {
    const level = document.getElementById("bulk-level").value;
    const col = document.getElementById("bulk-indicator").value;
    const rowsChosen = selected();
    if (!rowsChosen.length) { bulkSay("Tick at least one student first."); return; }
    let applied = 0;
    let kept = 0;
    rowsChosen.forEach((row) => {
      const cell = row.querySelector('.score-input[data-col="' + col + '"]');
      if (row.classList.contains("absent")) return;
      if (cell.dataset.saved === "") { cell.value = level; save(cell, level); applied += 1; }
      else if (cell.dataset.saved !== level) { kept += 1; }
    });
    bulkSay("Applying " + level + " to " + applied + " student(s)." + (kept ? " " + kept + " already had a different score; correct those one by one with a reason." : ""));
  });
  async function markAbsent(state) {
    const rowsChosen = selected();
    if (!rowsChosen.length) { bulkSay("Tick at least one student first."); return; }
    const body = new FormData();
    rowsChosen.forEach((row) => body.append("student", row.dataset.student));
    body.append("state", state);
    let response;
    try {
      response = await fetch(form.dataset.absentUrl, { method: "POST", body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin" });
    } catch (error) { bulkSay("Not saved: the network did not answer. Try again."); return; }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) { bulkSay("Not saved: " + (data.error || "refused")); return; }
    data.students.forEach((id) => {
      const row = form.querySelector('tr[data-student="' + id + '"]');
      row.classList.toggle("absent", state === "on");
      row.querySelector(".absent-badge").hidden = state !== "on";
    });
    const skipped = (data.skipped || []).length;
    bulkSay((state === "on" ? "Marked not assessed: " : "Cleared: ") + data.students.length + " student(s)." + (skipped ? " " + skipped + " already had scores and were left as they are." : ""));
    const slots = Number(progress.dataset.slots);
    const perStudent = cols;
    progress.dataset.slots = String(slots + (state === "on" ? -1 : 1) * data.students.length * perStudent);
    updateProgress();
  }
  document.getElementById("bulk-absent").addEventListener("click", () => markAbsent("on"));
  document.getElementById("bulk-present").addEventListener("click", () => markAbsent("off"));

  window.addEventListener("beforeunload", (event) => {
    if (pending.size || inputs.some((el) => el.dataset.state === "failed")) { event.preventDefault(); event.returnValue = ""; }
  });

  // The first cell takes focus only now, with every key handled: an autofocus from the HTML could arrive
  // before this script, and the first levels typed would land as plain text that is never saved.
  const first = form.querySelector("[data-first-cell]");
  if (first && !form.contains(document.activeElement)) { first.focus(); first.select(); }
})();
