"""The report stage's files written article by article, in bounded memory: the same bytes as the
whole-release builders (files, sarif, fixlist, xliff_out, html, summary), but the stage never holds
the texts, segments or findings of every article at once.

1. The articles (with their blocks) and their segments, batch by batch, go into an SQLite file
   keyed by article id (`ArticleStore`, in a `Spill` folder of the data directory); the stage
   keeps a compact record of each (id, source, words, title, artifact URI).
2. One pass over a few columns of findings.parquet: the rules and sources that have findings
   (SARIF's rules and artifacts) and the passages that findings point to in other articles.
3. One pass over the findings, in their order (sorted by source): findings.jsonl (hashed while
   written), findings.csv and SARIF's results are written finding by finding; when a source's
   findings are all read, each of its articles is fetched from the store for its sentences, its
   fix list rows (kept in the store, for the articles' order), its annotated XLIFF copy, its page
   and its rule-page occurrences (the sentence tokens only, appended to one spill file a rule).
4. The articles without findings get their pages; then summary.json, articles.csv, junit.xml,
   fixlist.csv, index.html and the rule pages (one rule's occurrences in memory at a time).

Kept for the whole release: a record, a verdict (with its gating findings in brief) and a summary
entry per article, and per rule its counts and the ids of its articles; nothing that grows with
the texts. Why SQLite rather than grouping findings by article: findings come sorted by source
and articles in read order, and either order needs the other side looked up by key; the articles
are stored once, and each is read back once or twice."""
from __future__ import annotations

import csv
import hashlib
import json
import pickle
import sqlite3
from collections import namedtuple
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

import pandas as pd

from pipeline import cache, io, table_files, tables
from pipeline.model import SEVERITIES, Finding
from pipeline.offsets import line_starts
from pipeline.parallel import jobs_setting
from pipeline.policy import Verdict, evaluate
from pipeline.report import files, fixlist, html, junit, sarif, summary as summary_mod, xliff_out
from pipeline.report.context import Sentences
from pipeline.report.files import CSV_COLUMNS, json_line
from pipeline.report.pages import Pages
from pipeline.review import marks
from pipeline.spill import Spill
from pipeline.stages.common import data_path, read_batches

# what junit.xml says of a gating finding: all a verdict keeps of it
Brief = namedtuple("Brief", "source line column rule_id severity message")
# what a rule page shows of a finding besides its context
Occurrence = namedtuple("Occurrence", "severity line column unit_id message suggestion")
_LOCATION = ["rule_id", "source", "fingerprint", "evidence"]


class ArticleStore:
    """Each article (with its blocks; None for one that failed a step) and its segments (rows of
    segments_scored), by id, with its place in the read order; and each article's fix list rows."""

    def __init__(self, folder: Path):
        self.db = sqlite3.connect(Path(folder) / "articles.sqlite")
        self.db.execute("CREATE TABLE article (id TEXT PRIMARY KEY, ord INTEGER, data BLOB)")
        self.db.execute("CREATE TABLE fix (ord INTEGER PRIMARY KEY, data BLOB)")

    def close(self) -> None:
        self.db.close()

    def put(self, aid: str, ord_: int, article, segments: list[dict]) -> None:
        self.db.execute("INSERT OR REPLACE INTO article VALUES (?, ?, ?)",
                        (aid, ord_, pickle.dumps((article, segments), pickle.HIGHEST_PROTOCOL)))

    def get(self, aid: str) -> tuple:
        row = self.db.execute("SELECT data FROM article WHERE id = ?", (aid,)).fetchone()
        return pickle.loads(row[0]) if row else (None, [])

    def ordered(self):
        """(id, article, segments) of the articles, in read order."""
        for aid, data in self.db.execute("SELECT id, data FROM article WHERE ord >= 0 "
                                         "ORDER BY ord"):
            yield (aid, *pickle.loads(data))

    def put_fix(self, ord_: int, rows: list[dict]) -> None:
        self.db.execute("INSERT INTO fix VALUES (?, ?)",
                        (ord_, pickle.dumps(rows, pickle.HIGHEST_PROTOCOL)))

    def fixes(self):
        for (data,) in self.db.execute("SELECT data FROM fix ORDER BY ord"):
            yield from pickle.loads(data)


