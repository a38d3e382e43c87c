"""The HTML review report. Every string that comes from an article is escaped by Jinja2's
autoescaping; nothing from an article is ever marked safe."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from pipeline import io
from pipeline.model import Finding

_env = Environment(loader=PackageLoader("pipeline.report", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)


def write_index(path: Path, summary: dict, findings: list[Finding]) -> None:
    by_article: dict[str, list[Finding]] = {}
    for f in findings:
        by_article.setdefault(f.article_id, []).append(f)
    rank = sorted(summary["articles"].items(), key=lambda kv: (kv[1]["score"], kv[0]))
    html = _env.get_template("index.html").render(summary=summary, ranked=rank,
                                                  by_article=by_article)
    io.write_text(path, html)
