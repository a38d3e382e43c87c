"""MLQE-PE (Fomicheva et al. 2020, CC0), as vendored in `training/mlqe-pe/`: machine translations
into English with their human post-edits and direct-assessment (DA) z-scores.

One file per language pair and split, `<pair>/<split>.tsv.gz`, with the columns `mt` (the machine
translation as rated), `pe` (its post-edit, tokenised as the dataset ships it), `z_mean` (the mean
DA z-score), `hter` and `src` (the source sentence, Sinhala, Nepali, Estonian, Romanian or Russian,
for the bilingual measurement of `benchmarks/mlqe.py --bilingual`). `read` gives the rows with the post-edit detokenised, so that the MT and
its post-edit reach spaCy in the same form."""
from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "training" / "mlqe-pe"
PAIRS = ("si-en", "ne-en", "et-en", "ro-en", "ru-en")
SPLITS = ("train", "dev")
COLUMNS = ("mt", "pe", "z_mean", "hter", "src")


@dataclass(frozen=True)
class Row:
    mt: str
    pe: str
    z_mean: float
    hter: float
    src: str = ""


class DataError(Exception):
    """A vendored MLQE-PE file is missing or malformed."""


def path_of(data_dir: Path, pair: str, split: str) -> Path:
    return Path(data_dir) / pair / f"{split}.tsv.gz"


def read(data_dir: Path, pair: str, split: str, limit: int | None = None) -> list[Row]:
    """The rows of one pair and split (the first `limit` when given)."""
    path = path_of(data_dir, pair, split)
    if not path.is_file():
        raise DataError(f"{path}: no such file (vendor MLQE-PE with scripts/vendor_mlqe.py)")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise DataError(f"{path}: columns {reader.fieldnames}, expected {list(COLUMNS)}")
        for n, r in enumerate(reader, start=2):
            if limit is not None and len(rows) >= limit:
                break
            try:
                rows.append(Row(r["mt"], detokenize(r["pe"]), float(r["z_mean"]), float(r["hter"]),
                                r["src"]))
            except (TypeError, ValueError) as e:
                raise DataError(f"{path}: line {n}: {e}") from e
    return rows


def write(path: Path, rows: list[tuple[str, str, float, float, str]]) -> None:
    """Write rows (mt, pe, z_mean, hter, src) reproducibly: the gzip header carries no time or name."""
    from pipeline.io import atomic_path

    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None,
                   lineterminator="\n")
    w.writerow(COLUMNS)
    for mt, pe, z, hter, src in rows:
        if "\t" in mt + pe + src or "\n" in mt + pe + src:
            raise DataError(f"{path}: a sentence holds a tab or a line break: {mt!r}")
        w.writerow((mt, pe, repr(float(z)), repr(float(hter)), src))
    with atomic_path(path) as tmp, open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))


_CLITIC = re.compile(r" (n't|'(?:s|re|ve|ll|d|m|t))(?= )", re.IGNORECASE)
_CLOSE = re.compile(r" ([.,;:!?%)\]}]+)(?= )")
_OPEN = re.compile(r"(?<= )([(\[{$]) ")


def detokenize(line: str) -> str:
    """Undo the dataset's Moses-style tokenisation ("it 's ( really ) fine ." -> "it's (really)
    fine."), pairing straight quotes as they come."""
    s = " " + " ".join(line.split()) + " "
    s = s.replace(" < unk > ", " <unk> ")
    s = _CLITIC.sub(r"\1", s)
    s = _CLOSE.sub(r"\1", s)
    s = _OPEN.sub(r"\1", s)
    out: list[str] = []
    glue_next = False
    open_quote = {'"': False, "'": False}
    for tok in s.split():
        if tok in open_quote:
            if open_quote[tok]:  # a closing quote sticks to the word before it
                out[-1:] = [(out[-1] if out else "") + tok]
            else:
                out.append(tok)
                glue_next = True
            open_quote[tok] = not open_quote[tok]
            continue
        if glue_next and out:
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = False
    return " ".join(out)


def audit_settings() -> dict:
    """The repository's own settings, with every rule selected and no LanguageTool server (the
    grammar rule is skipped as it is on any machine without one)."""
    from pipeline import config

    settings = config.load(ROOT / "params.yaml", root=ROOT)
    settings["knowledge"] = str(ROOT / settings["knowledge"])
    settings["rules"] = {"select": ["ALL"], "ignore": [], "severity": {}, "options": {}}
    settings["languagetool"]["url"] = None
    return settings


def audit(texts: list[str], settings: dict | None = None, resources=None, score: bool = True):
    """Audit each text as a one-sentence article, as `clinic-audit check` would: a list of
    (article, findings) in the order of `texts`. Corpus-scope rules see one article at a time,
    so unrelated sentences are never compared with each other."""
    from pipeline import nlp
    from pipeline.detect import describe, detect
    from pipeline.ingest import read_article
    from pipeline.resources import Resources

    settings = settings or audit_settings()
    resources = resources or Resources(settings)
    articles = [read_article(Path(f"mlqe-{k:05d}.txt"), data=(t + "\n").encode("utf-8"))
                for k, t in enumerate(texts)]
    failed = nlp.segment(articles, model=settings["nlp"]["model"],
                         batch_size=settings["nlp"]["batch_size"])
    if failed:
        raise RuntimeError(describe(failed[0]))
    out = []
    for a in articles:
        findings, errors, _ = detect([a], settings, resources, score=score)
        if errors:
            raise RuntimeError(f"{describe(errors[0])} (text {texts[len(out)]!r})")
        out.append((a, findings))
    return out


def audit_units(units: list[tuple[str, str]], settings: dict | None = None, resources=None,
                per_file: int = 100, score: bool = True) -> list[list]:
    """Audit (source, target) pairs as a translator's bilingual files would be: paired text
    files (`pipeline/ingest/paired.py`) of `per_file` units each, one unit per line, so that the
    source-aware rules run and a file-level calibration sees a realistic file. The findings of
    each unit, in the order of `units` (a finding belongs to the unit of its line). With `score`
(as in `audit` and a real run), segments are scored and the rules that read the score run."""
    from pipeline import nlp
    from pipeline.detect import describe, detect
    from pipeline.ingest import paired
    from pipeline.resources import Resources

    settings = settings or audit_settings()
    resources = resources or Resources(settings)
    out: list[list] = []
    for first in range(0, len(units), per_file):
        chunk = units[first:first + per_file]
        if any(not s.strip() or not t.strip() or "\n" in s + t for s, t in chunk):
            raise DataError(f"units {first}-{first + len(chunk) - 1}: a source or target is "
                            f"empty or holds a line break")
        en = "".join(t + "\n" for _, t in chunk)
        src = "".join(s + "\n" for s, _ in chunk).encode("utf-8")
        path = Path(f"mlqe-{first:05d}.en.txt")
        article = paired.read(path, Path(f"mlqe-{first:05d}.fa.txt"), source=path.name,
                              article_id=f"mlqe-{first:05d}", raw=en.encode("utf-8"),
                              fa_raw=src, file_text=en, encoding="utf-8")
        failed = nlp.segment([article], model=settings["nlp"]["model"],
                             batch_size=settings["nlp"]["batch_size"])
        if failed:
            raise RuntimeError(describe(failed[0]))
        findings, errors, _ = detect([article], settings, resources, score=score)
        if errors:
            raise RuntimeError(describe(errors[0]))
        per_unit: list[list] = [[] for _ in chunk]
        for f in findings:  # one unit per line
            per_unit[min(f.line, len(chunk)) - 1].append(f)
        out.extend(per_unit)
    return out