def write(settings: dict, out: Path, *, policy, reviews: dict, failed: set[str], ingest: dict,
          detect: dict, validation: Callable[[], dict | None], segment_failures: list[dict]
          ) -> tuple[dict, list[dict]]:
    """Every report file under `out` but metrics.json and summary.json; returns the summary and
    the articles whose report step failed (fix list, XLIFF copy, page), as `html.write` does.
    `validation()` gives validation.json (or None), asked for once the articles are written."""
    with Spill(Path(settings["data_dir"]), "report") as spill:
        store = ArticleStore(spill.folder)
        try:
            return _Report(settings, out, policy, reviews, store, spill.folder).run(
                failed, ingest=ingest, detect=detect, validation=validation,
                segment_failures=segment_failures)
        finally:
            store.close()


class _Report:
    def __init__(self, settings, out, policy, reviews, store, folder):
        self.settings, self.out, self.policy, self.reviews = settings, Path(out), policy, reviews
        self.store, self.folder = store, Path(folder)
        self.accepted = marks.waived(reviews)
        self.records: dict[str, dict] = {}  # article id -> compact record, in read order
        self.entries: dict[str, dict] = {}  # article id -> summary.json's entry
        self.verdicts: dict[str, Verdict] = {}
        self.orphans: dict[str, int] = {}  # findings' articles that are not in the release
        self.failures = {"fixlist": {}, "xliff": {}, "report": {}}  # by read order
        self.orphan_fixes: list[dict] = []
        self.written: set[str] = set()
        self.rules: dict[str, dict] = {}  # code -> name, category, by_severity, articles
        self.rule_files: dict[str, object] = {}
        self.tally = summary_mod.Tally()
        self.review_tally = marks.ReviewTally(reviews)
        self.common = html.common_context(policy)
        self.docs = html.rule_docs()

    def run(self, failed, *, ingest, detect, validation, segment_failures):
        self._store_articles(failed)
        codes, sources = self._scan_findings()
        self.pages = Pages(self.out, self.cross, self.docs, self.common,
                           jobs_setting(self.settings.get("jobs", 1)),
                           keep=cache.enabled(self.settings))
        try:
            try:
                with ExitStack() as stack:
                    try:
                        self._stream_findings(stack, codes, sources)
                    finally:
                        for f in self.rule_files.values():
                            f.close()
                for aid, article, segments in self.store.ordered():
                    if aid not in self.entries:
                        self._article(aid, article, segments, [])
            finally:
                self._made(self.pages.close())
            stats = self._rule_stats()
            rule_pages = self._rule_pages(stats)  # on the workers, while this process goes on
            verdicts = {aid: self.verdicts[aid] for aid in self.records}
            summary = summary_mod.assemble({aid: self.entries[aid] for aid in self.records},
                                           self.tally, ingest=ingest, detect=detect,
                                           validation=validation(), findings_sha256=self.sha256,
                                           failures=segment_failures)
            summary_mod.add_policy(summary, verdicts, self.policy, self.out)
            summary["review"] = self.review_tally.summary()
            files.write_articles_csv(self.out / "articles.csv", summary,
                                     {aid: v.passed for aid, v in verdicts.items()})
            self.sarif.write(self.out / "findings.sarif", codes, sources, self.uris)
            io.write_text(self.out / "junit.xml", junit.build(verdicts, self.policy))
            self._write_fixlist()
            step = [*self._failed("fixlist"), *self._failed("xliff")]
            summary_mod.add_failures(summary, step)
            pages = self._failed("report")
            summary_mod.add_failures(summary, pages)
            html.write_index(self.out, summary, verdicts, self.written, stats, self.docs,
                             self.common, self.pages.digests)
            if cache.enabled(self.settings):
                cache.STATS["pages"] = {"hits": self.pages.kept,
                                        "misses": len(self.pages.digests) - self.pages.kept}
            rule_pages()
            return summary, step + pages
        finally:
            self.pages.shutdown()

    # 1. the articles into the store
    def _store_articles(self, failed: set[str]) -> None:
        names = ["articles.parquet", "segments_scored.parquet"]
        with_blocks = table_files.exists(data_path(self.settings, "blocks.parquet"))
        if with_blocks:
            names.append("blocks.parquet")
        self.uris, self.by_source = {}, {}  # source -> URI; source -> the id whose text counts
        for batch in read_batches(self.settings, *names):
            frame, segments = batch[0], batch[1]
            blocks = batch[2] if with_blocks else pd.DataFrame(columns=tables.BLOCK_COLUMNS)
            segs: dict[str, list[dict]] = {}
            for s in segments.to_dict("records"):
                segs.setdefault(s["article_id"], []).append(s)
            rows = frame[["article_id", "source", "path", "word_count",
                          "metadata"]].to_dict("records")
            articles = {a.article_id: a for a in tables.articles_from_frames(frame, blocks)}
            for r in rows:
                aid = r["article_id"]
                if aid in failed:
                    self.store.put(aid, -1, None, segs.pop(aid, []))
                    continue
                self.records[aid] = {"article_id": aid, "source": r["source"],
                                     "word_count": r["word_count"],
                                     "title": json.loads(r["metadata"]).get("title")}
                self.uris[r["source"]] = sarif.artifact_uri(r["path"], r["source"])
                self.by_source[r["source"]] = aid
                self.store.put(aid, len(self.records) - 1, articles[aid], segs.pop(aid, []))
            for aid, rest in segs.items():  # segments of an article not in the table
                self.store.put(aid, -1, None, rest)
        self.store.db.commit()
        self.ords = {aid: k for k, aid in enumerate(self.records)}

    # 2. the rules, sources and cross-article passages of the findings
    def _scan_findings(self) -> tuple[list[str], list[str]]:
        found, sources = set(), set()
        self.cross = html.CrossLinks({r["source"]: aid for aid, r in self.records.items()},
                                     self.records)
        for chunk in table_files.batches(data_path(self.settings, "findings.parquet"),
                                         columns=_LOCATION):
            found.update(chunk["rule_id"])
            sources.update(chunk["source"])
            for fp, evidence in zip(chunk["fingerprint"], chunk["evidence"]):
                if evidence and '"start"' in evidence:  # other_passages needs a start
                    self.cross.add(fp, json.loads(evidence))
        return sarif.rule_codes(found), sorted(sources)

    # 3. the findings, source by source
    def _stream_findings(self, stack: ExitStack, codes: list[str], sources: list[str]) -> None:
        self.rule_index = {c: i for i, c in enumerate(codes)}
        self.artifact_index = {s: i for i, s in enumerate(sources)}
        self.jsonl = stack.enter_context(io.atomic_writer(self.out / "findings.jsonl"))
        self.hash = hashlib.sha256()
        csv_file = stack.enter_context(io.atomic_writer(self.out / "findings.csv"))
        csv_file.write("\ufeff")
        self.csv = csv.DictWriter(csv_file, fieldnames=CSV_COLUMNS, lineterminator="\n")
        self.csv.writeheader()
        self.sarif = sarif.ResultsWriter(self.folder / "results.json")
        stack.callback(self.sarif.close)
        group: list[Finding] = []
        for chunk in table_files.batches(data_path(self.settings, "findings.parquet")):
            for f in marks.mark(tables.findings_from_frame(chunk), self.reviews):
                if group and f.source != group[0].source:
                    self._source(group)
                    group = []
                group.append(f)
        if group:
            self._source(group)
        self.sha256 = self.hash.hexdigest()

    def _source(self, group: list[Finding]) -> None:
        """The findings of one source (all of its articles' findings), in their order."""
        self.tally.add(group)
        self.review_tally.add(group)
        by_article: dict[str, list[Finding]] = {}
        for f in group:
            by_article.setdefault(f.article_id, []).append(f)
        stored = {aid: self.store.get(aid) for aid in by_article}
        sentences = {aid: Sentences(segs) for aid, (_, segs) in stored.items()}
        owner = self.by_source.get(group[0].source)
        text = None
        if owner is not None:
            text = (stored[owner] if owner in stored else self.store.get(owner))[0].file_text
        starts = line_starts(text) if text is not None else None
        uri = self.uris.get(group[0].source, group[0].source)
        for f in group:
            record = f.to_dict()
            line = json_line(record)
            self.jsonl.write(line)
            self.hash.update(line.encode("utf-8"))
            record["sentence"] = sentences[f.article_id].text(f)
            record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False,
                                            sort_keys=True)
            record["review"] = (json.dumps(record["review"], ensure_ascii=False, sort_keys=True)
                                if record["review"] else "")
            self.csv.writerow(record)
            self.sarif.add(sarif.result(f, text, starts, uri, self.rule_index[f.rule_id],
                                        self.artifact_index[f.source]))
        for aid, fs in by_article.items():
            article, segs = stored[aid]
            self._article(aid, article if aid in self.records else None, segs, fs,
                          sentences[aid])

    def _article(self, aid: str, article, segments: list[dict], fs: list[Finding],
                 sentences: Sentences | None = None) -> None:
        """One article's fix list rows, XLIFF copy, page and rule occurrences (`article` None:
        findings of an article that is not in the release, listed after the others)."""
        if article is None:
            ord_ = self.orphans.setdefault(aid, len(self.records) + len(self.orphans))
            self.orphan_fixes += fixlist.rows([], fs)
            self._occurrences(ord_, aid, "", sentences or Sentences(segments), fs)
            return
        ord_ = self.ords[aid]
        record = self.records[aid]
        entry = summary_mod.article_entry(record, fs)
        verdict = evaluate([{"article_id": aid, "source": record["source"],
                             "words": entry["words"]}], fs, self.policy, self.accepted)[aid]
        entry["passed"] = verdict.passed
        verdict.gating = [Brief(f.source, f.line, f.column, f.rule_id, f.severity, f.message)
                          for f in verdict.gating]
        self.entries[aid], self.verdicts[aid] = entry, verdict
        if fs:
            failures = xliff_out.write(self.out / "xliff", [article], fs)[1]
            if failures:
                self.failures["xliff"][ord_] = failures[0]
        self._made(self.pages.add((ord_, aid, article.source), aid, entry, verdict, fs, article,
                                  segments))
        if fs:
            self._occurrences(ord_, aid, article.file_text, sentences or Sentences(segments), fs)

    def _made(self, finished: list[tuple]) -> None:
        """Pages written and fix list rows made (pipeline/report/pages.py), in article order."""
        for (ord_, aid, source), made in finished:
            if made.page_failure:
                self.failures["report"][ord_] = made.page_failure
            else:
                self.written.add(html.page_name(aid))
            if made.fixes_failure:
                self.failures["fixlist"][ord_] = {
                    "source": source, "article_id": aid, "step": "fixlist",
                    "problem": f"its fix list rows could not be made: {made.fixes_failure}"}
            elif made.fixes:
                self.store.put_fix(ord_, made.fixes)

    def _occurrences(self, ord_: int, aid: str, text: str, sentences: Sentences,
                     fs: list[Finding]) -> None:
        for n, f in enumerate(fs, 1):
            rule = self.rules.get(f.rule_id)
            if rule is None:
                rule = self.rules[f.rule_id] = {
                    "name": f.rule_name, "category": f.category, "first": (ord_, n),
                    "by_severity": dict.fromkeys(SEVERITIES, 0), "articles": set()}
                self.rule_files[f.rule_id] = (self.folder / f"rule-{len(self.rules)}").open("ab")
            elif (ord_, n) < rule["first"]:  # the name and category of its first finding
                rule.update(name=f.rule_name, category=f.category, first=(ord_, n))
            rule["by_severity"][f.severity] = rule["by_severity"].get(f.severity, 0) + 1
            rule["articles"].add(aid)
            pickle.dump((ord_, aid, n, Occurrence(f.severity, f.line, f.column, f.unit_id,
                                                  f.message, f.suggestion),
                         html.context(text, sentences, f)),
                        self.rule_files[f.rule_id], pickle.HIGHEST_PROTOCOL)

    # 4. the files that need every article
    def _failed(self, step: str) -> list[dict]:
        return [v for _, v in sorted(self.failures[step].items())]

    def _write_fixlist(self) -> None:
        with io.atomic_writer(self.out / "fixlist.csv") as f:
            w = csv.DictWriter(f, fieldnames=fixlist.COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(self.store.fixes())
            w.writerows(self.orphan_fixes)

    def _rule_stats(self) -> list[html.RuleStat]:
        """Every rule with findings as the index shows it (its articles without occurrences)."""
        stats = [html.RuleStat(code, r["name"], r["category"], r["by_severity"],
                               dict.fromkeys(r["articles"]))
                 for code, r in self.rules.items()]
        return sorted(stats, key=lambda s: (-s.count, s.code))

    def _rule_pages(self, stats: list[html.RuleStat]) -> Callable[[], None]:
        """Start making rules/CODE.html of every rule with findings (on the page workers, with
        jobs > 1); the function returned waits for them and writes rules/DIGESTS."""
        titles = {aid: r.get("title") or r["source"] for aid, r in self.records.items()}
        spilled = {code: self.folder / f"rule-{k}" for k, code in enumerate(self.rules, 1)}
        folder = self.out / "rules"
        previous = html.read_digests(folder) if cache.enabled(self.settings) else {}
        names = [html.page_name(st.code) for st in stats]
        tasks = [(folder, st, spilled[st.code],
                  {aid: titles[aid] for aid in st.articles if aid in titles},
                  {name: previous[name]} if name in previous else None, self.pages.release)
                 for st, name in zip(stats, names)]
        pending = self.pages.rule_pages(tasks)

        def finish() -> None:
            digests = dict(zip(names, pending()))
            html.remove_stale_rule_pages(folder, set(names))
            html.write_digests(folder, digests)
        return finish
