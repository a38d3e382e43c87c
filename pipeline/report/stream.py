"""The report stage's files written article by article, in bounded memory: the same bytes as the
whole-release builders (files, sarif, fixlist, xliff_out, html, summary), but the stage never holds
the texts, segments or findings of every article at once.

1. A compact record of each article (id, source, words, title, artifact URI), from a few columns
   of articles.parquet.
2. One pass over findings.parquet: the rules and sources that have findings (SARIF's rules and
   artifacts) and the passages that findings point to in other articles; with the cache, a hash
   of each source's findings' rows, and their reviews.
3. The articles (with their blocks) and their segments, batch by batch: with the cache, each
   article's fragment key (pipeline/report/fragments.py: its rows, its findings, ...); the
   articles that have no fragment yet (all, without the cache) go into an SQLite file keyed by
   article id (`ArticleStore`, in a `Spill` folder of the data directory).
4. One pass over the findings, in their order (sorted by source). A source whose article has a
   fragment that can be used adds its parts: its findings.jsonl lines, findings.csv rows and
   SARIF results (their indexes filled in), summary entry and verdict, fix list rows and
   rule-page occurrences, the page being the one it made. The findings of any other source are
   built and written finding by finding (findings.jsonl hashed while written), and each of its
   articles is fetched from the store (or, when a fragment turned out unusable, from its batch
   of the tables) for its sentences, its fix list rows (kept in the store, for the articles'
   order), its annotated XLIFF copy, its page and its rule-page occurrences (the sentence
   tokens only, one pickle an article, appended to one spill file a rule); its fragment is
   written once its page is made.
5. The articles without findings: their fragments, or their pages; then summary.json,
   articles.csv, junit.xml, fixlist.csv, index.html and the rule pages whose inputs changed
   (one rule's occurrences in memory at a time).

Kept for the whole release: a record, a verdict (with its gating findings in brief) and a summary
entry per article, and per rule its counts and the ids of its articles; nothing that grows with
the texts. Why SQLite rather than grouping findings by article: findings come sorted by source
and articles in read order, and either order needs the other side looked up by key; the articles
are stored once, and each is read back once or twice."""
from __future__ import annotations

import csv
import hashlib
import io as _io
import json
import pickle
import sqlite3
from collections import namedtuple
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from pipeline import cache, io, table_files, tables
from pipeline.model import SEVERITIES, Finding
from pipeline.offsets import line_starts
from pipeline.parallel import jobs_setting
from pipeline.policy import Verdict, evaluate
from pipeline.report import files, fixlist, fragments, html, junit, sarif
from pipeline.report import summary as summary_mod, xliff_out
from pipeline.report.context import Sentences
from pipeline.report.files import CSV_COLUMNS, json_line
from pipeline.report.pages import Pages, release_digest, rule_digest
from pipeline.review import marks
from pipeline.spill import Spill
from pipeline.stages.common import data_path, read_batches

# what junit.xml says of a gating finding: all a verdict keeps of it
Brief = namedtuple("Brief", "source line column rule_id severity message")
# what a rule page shows of a finding besides its context
Occurrence = namedtuple("Occurrence", "severity line column unit_id message suggestion")
_LOCATION = ["rule_id", "source", "fingerprint", "evidence", "article_id"]
_RECORD = ["article_id", "source", "path", "word_count", "metadata"]


class ArticleStore:
    """Each article (with its blocks; None for one that failed a step) and its segments (rows of
    segments_scored), by id (with the cache, only the articles whose report fragment must be
    built); and each article's fix list rows, by its place in the read order."""

    def __init__(self, folder: Path):
        self.db = sqlite3.connect(Path(folder) / "articles.sqlite")
        self.db.execute("CREATE TABLE article (id TEXT PRIMARY KEY, data BLOB)")
        self.db.execute("CREATE TABLE fix (ord INTEGER PRIMARY KEY, data BLOB)")

    def close(self) -> None:
        self.db.close()

    def put(self, aid: str, article, segments: list[dict]) -> None:
        self.db.execute("INSERT OR REPLACE INTO article VALUES (?, ?)",
                        (aid, pickle.dumps((article, segments), pickle.HIGHEST_PROTOCOL)))

    def get(self, aid: str) -> tuple:
        row = self.db.execute("SELECT data FROM article WHERE id = ?", (aid,)).fetchone()
        return pickle.loads(row[0]) if row else (None, [])

    def put_fix(self, ord_: int, rows: str) -> None:
        """An article's rows of fixlist.csv, as written (`fix_rows`)."""
        self.db.execute("INSERT INTO fix VALUES (?, ?)", (ord_, rows))

    def fixes(self):
        for (data,) in self.db.execute("SELECT data FROM fix ORDER BY ord"):
            yield data


