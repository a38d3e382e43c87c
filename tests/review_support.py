"""Shared by the review tests: a small report directory rendered by the report's own code but
without the NLP pipeline (fast), and the review server run as a real process on a free port."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from pipeline.model import Finding, fingerprint, fingerprint_key
from pipeline.report import files, html, summary as summary_mod
from pipeline.policy import Policy, evaluate
from tests.conftest import ROOT

# Article text with markup in it: the review page must show it as text.
ALPHA = ("Muscle cramps\n\n"
         "Symptoms include pain, stiffness and stiffness, and fatigue.\n\n"
         "Take <b onmouseover=\"window.__pwned=1\">magnesium</b> every every day.\n")
BETA = "Back pain\n\nRest helps helps most patients.\n"


def _finding(aid: str, source: str, text: str, needle: str, rule: str, severity: str,
             category: str) -> Finding:
    start = text.index(needle)
    end = start + len(needle)
    line = text.count("\n", 0, start) + 1
    return Finding(source=source, article_id=aid, start=start, end=end, line=line,
                   column=start - (text.rfind("\n", 0, start) + 1) + 1, text=needle,
                   rule_id=rule, rule_name=rule.lower(), category=category,
                   mqm_type="Fluency/Grammar", severity=severity,
                   message=f"{rule}: check <{needle}>", suggestion=None, evidence={},
                   confidence=0.9,
                   fingerprint=fingerprint(fingerprint_key(rule, aid, text, start, end), 0))


def build_report(out: Path, extra: int = 0) -> list[Finding]:
    """Reports for two articles (alpha: 3 findings, beta: 1) and, with `extra`, an article
    `gamma` with that many more; returns the findings."""
    texts = {"alpha": ("alpha.txt", ALPHA), "beta": ("beta.txt", BETA)}
    findings = [_finding("alpha", "alpha.txt", ALPHA, "stiffness and stiffness", "TR002",
                         "minor", "translation"),
                _finding("alpha", "alpha.txt", ALPHA, "<b onmouseover=\"window.__pwned=1\">",
                         "CO001", "major", "content"),
                _finding("alpha", "alpha.txt", ALPHA, "every every", "TR002", "minor",
                         "translation"),
                _finding("beta", "beta.txt", BETA, "helps helps", "TR002", "minor",
                         "translation")]
    if extra:
        gamma = "".join(f"Line {i} repeats a word word here.\n" for i in range(extra))
        texts["gamma"] = ("gamma.txt", gamma)
        offset = 0
        for i in range(extra):
            line = f"Line {i} repeats a word word here.\n"
            f = _finding("gamma", "gamma.txt", line, "word word", "TR002", "minor",
                         "translation")
            start = offset + f.start
            f.start, f.end, f.line = start, start + len("word word"), i + 1
            f.fingerprint = fingerprint(fingerprint_key("TR002", "gamma", gamma, f.start,
                                                        f.end), 0)
            findings.append(f)
            offset += len(line)
    write_findings(out, findings, texts)
    return findings


def write_findings(out: Path, findings: list[Finding], texts: dict[str, tuple[str, str]]):
    rows = [{"article_id": aid, "source": src, "word_count": len(t.split()), "title": ""}
            for aid, (src, t) in texts.items()]
    sha = files.write_jsonl(out / "findings.jsonl", findings)
    summary = summary_mod.build(rows, findings, ingest={}, detect={},
                                validation={"success": True, "suites": {}}, findings_sha256=sha)
    verdicts = evaluate([{"article_id": aid, "source": a["source"], "words": a["words"]}
                         for aid, a in summary["articles"].items()], findings, Policy(),
                        accepted=set())
    html.write(out, summary=summary, findings=findings,
               texts={aid: t for aid, (_, t) in texts.items()}, segments=[], verdicts=verdicts,
               policy=Policy())
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")


@contextmanager
def review_server(reports: Path, db: Path, *args: str, timeout: float = 30.0):
    """`clinic-audit review --port 0` as a real process; yields (process, base URL)."""
    cmd = [sys.executable, "-c", "from pipeline.cli import main; main()",
           "--params", str(ROOT / "params.yaml"), "review", "--reports", str(reports),
           "--db", str(db), "--port", "0", *args]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    try:
        if not first or "http://" not in first[0]:
            proc.kill()
            raise RuntimeError(f"the review server did not start: {proc.stderr.read()}")
        url = first[0].split("http://", 1)[1].split("/", 1)[0]
        yield proc, f"http://{url}"
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
