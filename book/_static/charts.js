/* Draw every chart on the page with the Vega runtime that the site serves itself (vega-runtime.js).
   Each figure carries its Vega spec (compiled from Vega-Lite at build time) in a
   <script type="application/json"> block; no chart code
   runs inline and nothing is fetched from the network. A chart is drawn when it comes near the
   viewport (one task per chart, so the page stays responsive), and all are drawn before printing. */
(function () {
  "use strict";
  function draw(el) {
    if (el.dataset.tfState) { return; }
    el.dataset.tfState = "drawing";
    var block = document.getElementById(el.getAttribute("data-spec"));
    if (!block || typeof window.vegaEmbed !== "function") { return; }
    window.vegaEmbed(el, JSON.parse(block.textContent), { mode: "vega", renderer: "svg", actions: false }).then(function () {
      el.classList.add("tf-drawn");
    }).catch(function (err) {
      el.textContent = "This chart could not be drawn. The data table below has the same figures.";
      console.warn(err);
    });
  }
  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".tf-chart[data-spec]"));
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); setTimeout(draw, 0, entry.target); }
      });
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (el) { observer.observe(el); });
    window.addEventListener("beforeprint", function () { charts.forEach(draw); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
