// The gradebook's explanation panel: htmx fetches a cell's evidence into #cell-panel; this file moves focus
// into the panel, marks the chosen cell, and closes the panel on Escape or its Close button, returning focus
// to the cell, so the whole flow works from the keyboard.
(function () {
  "use strict";
  const panel = document.getElementById("cell-panel");
  if (!panel) return;
  let opener = null;

  function close() {
    panel.hidden = true;
    panel.innerHTML = "";
    document.querySelectorAll(".gradebook a[aria-current]").forEach((a) => a.removeAttribute("aria-current"));
    if (opener) opener.focus();
  }

  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const link = event.detail.elt;
    if (link && link.closest && link.closest(".gradebook")) opener = link;
  });

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target !== panel) return;
    panel.hidden = false;
    document.querySelectorAll(".gradebook a[aria-current]").forEach((a) => a.removeAttribute("aria-current"));
    if (opener) opener.setAttribute("aria-current", "true");
    const heading = panel.querySelector("h2");
    if (heading) heading.focus();
  });

  // A failed fetch never leaves the user stuck: go to the cell's own page instead.
  document.body.addEventListener("htmx:responseError", (event) => {
    const link = event.detail.elt;
    if (link && link.href) window.location.assign(link.href);
  });

  panel.addEventListener("click", (event) => {
    if (event.target.closest("[data-close-panel]")) close();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });
})();
