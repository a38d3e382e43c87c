from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import config, nlp
from pipeline.detect import detect
from pipeline.ingest import read_article
from pipeline.resources import Resources

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _knowledge_cache(tmp_path_factory):
    """The knowledge-base index cache of this test session (never the user's)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("CLINIC_AUDIT_CACHE_DIR", str(tmp_path_factory.mktemp("kb-cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session", autouse=True)
def _no_server():
    """`check` in tests runs in-process, never through a `clinic-audit server` the developer
    left running (and neither do the subprocesses tests start); tests/test_server.py opts in."""
    mp = pytest.MonkeyPatch()
    mp.setenv("CLINIC_AUDIT_SERVER", "0")
    yield
    mp.undo()


@pytest.fixture(scope="session", autouse=True)
def _no_article_cache():
    """Tests audit afresh (a test that patches a rule must not get an earlier test's cached
    result); tests/test_cache.py turns the per-article cache on with its own settings."""
    mp = pytest.MonkeyPatch()
    mp.setitem(config.DEFAULTS, "cache", False)
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch):
    """Exact output in every test: no colour forced or refused by the caller's environment."""
    for name in ("FORCE_COLOR", "NO_COLOR", "GITHUB_BASE_REF"):
        monkeypatch.delenv(name, raising=False)


def make_article(text: str, name: str = "case.txt", encoding: str = "utf-8"):
    """An article read from in-memory text as if it were the file `name`, segmented."""
    article = read_article(Path(name), data=text.encode(encoding))
    nlp.segment([article])
    return article


def settings_for(select: list[str] | None = None, options: dict | None = None, **over) -> dict:
    s = config.load(ROOT / "params.yaml", root=ROOT)
    s["rules"] = {"select": select or ["ALL"], "ignore": [], "severity": {},
                  "options": options or {}}
    s["languagetool"]["url"] = None
    s.update(over)
    return s


_shared_resources: dict[str, Resources] = {}


def run_rules(articles, select=None, options=None, **over):
    """Findings of the selected rules over in-memory articles (resources shared across tests)."""
    settings = settings_for(select, options, **over)
    res = _shared_resources.setdefault("default", Resources(settings))
    res.settings = settings
    res.notes = {}
    findings, errors, notes = detect(articles, settings, res)
    assert not errors, errors
    return findings


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def run_batched(folder: Path, corpus: dict[str, str], batch: int = 1) -> tuple[int, Path]:
    """`clinic-audit run` over `corpus` (file name -> text) written under `folder`, `batch`
    articles to a batch, no cache: its exit code and its settings file."""
    from pipeline.cli import main  # here: conftest is imported before every test

    for name, text in corpus.items():
        (folder / "corpus" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "corpus" / name).write_text(text, encoding="utf-8")
    params = folder / "params.yaml"
    params.write_text((ROOT / "params.yaml").read_text(encoding="utf-8")
                      + f"\nbatch_articles: {batch}\ncache: false\n", encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        main(["--params", str(params), "run", str(folder / "corpus"), "--out",
              str(folder / "reports"), "--data-dir", str(folder / "data"), "-q"])
    return e.value.code, params
