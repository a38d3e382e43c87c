"""Stage 1, ingest: article files -> data/articles.parquet, data/blocks.parquet, data/ingest.json."""
from __future__ import annotations

import sys
from pathlib import Path

from pipeline import io, tables
from pipeline.ingest import IngestError, discover, paired, read_article
from pipeline.model import Article
from pipeline.stages.common import EXIT_OK, data_path, stage_main


def ingest(paths: list[Path]) -> tuple[list[Article], list[dict], list[dict]]:
    """Read every article; an unreadable file becomes an error record and the rest go on."""
    files, errors = discover(paths)
    problems = [{"source": e.source, "problem": e.problem} for e in errors]
    files, unpaired = paired.split(files)  # a pair's Persian half is read with its English half
    problems += [{"source": f, "problem": p} for f, p in unpaired]
    warnings: list[dict] = []
    articles: list[Article] = []
    ids: dict[str, str] = {}
    for path, root in files:
        try:
            a = read_article(path, root)
        except IngestError as e:
            problems.append({"source": e.source, "problem": e.problem})
            continue
        if a.article_id in ids:
            problems.append({"source": a.source, "problem": f"article id {a.article_id!r} is "
                             f"already used by {ids[a.article_id]}"})
            continue
        ids[a.article_id] = a.source
        if not a.blocks:
            warnings.append({"source": a.source, "problem": "is empty: no text to audit"})
        articles.append(a)
    return articles, problems, warnings


def run(settings: dict) -> int:
    articles, errors, warnings = ingest([Path(p) for p in settings["inputs"]])
    for e in errors:
        print(f"ingest error: {e['source']}: {e['problem']}", file=sys.stderr)
    io.write_parquet(data_path(settings, "articles.parquet"), tables.articles_frame(articles))
    io.write_parquet(data_path(settings, "blocks.parquet"), tables.blocks_frame(articles))
    io.write_json(data_path(settings, "ingest.json"),
                  {"articles": len(articles), "errors": errors, "warnings": warnings})
    # Unreadable files do not stop the run: the report stage lists them and fails the run.
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
