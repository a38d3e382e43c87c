"use strict";
(function () {
  var text = document.getElementById("text");
  if (!text) { return; }
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.f"));
  var primaries = marks.filter(function (m) { return !m.classList.contains("cont"); });
  var rows = Array.prototype.slice.call(document.querySelectorAll("ul.hits li[data-n]"));
  var current = null;

  function show(n) {
    current = n;
    marks.forEach(function (m) { m.classList.toggle("sel", m.dataset.n === n); });
    document.querySelectorAll("#details .detail").forEach(function (d) { d.hidden = d.id !== "d" + n; });
    var hint = document.querySelector("#details .hint");
    if (hint) { hint.hidden = true; }
  }

  function visible() {
    return primaries.filter(function (m) { return !m.classList.contains("off"); });
  }

  function step(delta) {
    var list = visible();
    if (!list.length) { return; }
    var i = list.findIndex(function (m) { return m.dataset.n === current; });
    var next = list[(i + delta + list.length) % list.length];
    if (i < 0 && delta < 0) { next = list[list.length - 1]; }
    next.focus();
    next.scrollIntoView({ block: "center" });
  }

  function applyFilters() {
    var on = { cat: {}, sev: {} };
    document.querySelectorAll("input[data-filter]").forEach(function (b) { on[b.dataset.filter][b.value] = b.checked; });
    var rule = document.getElementById("rule-filter").value;
    var unreviewed = document.getElementById("unreviewed");
    var todo = unreviewed && unreviewed.checked;
    function keep(el) {
      return on.cat[el.dataset.cat] && on.sev[el.dataset.sev] && (!rule || el.dataset.rule === rule) && !(todo && el.dataset.review);
    }
    marks.forEach(function (m) {
      var k = keep(m);
      m.classList.toggle("off", !k);
      if (!m.classList.contains("cont")) { m.tabIndex = k ? 0 : -1; }
    });
    rows.forEach(function (r) { r.classList.toggle("off", !keep(r)); });
    document.getElementById("shown").textContent = visible().length + " of " + primaries.length + " findings shown";
  }

  marks.forEach(function (m) {
    m.addEventListener("click", function () { if (!m.classList.contains("off")) { show(m.dataset.n); } });
  });
  primaries.forEach(function (m) { m.addEventListener("focus", function () { show(m.dataset.n); }); });
  document.querySelectorAll("input[data-filter], #rule-filter, #unreviewed").forEach(function (el) { el.addEventListener("change", applyFilters); });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (e.altKey || e.ctrlKey || e.metaKey || tag === "input" || tag === "select") { return; }
    if (e.key === "n" || e.key === "j") { step(1); e.preventDefault(); }
    if (e.key === "p" || e.key === "k") { step(-1); e.preventDefault(); }
    if (e.key === "Escape") { show(null); }
  });
  function fromHash() {
    var m = /^#f(\d+)$/.exec(location.hash);
    if (m) { show(m[1]); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  applyFilters();
})();
