/* Draw every chart on the page with the Vega runtime the site serves itself (vega-runtime.js, loaded
   once the page has finished loading, so it never holds up the first paint).
   A chart's Vega spec (compiled from Vega-Lite at build time) is a small script beside the page,
   charts/<name>.spec.js, loaded when the chart comes near the viewport (all of them before printing);
   nothing is fetched from the network. In dark mode the spec's colours are swapped for the dark-mode
   partners it lists (usermeta.tfDark), and charts redraw when the reader switches mode. If a spec
   cannot load (a page opened from disk without its files), the chart's static image is shown. */
(function () {
  "use strict";
  var specs = window.tfSpecs = window.tfSpecs || {};
  var waiting = {};
  var here = document.currentScript ? document.currentScript.src : "";
  var runtime = null;  // a promise of vegaEmbed
  function loadRuntime() {
    if (!runtime) {
      runtime = new Promise(function (resolve, reject) {
        if (typeof window.vegaEmbed === "function") { resolve(); return; }
        var script = document.createElement("script");
        script.src = here.replace(/charts\.js(\?.*)?$/, "vega-runtime.js");
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return runtime;
  }
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
  function themed(spec) {
    var map = spec.usermeta && spec.usermeta.tfDark;
    if (!isDark() || !map) { return spec; }
    var lower = {};
    Object.keys(map).forEach(function (k) { lower[k.toLowerCase()] = map[k]; });
    return recolour(spec, lower);
  }
  function fallback(el) {
    el.dataset.tfState = "failed";
    var img = document.createElement("img");
    img.className = "tf-static";
    img.src = el.getAttribute("data-src").replace(/\.spec\.js$/, ".svg");
    img.alt = (document.getElementById(el.getAttribute("aria-describedby")) || {}).textContent || "";
    el.replaceChildren(img);
  }
  function render(el) {
    var spec = specs[el.getAttribute("data-chart")];
    if (!spec) { return; }
    el.dataset.tfState = "drawing";
    loadRuntime().then(function () { embed(el, spec); }, function () { fallback(el); });
  }
  function embed(el, spec) {
    var mode = isDark() ? "dark" : "light";
    window.vegaEmbed(el, themed(spec), { mode: "vega", renderer: "svg", actions: false,
                                         tooltip: { theme: mode } }).then(function (result) {
      if (el.tfView) { el.tfView.finalize(); }
      el.tfView = result.view;
      el.dataset.tfState = "drawn";
      el.dataset.tfMode = mode;
      el.classList.add("tf-drawn");
      if (isDark() !== (mode === "dark")) { render(el); }  // the mode changed while drawing
    }).catch(function (err) { console.warn(err); fallback(el); });
  }
  function draw(el) {
    var state = el.dataset.tfState;
    if (state === "drawing" || state === "loading" || state === "failed" ||
        (state === "drawn" && el.dataset.tfMode === (isDark() ? "dark" : "light"))) { return; }
    var name = el.getAttribute("data-chart");
    if (specs[name]) { render(el); return; }
    el.dataset.tfState = "loading";
    (waiting[name] = waiting[name] || []).push(el);
    var script = document.createElement("script");
    script.src = el.getAttribute("data-src");
    script.onerror = function () { (waiting[name] || []).forEach(fallback); delete waiting[name]; };
    document.head.appendChild(script);
  }
  window.tfSpecLoaded = function (name) {
    (waiting[name] || []).forEach(render);
    delete waiting[name];
  };
  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll(".tf-chart[data-chart]"));
    Array.prototype.forEach.call(document.querySelectorAll(".tf-embed-code[data-chart]"), function (pre) {
      var url = new URL(pre.getAttribute("data-chart"), window.location.href).href;
      pre.textContent = pre.textContent.replace(/src="[^"]*"/, 'src="' + url + '"');
    });
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
    var redraw = function () { charts.filter(function (el) { return el.dataset.tfState === "drawn"; }).forEach(draw); };
    new MutationObserver(redraw).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    if (window.matchMedia) { window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redraw); }
  }
  // Charts start after the page has loaded and painted: text first, then the runtime and the charts.
  var begin = function () { setTimeout(start, 0); };
  if (document.readyState === "complete") { begin(); } else { window.addEventListener("load", begin); }
})();
