"use strict";
// The review panel, added by `clinic-audit review` to the report's own pages (served from the same
// origin, allowed by the page's CSP as 'self'). It builds every element with createElement and
// textContent: nothing from an article or a comment is ever parsed as markup.
(function () {
  var meta = document.querySelector('meta[name="clinic-audit-csrf"]');
  if (!meta) { return; }
  var token = meta.content;
  var LABELS = { confirmed: "Confirmed", false_alarm: "False alarm", fixed: "Fixed", wont_fix: "Won't fix", waived: "Waived" };
  var KEYS = { c: "confirmed", f: "false_alarm", x: "fixed", w: "wont_fix" };
  var NAME_KEY = "clinic-audit.reviewer";

  function el(tag, props, children) {
    var e = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") { e.textContent = props[k]; } else if (k in e && k !== "list") { e[k] = props[k]; } else { e.setAttribute(k, props[k]); }
    });
    (children || []).forEach(function (c) { if (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); } });
    return e;
  }

  function api(method, url, body) {
    var opts = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" } };
    if (body) {
      opts.headers["Content-Type"] = "application/json";
      opts.headers["X-CSRF-Token"] = token;
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) { throw new Error(data.error || "HTTP " + r.status); }
        return data;
      });
    });
  }

  function day(at) { return (at || "").slice(0, 10); }

  function precisionText(s) {
    if (!s) { return "no decisions yet"; }
    var p = s.precision === null ? "n/a" : s.precision.toFixed(2);
    return "precision " + p + " (" + s.confirmed + " confirmed, " + s.false_alarm + " false alarm, " +
      s.fixed + " fixed, " + s.wont_fix + " won't fix)";
  }

  function statsTable(rules) {
    var body = el("tbody");
    Object.keys(rules).sort(function (a, b) {
      var pa = rules[a].precision, pb = rules[b].precision;
      return (pa === null) - (pb === null) || (pa || 0) - (pb || 0) || (a < b ? -1 : 1);
    }).forEach(function (code) {
      var s = rules[code];
      body.appendChild(el("tr", {}, [el("td", { text: code }),
        el("td", { className: "num", text: s.precision === null ? "n/a" : s.precision.toFixed(2) }),
        el("td", { className: "num", text: String(s.confirmed) }), el("td", { className: "num", text: String(s.false_alarm) }),
        el("td", { className: "num", text: String(s.fixed) }), el("td", { className: "num", text: String(s.wont_fix) })]));
    });
    var head = el("tr", {}, ["rule", "precision", "confirmed", "false alarm", "fixed", "won't fix"].map(function (h) { return el("th", { text: h }); }));
    return el("table", { className: "rv-stats" }, [el("thead", {}, [head]), body]);
  }

  var text = document.getElementById("text");
  if (!text) { indexPage(); return; }

  var aid = text.dataset.article;
  var byFp = {};
  var stats = {};
  var historyCache = {};
  var status = el("p", { id: "rv-status", role: "status" });
  var name = el("input", { id: "rv-name", type: "text", autocomplete: "name", maxLength: 80, placeholder: "your name" });
  var comment = el("input", { id: "rv-comment", type: "text", maxLength: 2000, placeholder: "optional comment" });
  var current = el("p", { id: "rv-current" });
  var ruleLine = el("p", { id: "rv-rule" });
  var history = el("ul", { id: "rv-history" });
  var progress = el("p", { id: "rv-progress" });
  var resolvedList = el("ul");
  var resolvedSummary = el("summary", { text: "Resolved decisions" });
  var statsBox = el("div");
  var buttons = Object.keys(KEYS).map(function (k) {
    var b = el("button", { type: "button", className: "rv-" + KEYS[k], text: LABELS[KEYS[k]] + " (" + k + ")" });
    b.dataset.decision = KEYS[k];
    b.addEventListener("click", function () { decide(KEYS[k]); });
    return b;
  });
  var finding = el("div", { id: "rv-finding", hidden: true }, [current, ruleLine,
    el("label", {}, ["Comment ", comment]), el("div", { className: "rv-buttons" }, buttons),
    el("h3", { text: "History" }), history]);
  var panel = el("section", { id: "review-panel", "aria-label": "Review" }, [
    el("h2", { text: "Review" }), el("label", {}, ["Reviewer ", name]), progress, finding, status,
    el("p", { className: "rv-hint", text: "Keys: n / p next and previous; c confirmed, f false alarm, x fixed, w won't fix; u unreviewed only; Esc leaves a text box." }),
    el("details", { id: "rv-resolved" }, [resolvedSummary, resolvedList]),
    el("details", { id: "rv-rules" }, [el("summary", { text: "Rule precision (confirmed / (confirmed + false alarm))" }), statsBox])]);
  var details = document.getElementById("details");
  details.insertBefore(panel, details.firstChild);

  try { name.value = localStorage.getItem(NAME_KEY) || ""; } catch (e) { /* storage may be disabled */ }
  name.addEventListener("change", function () {
    try { localStorage.setItem(NAME_KEY, name.value.trim()); } catch (e) { /* not remembered */ }
  });

  function say(msg, bad) { status.textContent = msg; status.className = bad ? "bad" : ""; }

  function selected() { return document.querySelector("mark.f.sel:not(.cont)"); }

  function reviewOf(f) { return f.decision ? f.decision.decision : (f.review ? f.review.decision : null); }

  function setMarks(fp) {
    var f = byFp[fp];
    var d = f ? reviewOf(f) : null;
    document.querySelectorAll("mark.f[data-fp='" + fp + "']").forEach(function (m) {
      if (d) { m.dataset.review = d; } else { delete m.dataset.review; }
      var row = document.querySelector("ul.hits li[data-n='" + m.dataset.n + "']");
      if (row && d) { row.dataset.review = d; }
    });
  }

  function showProgress() {
    var fps = Object.keys(byFp);
    var done = fps.filter(function (fp) { return reviewOf(byFp[fp]); }).length;
    progress.textContent = done + " of " + fps.length + " findings reviewed";
  }

  function showHistory(fp) {
    history.textContent = "";
    (historyCache[fp] || []).forEach(function (h) {
      var change = (h.previous ? LABELS[h.previous] + " \u2192 " : "") + LABELS[h.decision];
      history.appendChild(el("li", {}, [day(h.decided_at) + " " + h.reviewer + ": " + change + (h.comment ? ": " + h.comment : "")]));
    });
    if (!history.firstChild) { history.appendChild(el("li", { text: "no decisions yet" })); }
  }

  function update() {
    var m = selected();
    var f = m && byFp[m.dataset.fp];
    finding.hidden = !f;
    if (!f) { return; }
    var d = f.decision;
    if (d) {
      current.textContent = LABELS[d.decision] + " by " + d.reviewer + ", " + day(d.decided_at) + (d.comment ? ": " + d.comment : "");
    } else if (f.review) {
      current.textContent = LABELS[f.review.decision] + " in " + f.review.origin + " by " + f.review.by + ", " + day(f.review.at);
    } else {
      current.textContent = "Not reviewed yet.";
    }
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(!!d && b.dataset.decision === d.decision)); });
    ruleLine.textContent = f.rule_id + ": " + precisionText(stats[f.rule_id]);
    if (panel.dataset.fp !== f.fingerprint) {
      panel.dataset.fp = f.fingerprint;
      comment.value = d ? d.comment : "";
      if (historyCache[f.fingerprint]) { showHistory(f.fingerprint); } else { loadHistory(f.fingerprint); }
    }
  }

  function loadHistory(fp) {
    history.textContent = "";
    api("GET", "/api/history?fingerprint=" + encodeURIComponent(fp)).then(function (data) {
      historyCache[fp] = data.history;
      if (panel.dataset.fp === fp) { showHistory(fp); }
    }).catch(function (e) { say("History not loaded: " + e.message, true); });
  }

  function loadStats() {
    return api("GET", "/api/stats").then(function (data) {
      stats = data.rules;
      statsBox.textContent = "";
      statsBox.appendChild(statsTable(stats));
      update();
    });
  }

  function refilter() {
    var box = document.getElementById("unreviewed");
    if (box) { box.dispatchEvent(new Event("change")); }
  }

  function decide(decision) {
    var m = selected();
    if (!m || !byFp[m.dataset.fp]) { say("Select a finding first (n / p, or click a highlight).", true); return; }
    var who = name.value.trim();
    if (!who) { say("Enter your name as reviewer first.", true); name.focus(); return; }
    var fp = m.dataset.fp;
    api("POST", "/api/decisions", { fingerprint: fp, decision: decision, comment: comment.value, reviewer: who })
      .then(function (d) {
        byFp[fp].decision = d;
        delete historyCache[fp];
        panel.dataset.fp = "";
        setMarks(fp);
        showProgress();
        say("Recorded: " + LABELS[decision] + " (" + byFp[fp].rule_id + ").");
        document.getElementById("next").click();
        refilter();
        loadStats();
      })
      .catch(function (e) { say("Not recorded: " + e.message, true); });
  }

  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" && e.key === "Escape" && (e.target === name || e.target === comment)) {
      e.target.blur();
      var m = selected();
      if (m) { m.focus(); }
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey || tag === "input" || tag === "select" || tag === "textarea") { return; }
    if (KEYS[e.key]) { decide(KEYS[e.key]); e.preventDefault(); }
    if (e.key === "u") {
      var box = document.getElementById("unreviewed");
      if (box) { box.checked = !box.checked; refilter(); }
      e.preventDefault();
    }
  });
  new MutationObserver(update).observe(text, { subtree: true, attributes: true, attributeFilter: ["class"] });

  Promise.all([
    api("GET", "/api/findings?article=" + encodeURIComponent(aid)),
    api("GET", "/api/decisions?article=" + encodeURIComponent(aid))
  ]).then(function (res) {
    res[0].findings.forEach(function (f) { byFp[f.fingerprint] = f; setMarks(f.fingerprint); });
    var resolved = res[1].decisions.filter(function (d) { return d.resolved; });
    resolvedSummary.textContent = "Resolved decisions (" + resolved.length + "): their finding no longer appears";
    resolved.forEach(function (d) {
      resolvedList.appendChild(el("li", {}, [el("strong", { text: d.rule_id }), " ", el("q", { text: d.text }), " " +
        LABELS[d.decision] + " by " + d.reviewer + ", " + day(d.decided_at) + (d.comment ? ": " + d.comment : "")]));
    });
    showProgress();
    refilter();
    panel.dataset.ready = "1";
    return loadStats();
  }).catch(function (e) { say("The review server did not answer: " + e.message, true); });

  function indexPage() {
    var main = document.querySelector("main") || document.body;
    var box = el("div");
    var line = el("p");
    main.appendChild(el("section", { id: "review-panel", className: "rv-index" }, [
      el("h2", { text: "Review" }), line,
      el("h3", { text: "Rule precision from the editors' decisions (worst first)" }), box]));
    Promise.all([api("GET", "/api/findings"), api("GET", "/api/stats")]).then(function (res) {
      var all = res[0].findings;
      var done = all.filter(function (f) { return f.decision || f.review; }).length;
      line.textContent = done + " of " + all.length + " findings reviewed.";
      box.appendChild(statsTable(res[1].rules));
    }).catch(function (e) { line.textContent = "The review server did not answer: " + e.message; });
  }
})();
