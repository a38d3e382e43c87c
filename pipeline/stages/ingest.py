"""Stage 1, ingest: article files -> data/articles.parquet, data/blocks.parquet, data/ingest.json."""
from __future__ import annotations

import sys
from pathlib import Path

from pipeline import io
from pipeline.ingest import IngestError, discover, paired, read_article, relative_source
from pipeline.ingest.ids import unique_id
from pipeline.limits import Limits
from pipeline.model import Article
from pipeline.stages.common import EXIT_OK, data_path, stage_main


def ingest(paths: list[Path], limits: Limits | None = None
           ) -> tuple[list[Article], list[dict], list[dict]]:
    """Read every article; an unreadable file becomes an error record and the rest go on."""
    limits = limits or Limits()
    files, found = discover(paths, follow_symlinks=limits.follow_symlinks)
    problems = [{"source": e.source, "problem": e.problem} for e in found if not e.warning]
    warnings = [{"source": e.source, "problem": e.problem} for e in found if e.warning]
    files, unpaired = paired.split(files)  # a pair's Persian half is read with its English half
    problems += [{"source": f, "problem": p} for f, p in unpaired]
    articles: list[Article] = []
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
        articles.append(a)
    return articles, problems, warnings


def run(settings: dict) -> int:
    from pipeline import table_files, tables  # pandas: the stage only (`check` calls `ingest`)

    articles, errors, warnings = ingest([Path(p) for p in settings["inputs"]],
                                        Limits.from_settings(settings))
    for e in errors:
        print(f"ingest error: {e['source']}: {e['problem']}", file=sys.stderr)
    table_files.write(data_path(settings, "articles.parquet"), tables.articles_frame(articles))
    table_files.write(data_path(settings, "blocks.parquet"), tables.blocks_frame(articles))
    io.write_json(data_path(settings, "ingest.json"),
                  {"articles": len(articles), "errors": errors, "warnings": warnings})
    # Unreadable files do not stop the run: the report stage lists them and fails the run.
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
