// Draws the growth charts on a student's progress page (proficio.progress). Each chart's Vega-Lite spec is
// in a <script type="application/json"> beside its container; the text alternative is on the page already.
// The Content-Security-Policy forbids eval, so Vega evaluates expressions with its interpreter.
(function () {
  "use strict";
  function draw() {
    if (!window.vegaEmbed || !window.vegaInterpreter) return;
    document.querySelectorAll("[data-growth-chart]").forEach(function (container) {
      var source = document.getElementById(container.getAttribute("data-growth-chart"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      var locale = spec.usermeta && spec.usermeta.timeFormatLocale;
      window.vegaEmbed(container, spec, {
        timeFormatLocale: locale || undefined,
        ast: true,
        expr: window.vegaInterpreter.expressionInterpreter,
        actions: false,
        defaultStyle: false, // no injected <style> (CSP); site styles come from progress.css
        tooltip: { disableDefaultStyle: true },
        renderer: "svg",
      }).catch(function () {
        container.hidden = true; // the text alternative below still says everything
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
