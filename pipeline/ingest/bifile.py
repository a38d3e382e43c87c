"""Read a bilingual XML file (XLIFF 1.2/2.x, TMX 1.4b) into one `Article`.

The format is recognised by content, whatever the extension among `.xlf`, `.xliff`, `.tmx`: the
root element decides (`<xliff>` or `<tmx>`); anything else is an error naming the file. Parsing is
`pipeline.ingest.xmlsafe` (hardened); every error names the line."""
from __future__ import annotations

from pathlib import Path

from pipeline.ingest import tmx, xliff
from pipeline.ingest.bilingual import UnitError, build
from pipeline.ingest.xmlsafe import XMLInputError, parse, sniff_root

EXTENSIONS = {".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx"}


class BilingualError(ValueError):
    """A bilingual file that cannot be read; the message names the line."""


def read(path: Path, *, source: str, article_id: str, content_hash: str, file_text: str,
         encoding: str):
    kind = sniff_root(file_text[:4096].lstrip("\ufeff"))
    if kind not in ("xliff", "tmx"):
        raise BilingualError(f"is not an XLIFF or TMX file (its root element is "
                             f"{'<' + kind + '>' if kind else 'missing'})")
    try:
        root = parse(file_text)
        units, info = (xliff.units if kind == "xliff" else tmx.units)(root, file_text)
    except XMLInputError as e:
        raise BilingualError(f"line {e.line}: {e.problem}") from None
    except (xliff.XliffError, tmx.TmxError) as e:
        raise BilingualError(str(e)) from None
    meta = {"bilingual": kind}
    if "xliff_version" in info:
        meta["xliff_version"] = info["xliff_version"]
    try:
        article = build(units, source=source, path=str(Path(path).resolve()),
                        article_id=article_id, content_hash=content_hash, fmt=kind,
                        encoding=encoding, file_text=file_text,
                        source_language=info["source_language"],
                        target_language=info["target_language"], metadata=meta)
    except UnitError as e:
        raise BilingualError(str(e)) from None
    skipped = info.get("not_translated") or []
    if skipped:
        shown = ", ".join(skipped[:5]) + (", ..." if len(skipped) > 5 else "")
        article.warnings.append(f'{len(skipped)} unit(s) marked translate="no" are not audited '
                                f"({shown})")
    return article
