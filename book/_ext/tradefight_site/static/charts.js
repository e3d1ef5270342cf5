/* Draw every chart on the page with the Vega runtime the site serves itself (vega-runtime.js).
   Each figure carries its Vega spec (compiled from Vega-Lite at build time) in a
   <script type="application/json"> block; nothing is fetched from the network. A chart is drawn when
   it comes near the viewport, and all are drawn before printing. In dark mode the spec's colours are
   swapped for the dark-mode partners it lists (usermeta.tfDark), and charts redraw when the reader
   switches mode. The embed snippet of each figure gets the chart page's full address. */
(function () {
  "use strict";
  function isDark() {
    var theme = document.documentElement.dataset.theme;
    if (theme) { return theme === "dark"; }
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  function recolour(value, map) {
    if (typeof value === "string") {
      var swap = map[value.toLowerCase()];
      return swap === undefined ? value : swap;
    }
    if (Array.isArray(value)) { return value.map(function (v) { return recolour(v, map); }); }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) { out[k] = k === "usermeta" ? value[k] : recolour(value[k], map); });
      return out;
    }
    return value;
  }
  function specFor(el) {
    var block = document.getElementById(el.getAttribute("data-spec"));
    if (!block) { return null; }
    var spec = JSON.parse(block.textContent);
    var map = spec.usermeta && spec.usermeta.tfDark;
    if (isDark() && map) {
      var lower = {};
      Object.keys(map).forEach(function (k) { lower[k.toLowerCase()] = map[k]; });
      spec = recolour(spec, lower);
    }
    return spec;
  }
  function draw(el) {
    var mode = isDark() ? "dark" : "light";
    if (el.dataset.tfState === "drawing" || (el.dataset.tfState === "drawn" && el.dataset.tfMode === mode)) { return; }
    var spec = specFor(el);
    if (!spec || typeof window.vegaEmbed !== "function") { return; }
    el.dataset.tfState = "drawing";
    window.vegaEmbed(el, spec, { mode: "vega", renderer: "svg", actions: false,
                                 tooltip: { theme: mode === "dark" ? "dark" : "light" } }).then(function (result) {
      if (el.tfView) { el.tfView.finalize(); }
      el.tfView = result.view;
      el.dataset.tfState = "drawn";
      el.dataset.tfMode = mode;
      el.classList.add("tf-drawn");
      if (isDark() !== (mode === "dark")) { draw(el); }  // the mode changed while drawing
    }).catch(function (err) {
      el.dataset.tfState = "failed";
      el.textContent = "This chart could not be drawn. The data table below has the same figures.";
      console.warn(err);
    });
  }
  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".tf-chart[data-spec]"));
    Array.prototype.forEach.call(document.querySelectorAll(".tf-embed-code[data-chart]"), function (pre) {
      var url = new URL(pre.getAttribute("data-chart"), window.location.href).href;
      pre.textContent = pre.textContent.replace(/src="[^"]*"/, 'src="' + url + '"');
    });
    var seen = function (el) { return el.dataset.tfState === "drawn" || el.dataset.tfState === "drawing"; };
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { observer.unobserve(entry.target); setTimeout(draw, 0, entry.target); }
        });
      }, { rootMargin: "300px 0px" });
      charts.forEach(function (el) { observer.observe(el); });
    } else {
      charts.forEach(draw);
    }
    window.addEventListener("beforeprint", function () { charts.forEach(draw); });
    var redraw = function () { charts.filter(seen).forEach(draw); };
    new MutationObserver(redraw).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    if (window.matchMedia) { window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redraw); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
