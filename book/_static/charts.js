/* Draw every chart on the page with the Vega runtime that the site serves itself (vega-runtime.js).
   Each figure carries its Vega-Lite spec in a <script type="application/json"> block; no chart code
   runs inline and nothing is fetched from the network. */
(function () {
  "use strict";
  function draw() {
    document.querySelectorAll(".tf-chart[data-spec]").forEach(function (el) {
      var block = document.getElementById(el.getAttribute("data-spec"));
      if (!block || typeof window.vegaEmbed !== "function") { return; }
      var spec = JSON.parse(block.textContent);
      window.vegaEmbed(el, spec, { renderer: "svg", actions: false }).then(function () {
        el.classList.add("tf-drawn");
      }).catch(function (err) {
        el.textContent = "This chart could not be drawn. The data table below has the same figures.";
        console.warn(err);
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
