"use strict";
// The report's only script (allowed by its hash in the page's CSP). It toggles classes, `hidden`
// and ARIA attributes, moves table rows and wraps header cells in buttons; it never parses
// markup. Without it every page still reads in full.
(function () {
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  // Sortable tables: every header cell becomes a button (Enter or Space from the keyboard);
  // aria-sort on the header cell tells the current order. Ties keep the original order.
  function sortable(table) {
    var body = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    Array.prototype.forEach.call(body.rows, function (r, i) { r.dataset.order = String(i); });
    function key(row, col, numeric) {
      var cell = row.cells[col];
      var v = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent;
      return numeric ? parseFloat(v) : v.trim().toLowerCase();
    }
    function sortBy(col, numeric, ascending) {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, col, numeric), y = key(b, col, numeric);
        var d = numeric ? x - y : x.localeCompare(y);
        return (ascending ? d : -d) || (Number(a.dataset.order) - Number(b.dataset.order));
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.title = "Sort by this column";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        sortBy(col, th.dataset.type === "num", ascending);
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }
  all("table.sortable").forEach(sortable);

  // The index's filters, by verdict and by category (articles with findings in it).
  var ranking = document.getElementById("ranking");
  if (ranking) {
    var verdict = document.getElementById("verdict-filter");
    var category = document.getElementById("category-filter");
    var shownRows = document.getElementById("rows-shown");
    var articleRows = Array.prototype.slice.call(ranking.tBodies[0].rows);
    var filterRows = function () {
      var shown = 0;
      articleRows.forEach(function (r) {
        var keep = (!verdict.value || r.dataset.verdict === verdict.value) &&
          (!category.value || r.dataset.categories.split(" ").indexOf(category.value) >= 0);
        r.hidden = !keep;
        if (keep) { shown += 1; }
      });
      shownRows.textContent = shown + " of " + articleRows.length + " articles shown";
    };
    verdict.addEventListener("change", filterRows);
    category.addEventListener("change", filterRows);
    document.getElementById("article-filters").hidden = false;
    filterRows();
  }

  var text = document.getElementById("text");
  if (!text) { return; }
  var marks = all("mark.f");
  var primaries = marks.filter(function (m) { return !m.classList.contains("cont"); });
  var rows = all("ul.hits li[data-n]");
  var sentenceRows = all("#translators tbody tr");
  var current = null;

  // Two views of an article, as tabs: the text with its findings, and the translators' table.
  var views = { review: document.getElementById("review"), translators: document.getElementById("translators") };
  var tabs = { review: document.getElementById("tab-review"), translators: document.getElementById("tab-translators") };
  function showView(name) {
    Object.keys(views).forEach(function (k) {
      views[k].hidden = k !== name;
      tabs[k].setAttribute("aria-current", String(k === name));
    });
  }

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
    if (views.review.hidden) {
      showView("review");
      history.replaceState(null, "", "#review");
    }
    var list = visible();
    if (!list.length) { return; }
    var i = list.findIndex(function (m) { return m.dataset.n === current; });
    var next = list[(i + delta + list.length) % list.length];
    if (i < 0 && delta < 0) { next = list[list.length - 1]; }
    next.focus();
    next.scrollIntoView({ block: "center" });
  }

  var ruleFilter = document.getElementById("rule-filter");
  function applyFilters() {
    var on = { cat: {}, sev: {} };
    document.querySelectorAll("input[data-filter]").forEach(function (b) { on[b.dataset.filter][b.value] = b.checked; });
    var rule = ruleFilter.value;
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
    sentenceRows.forEach(function (tr) {
      tr.hidden = !tr.querySelector("ul.hits li[data-n]:not(.off)");
    });
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

  // The fragment: #translators opens that view; #fN shows finding N; #rule=CODE shows only
  // that rule's findings (the rule pages link here); anything else shows the text.
  function fromHash() {
    var hash = location.hash;
    if (hash === "#translators") { showView("translators"); return; }
    showView("review");
    var f = /^#f(\d+)$/.exec(hash);
    if (f) { show(f[1]); }
    var r = /^#rule=(.+)$/.exec(hash);
    if (r) {
      var code = decodeURIComponent(r[1]);
      if (Array.prototype.some.call(ruleFilter.options, function (o) { return o.value === code; })) {
        ruleFilter.value = code;
        applyFilters();
      }
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  applyFilters();
})();