def fix_rows(rows: list[dict]) -> str:
    buf = _io.StringIO()
    csv.DictWriter(buf, fieldnames=fixlist.COLUMNS, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


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
        self.cached = cache.enabled(settings)
        self.keys: dict[str, str] = {}  # article id -> its fragment's key (fragments.py)
        self.pending: dict[str, dict] = {}  # article id -> its fragment, until its page is made
        self.stored: set[str] = set()  # the ids in the store
        self.hits = 0  # articles whose fragment was used

    def run(self, failed, *, ingest, detect, validation, segment_failures):
        self._read_records(failed)
        codes, sources = self._scan_findings()
        self.pages = Pages(self.out, self.cross, self.docs, self.common,
                           jobs_setting(self.settings.get("jobs", 1)), keep=self.cached)
        try:
            self._store_articles(failed)
            try:
                with ExitStack() as stack:
                    try:
                        self._stream_findings(stack, codes, sources)
                    finally:
                        for f in self.rule_files.values():
                            f.close()
                for aid in self.records:
                    if aid not in self.entries and not self._reuse(aid):
                        self._article(aid, *self._get(aid), [])
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
            if self.cached:
                cache.STATS["pages"] = {"hits": self.pages.kept,
                                        "misses": len(self.pages.digests) - self.pages.kept}
                cache.STATS["report"] = {"hits": self.hits,
                                         "misses": len(self.records) - self.hits}
            rule_pages()
            return summary, step + pages
        finally:
            self.pages.shutdown()

    # 1. the articles: their records, then (after the findings' scan) into the store
    def _read_records(self, failed: set[str]) -> None:
        self.uris, self.by_source = {}, {}  # source -> URI; source -> the id whose text counts
        self.batch_of: dict[str, int] = {}  # article id -> its batch
        path, uris = data_path(self.settings, "articles.parquet"), sarif.Uris()
        for k, frame in enumerate(table_files.batches(path, columns=_RECORD)):
            for r in frame.to_dict("records"):
                aid = r["article_id"]
                self.batch_of[aid] = k
                if aid in failed:
                    continue
                self.records[aid] = {"article_id": aid, "source": r["source"],
                                     "word_count": r["word_count"],
                                     "title": json.loads(r["metadata"]).get("title")}
                self.uris[r["source"]] = uris.uri(r["path"], r["source"])
                self.by_source[r["source"]] = aid
        self.ords = {aid: k for k, aid in enumerate(self.records)}

    def _store_articles(self, failed: set[str]) -> None:
        """The articles whose fragment is not in the cache (all, without the cache) into the
        store, with their segments; the keys of the others' fragments."""
        release = fragments.release_key(release_digest(self.docs, self.common))
        for frames in self._tables():
            rows = [fragments.row_hashes(frame, "article_id") for frame in frames] \
                if self.cached else []
            want = set()
            for aid in frames[0]["article_id"]:
                if aid in failed or not self.cached or aid in self.shared:
                    want.add(aid)
                    continue
                source = self.records[aid]["source"]
                reviews, links = self.source_reviews.get(source, []), [
                    (fp, self.cross.links.get(fp)) for fp in self.linked.get(source, [])]
                key = self.keys[aid] = fragments.unit_key(
                    release, aid, b"\0".join(r.get(aid, b"") for r in rows),
                    b"".join(self.source_rows.get(source, [])), reviews, links,
                    sorted(self.cross.passages.get(aid, {}).items()), self.uris[source])
                name = html.page_name(aid)  # a fragment is of use with the page it made
                if not (name in self.pages.previous and fragments.path(self.settings, key)
                        .is_file() and (self.out / "articles" / name).is_file()):
                    want.add(aid)
            self._put(frames, want, failed, every=True)
        self.store.db.commit()
        del self.source_rows

    def _tables(self, wanted=None):
        """The articles, blocks and segments_scored of each batch (None: one not `wanted`)."""
        names = ["articles.parquet", "blocks.parquet", "segments_scored.parquet"]
        with_blocks = table_files.exists(data_path(self.settings, names[1]))
        if not with_blocks:
            names.pop(1)
        batches = read_batches(self.settings, *names) if wanted is None else zip(
            *(table_files.batches(data_path(self.settings, n), wanted) for n in names))
        for batch in batches:
            if batch[0] is None:
                yield None
            else:
                yield (batch if with_blocks else
                       (batch[0], pd.DataFrame(columns=tables.BLOCK_COLUMNS), batch[1]))

    def _put(self, frames, want: set[str], failed: set[str], every: bool = False) -> None:
        """The articles `want` of a batch into the store, with their segments (`every`: and
        the segments of articles not in the table)."""
        frame, blocks, segments = frames
        want = set(want) - self.stored
        if every:  # segments of an article not in the table
            want |= set(segments["article_id"].unique()) - set(frame["article_id"])
        segs: dict[str, list[dict]] = {}
        for s in segments[segments["article_id"].isin(want)].to_dict("records"):
            segs.setdefault(s["article_id"], []).append(s)
        chosen = {a.article_id: a for a in tables.articles_from_frames(
            frame[frame["article_id"].isin(want)], blocks[blocks["article_id"].isin(want)])}
        for aid in want:
            self.store.put(aid, None if aid in failed else chosen.get(aid), segs.get(aid, []))
            self.stored.add(aid)

    def _get(self, aid: str) -> tuple:
        """An article and its segments; from its batch of the tables when it was not stored
        (its fragment was found unusable once the store was filled)."""
        if aid not in self.stored and aid in self.batch_of:
            k = self.batch_of[aid]
            frames = next(f for f in self._tables(lambda i: i == k) if f is not None)
            self._put(frames, {aid}, set())
        return self.store.get(aid)

    # 2. the rules, sources and cross-article passages of the findings
    def _scan_findings(self) -> tuple[list[str], list[str]]:
        found, sources = set(), set()
        self.cross = html.CrossLinks({r["source"]: aid for aid, r in self.records.items()},
                                     self.records)
        self.source_rows: dict[str, list[bytes]] = {}  # source -> its findings' row hashes
        self.source_reviews: dict[str, list] = {}  # source -> its findings' reviews
        self.linked: dict[str, list[str]] = {}  # source -> its findings that link passages
        ids: dict[str, set[str]] = {}  # source -> the articles of its findings
        for chunk in table_files.batches(data_path(self.settings, "findings.parquet"),
                                         columns=None if self.cached else _LOCATION):
            found.update(chunk["rule_id"])
            sources.update(chunk["source"])
            for source, aid in set(zip(chunk["source"], chunk["article_id"])):
                ids.setdefault(source, set()).add(aid)
            for source, fp, evidence in zip(chunk["source"], chunk["fingerprint"],
                                            chunk["evidence"]):
                if evidence and '"start"' in evidence:  # other_passages needs a start
                    self.cross.add(fp, json.loads(evidence))
                    self.linked.setdefault(source, []).append(fp)
                if fp in self.reviews:
                    self.source_reviews.setdefault(source, []).append(
                        (fp, self.reviews[fp]))
            if self.cached:
                for source, rows in fragments.row_hashes(chunk, "source").items():
                    self.source_rows.setdefault(source, []).append(rows)
        # articles built every time: those of a source whose findings are not all its owner's
        self.shared = set()
        for source, aids in ids.items():
            owner = self.by_source.get(source)
            if aids != {owner}:
                self.shared |= aids | {owner}
        return sarif.rule_codes(found), sorted(sources)

    # 3. the findings, source by source
    def _stream_findings(self, stack: ExitStack, codes: list[str], sources: list[str]) -> None:
        self.rule_index = {c: i for i, c in enumerate(codes)}
        self.artifact_index = {s: i for i, s in enumerate(sources)}
        # both in UTF-8, written as bytes: a fragment holds its lines and rows so
        self.jsonl = stack.enter_context(io.atomic_writer(self.out / "findings.jsonl", True))
        self.hash = hashlib.sha256()
        self.csv_file = stack.enter_context(io.atomic_writer(self.out / "findings.csv", True))
        header = _io.StringIO()
        csv.DictWriter(header, fieldnames=CSV_COLUMNS, lineterminator="\n").writeheader()
        self.csv_file.write(("\ufeff" + header.getvalue()).encode("utf-8"))
        self.sarif = sarif.ResultsWriter(self.folder / "results.json")
        stack.callback(self.sarif.close)
        source, parts = None, []
        for chunk in table_files.batches(data_path(self.settings, "findings.parquet")):
            values = chunk["source"].to_numpy()
            if not len(values):
                continue  # a release without findings: an empty table
            cuts = [0, *(np.flatnonzero(values[1:] != values[:-1]) + 1), len(values)]
            for lo, hi in zip(cuts, cuts[1:]):
                if parts and values[lo] != source:
                    self._source_rows(source, parts)
                    parts = []
                source = values[lo]
                parts.append(chunk.iloc[lo:hi])
        if parts:
            self._source_rows(source, parts)
        self.sha256 = self.hash.hexdigest()

    def _source_rows(self, source: str, parts: list) -> None:
        """One source's findings (rows of findings.parquet): its article's fragment, or the
        findings built and reported."""
        owner = self.by_source.get(source)
        if owner in self.keys and self._reuse(owner):
            return
        frame = parts[0] if len(parts) == 1 else pd.concat(parts)
        self._source(marks.mark(tables.findings_from_frame(frame), self.reviews))

    def _reuse(self, aid: str) -> bool:
        """The article's fragment, added to the report; False when there is none that can be
        used (none, or its page or XLIFF copy is not the one it made; an article in the store
        was found to have none that could be)."""
        if aid not in self.keys or aid in self.stored:
            return False
        source = self.records[aid]["source"]
        frag = fragments.get(self.settings, self.keys[aid], source)
        name = html.page_name(aid)
        if frag is None or self.pages.previous.get(name) != frag["page"] or \
                not (self.out / "articles" / name).is_file() or \
                frag["xliff"] and _digest(self.out / "xliff" / source) != frag["xliff"]:
            return False
        self.hits += 1
        if frag["sarif"].count:  # an article with findings (the files are still open)
            self.jsonl.write(frag["jsonl"])
            self.hash.update(frag["jsonl"])
            self.csv_file.write(frag["csv"])
            self.sarif.add_dumped(frag["sarif"].fill(self.rule_index, self.artifact_index[source]),
                                  frag["sarif"].count)
        self.tally.merge(frag["tally"])
        total, decisions, present = frag["review"]
        self.review_tally.total += total
        for decision, n in decisions.items():
            self.review_tally.counts[decision] += n
        self.review_tally.present.update(present)
        self.entries[aid], self.verdicts[aid] = frag["entry"], frag["verdict"]
        self.pages.digests[name] = frag["page"]
        self.pages.kept += 1
        self.written.add(name)
        ord_ = self.ords[aid]
        if frag["fixes"]:
            self.store.put_fix(ord_, frag["fixes"])
        self._add_rules(ord_, aid, *frag["rules"])
        return True

    def _source(self, group: list[Finding]) -> None:
        """The findings of one source (all of its articles' findings), in their order."""
        self.tally.add(group)
        self.review_tally.add(group)
        by_article: dict[str, list[Finding]] = {}
        for f in group:
            by_article.setdefault(f.article_id, []).append(f)
        stored = {aid: self._get(aid) for aid in by_article}
        sentences = {aid: Sentences(segs) for aid, (_, segs) in stored.items()}
        owner = self.by_source.get(group[0].source)
        text = None
        if owner is not None:
            text = (stored[owner] if owner in stored else self._get(owner))[0].file_text
        starts = line_starts(text) if text is not None else None
        source = group[0].source
        uri = self.uris.get(source, source)
        jsonl, rows, results = [], _io.StringIO(), []
        writer = csv.DictWriter(rows, fieldnames=CSV_COLUMNS, lineterminator="\n")
        for f in group:
            record = f.to_dict()
            jsonl.append(json_line(record))
            record["sentence"] = sentences[f.article_id].text(f)
            record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False,
                                            sort_keys=True)
            record["review"] = (json.dumps(record["review"], ensure_ascii=False, sort_keys=True)
                                if record["review"] else "")
            writer.writerow(record)
            results.append(self.sarif.dump(sarif.result(
                f, text, starts, uri, self.rule_index[f.rule_id], self.artifact_index[source])))
        jsonl, rows = "".join(jsonl).encode("utf-8"), rows.getvalue().encode("utf-8")
        self.jsonl.write(jsonl)
        self.hash.update(jsonl)
        self.csv_file.write(rows)
        self.sarif.add_dumped(",\n".join(results), len(results))
        if owner in self.keys:  # its fragment (the findings are all its own)
            self.pending[owner] = self._fragment(group, text, starts, uri, jsonl, rows,
                                                 ",\n".join(results))
        for aid, fs in by_article.items():
            article, segs = stored[aid]
            self._article(aid, article if aid in self.records else None, segs, fs,
                          sentences[aid])

    def _fragment(self, group: list[Finding], text, starts, uri: str, jsonl: bytes,
                  rows: bytes, results: str) -> dict:
        """The parts of a fragment made from the findings (fragments.py); `results` as
        written, to check the placeholders against."""
        rules = list(dict.fromkeys(f.rule_id for f in group))
        place = {code: -k for k, code in enumerate(rules, 1)}
        dumped = fragments.Sarif(",\n".join(
            self.sarif.dump(sarif.result(f, text, starts, uri, place[f.rule_id],
                                         fragments.ARTIFACT)) for f in group), rules, len(group))
        tally = summary_mod.Tally()
        tally.add(group)
        decisions: dict[str, int] = {}
        for f in group:
            if f.review:
                decisions[f.review["decision"]] = decisions.get(f.review["decision"], 0) + 1
        try:
            same = dumped.fill(self.rule_index, self.artifact_index[group[0].source]) == results
        except IndexError:  # a placeholder's look-alike in a finding's evidence
            same = False
        return {"jsonl": jsonl, "csv": rows, "sarif": dumped, "tally": tally,
                "review": (len(group), decisions,
                           {f.fingerprint: f for f in group if f.fingerprint in self.reviews}),
                "xliff": None, "broken": not same}

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
        frag = None
        if aid in self.keys:
            frag = self.pending.setdefault(aid, {
                "jsonl": b"", "csv": b"", "sarif": fragments.Sarif("", [], 0),
                "tally": summary_mod.Tally(), "review": (0, {}, {}), "xliff": None,
                "broken": False})
        entry = summary_mod.article_entry(record, fs)
        verdict = evaluate([{"article_id": aid, "source": record["source"],
                             "words": entry["words"]}], fs, self.policy, self.accepted)[aid]
        entry["passed"] = verdict.passed
        verdict.gating = [Brief(f.source, f.line, f.column, f.rule_id, f.severity, f.message)
                          for f in verdict.gating]
        self.entries[aid], self.verdicts[aid] = entry, verdict
        if fs:
            written, failures = xliff_out.write(self.out / "xliff", [article], fs)
            if failures:
                self.failures["xliff"][ord_] = failures[0]
            if frag is not None:
                frag["broken"] |= bool(failures)
                frag["xliff"] = _digest(written[0]) if written else None
        self._made(self.pages.add((ord_, aid, article.source), aid, entry, verdict, fs, article,
                                  segments))
        rules = self._occurrences(ord_, aid, article.file_text,
                                  sentences or Sentences(segments), fs) if fs else ({}, {})
        if frag is not None:
            frag.update(entry=entry, verdict=verdict, rules=rules)
            self._finish(aid)

    def _made(self, finished: list[tuple]) -> None:
        """Pages written and fix list rows made (pipeline/report/pages.py), in article order."""
        for (ord_, aid, source), made in finished:
            if made.page_failure:
                self.failures["report"][ord_] = made.page_failure
            else:
                self.written.add(html.page_name(aid))
            rows = ""
            if made.fixes_failure:
                self.failures["fixlist"][ord_] = {
                    "source": source, "article_id": aid, "step": "fixlist",
                    "problem": f"its fix list rows could not be made: {made.fixes_failure}"}
            elif made.fixes:
                rows = fix_rows(made.fixes)
                self.store.put_fix(ord_, rows)
            frag = self.pending.get(aid)
            if frag is not None:
                frag.update(page=self.pages.digests[html.page_name(aid)], fixes=rows,
                            made=True)
                frag["broken"] |= bool(made.page_failure or made.fixes_failure)
                self._finish(aid)

    def _finish(self, aid: str) -> None:
        """The article's fragment into the cache, once its page is made and all of it is
        known; not when a part of it failed."""
        frag = self.pending[aid]
        if "made" not in frag or "rules" not in frag:
            return
        del self.pending[aid], frag["made"]
        if not frag.pop("broken"):
            fragments.put(self.settings, self.keys[aid], frag, self.records[aid]["source"])

    def _occurrences(self, ord_: int, aid: str, text: str, sentences: Sentences,
                     fs: list[Finding]) -> tuple[dict, dict]:
        """The article's rule-page occurrences, spilled: for each rule, the number of its first
        finding on the article's page, its name, category and counts by severity; and its
        occurrences (number, `Occurrence`, context tokens) as one pickle."""
        rules: dict[str, tuple] = {}
        occurrences: dict[str, list] = {}
        for n, f in enumerate(fs, 1):
            rule = rules.get(f.rule_id)
            if rule is None:
                rule = rules[f.rule_id] = (n, f.rule_name, f.category, {})
            rule[3][f.severity] = rule[3].get(f.severity, 0) + 1
            occurrences.setdefault(f.rule_id, []).append(
                (n, Occurrence(f.severity, f.line, f.column, f.unit_id, f.message,
                               f.suggestion), html.context(text, sentences, f)))
        blobs = {code: pickle.dumps(items, pickle.HIGHEST_PROTOCOL)
                 for code, items in occurrences.items()}
        self._add_rules(ord_, aid, rules, blobs)
        return rules, blobs

    def _add_rules(self, ord_: int, aid: str, rules: dict[str, tuple], blobs: dict) -> None:
        for code, (n, name, category, by_severity) in rules.items():
            rule = self.rules.get(code)
            if rule is None:
                rule = self.rules[code] = {
                    "name": name, "category": category, "first": (ord_, n),
                    "by_severity": dict.fromkeys(SEVERITIES, 0), "articles": set(), "parts": []}
                self.rule_files[code] = (self.folder / f"rule-{len(self.rules)}").open("ab")
            elif (ord_, n) < rule["first"]:  # the name and category of its first finding
                rule.update(name=name, category=category, first=(ord_, n))
            for severity, count in by_severity.items():
                rule["by_severity"][severity] = rule["by_severity"].get(severity, 0) + count
            rule["articles"].add(aid)
            rule["parts"].append((ord_, aid, hashlib.sha256(blobs[code]).hexdigest()))
            pickle.dump((ord_, aid, blobs[code]), self.rule_files[code],
                        pickle.HIGHEST_PROTOCOL)

    # 4. the files that need every article
    def _failed(self, step: str) -> list[dict]:
        return [v for _, v in sorted(self.failures[step].items())]

    def _write_fixlist(self) -> None:
        with io.atomic_writer(self.out / "fixlist.csv") as f:
            w = csv.DictWriter(f, fieldnames=fixlist.COLUMNS, lineterminator="\n")
            w.writeheader()
            for rows in self.store.fixes():
                f.write(rows)
            w.writerows(self.orphan_fixes)

    def _rule_stats(self) -> list[html.RuleStat]:
        """Every rule with findings as the index shows it (its articles without occurrences)."""
        stats = [html.RuleStat(code, r["name"], r["category"], r["by_severity"],
                               dict.fromkeys(r["articles"]))
                 for code, r in self.rules.items()]
        return sorted(stats, key=lambda s: (-s.count, s.code))

    def _rule_pages(self, stats: list[html.RuleStat]) -> Callable[[], None]:
        """Start making rules/CODE.html of every rule with findings whose page is not the one
        its inputs made last time (`rule_digest`; on the page workers, with jobs > 1); the
        function returned waits for them and writes rules/DIGESTS."""
        titles = {aid: r.get("title") or r["source"] for aid, r in self.records.items()}
        spilled = {code: self.folder / f"rule-{k}" for k, code in enumerate(self.rules, 1)}
        folder = self.out / "rules"
        previous = html.read_digests(folder) if self.cached else {}
        digests, tasks = {}, []
        for st in stats:
            name = html.page_name(st.code)
            shown = {aid: titles[aid] for aid in st.articles if aid in titles}
            digest = digests[name] = rule_digest(self.pages.release, st,
                                                 self.rules[st.code]["parts"], shown,
                                                 self.docs.get(st.code))
            if previous.get(name) != digest or not (folder / name).is_file():
                tasks.append((folder, st, spilled[st.code], shown))
        pending = self.pages.rule_pages(tasks)

        def finish() -> None:
            pending()
            html.remove_stale_rule_pages(folder, set(digests))
            html.write_digests(folder, digests)
        return finish
