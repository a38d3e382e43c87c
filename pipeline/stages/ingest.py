"""Stage 1, ingest: article files -> data/articles.parquet, data/blocks.parquet, data/ingest.json."""
from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path
from typing import Iterator

from pipeline import io
from pipeline.ingest import IngestError, discover, paired, read_article, relative_source
from pipeline.ingest.ids import unique_id
from pipeline.limits import Limits
from pipeline.model import Article
from pipeline.stages.common import EXIT_OK, data_path, stage_main


def ingest(paths: list[Path], limits: Limits | None = None
           ) -> tuple[list[Article], list[dict], list[dict]]:
    """Read every article; an unreadable file becomes an error record and the rest go on."""
    problems: list[dict] = []
    warnings: list[dict] = []
    articles = list(read_articles(paths, limits, problems, warnings))
    return articles, problems, warnings


def read_articles(paths: list[Path], limits: Limits | None, problems: list[dict],
                  warnings: list[dict]) -> Iterator[Article]:
    """`ingest` one article at a time: each article as it is read, its problems and warnings
    added to `problems` and `warnings`."""
    limits = limits or Limits()
    files, found = discover(paths, follow_symlinks=limits.follow_symlinks)
    problems += [{"source": e.source, "problem": e.problem} for e in found if not e.warning]
    warnings += [{"source": e.source, "problem": e.problem} for e in found if e.warning]
    files, unpaired = paired.split(files)  # a pair's Persian half is read with its English half
    problems += [{"source": f, "problem": p} for f, p in unpaired]
    ids: dict[str, str] = {}
    for path, root in files:
        try:
            a = read_article(path, root, limits=limits)
        except IngestError as e:
            problems.append({"source": e.source, "problem": e.problem})
            continue
        except Exception as e:  # a reader's bug must not cost the other articles
            problems.append({"source": relative_source(path, root), "problem": f"could not be read "
                             f"({type(e).__name__}: {e})"})
            continue
        aid = unique_id(a.article_id, a.source, set(ids))
        if aid != a.article_id:
            a.warnings.append(f"its id {a.article_id!r} is already used by "
                              f"{ids[a.article_id.casefold()]}; it is audited as {aid!r}")
            a.article_id = aid
        ids[aid.casefold()] = a.source
        if not a.blocks:
            a.warnings.append("is empty: no text to audit")
        warnings.extend({"source": a.source, "problem": w} for w in a.warnings)
        yield a


def run(settings: dict) -> int:
    from pipeline import table_files, tables  # pandas: the stage only (`check` calls `ingest`)

    errors: list[dict] = []
    warnings: list[dict] = []
    read = read_articles([Path(p) for p in settings["inputs"]], Limits.from_settings(settings),
                         errors, warnings)
    count = 0
    # in batches of `batch_articles`: batch k of articles.parquet and blocks.parquet (and of the
    # later stages' tables) holds the same articles
    with table_files.TableWriter(data_path(settings, "articles.parquet"),
                                 tables.ARTICLE_COLUMNS) as articles_out, \
            table_files.TableWriter(data_path(settings, "blocks.parquet"),
                                    tables.BLOCK_COLUMNS) as blocks_out:
        while batch := list(islice(read, settings["batch_articles"])):
            articles_out.append(tables.articles_frame(batch))
            blocks_out.append(tables.blocks_frame(batch))
            count += len(batch)
    for e in errors:
        print(f"ingest error: {e['source']}: {e['problem']}", file=sys.stderr)
    io.write_json(data_path(settings, "ingest.json"),
                  {"articles": count, "errors": errors, "warnings": warnings})
    # Unreadable files do not stop the run: the report stage lists them and fails the run.
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
