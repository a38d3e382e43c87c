"""The settings schema covers every setting (it is generated from the defaults): each one
rejects a value of the wrong type, each section rejects an unknown key, with the file, the line
and the key named."""
from __future__ import annotations

import pytest
import yaml

from pipeline import config
from pipeline.config_schema import schema_for
from tests.conftest import ROOT


def leaves(data: dict, prefix: str = ""):
    for key, value in data.items():
        dotted = prefix + key
        if isinstance(value, dict) and value and key not in config.OPEN_MAPPINGS:
            yield from leaves(value, dotted + ".")
        else:
            yield dotted, value


def wrong(value):
    """A value of another type than `value`."""
    if isinstance(value, bool):
        return "yes please"
    if isinstance(value, (int, float)):
        return "many"
    if isinstance(value, (list, dict)):
        return 5
    return {"nested": 1}  # a string or null


def nest(dotted: str, value) -> dict:
    *parents, last = dotted.split(".")
    out = {last: value}
    for p in reversed(parents):
        out = {p: out}
    return out


def test_defaults_and_the_shipped_params_file_are_valid():
    config.validate(config.DEFAULTS, "defaults")
    shipped = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    config.validate(shipped, "params.yaml")


@pytest.mark.parametrize("dotted,value", list(leaves(config.DEFAULTS)))
def test_every_setting_rejects_a_wrong_type(tmp_path, dotted, value):
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(nest(dotted, wrong(value))), encoding="utf-8")
    with pytest.raises(config.ConfigError) as e:
        config.load(path)
    depth = dotted.count(".")
    assert str(e.value).startswith(f"{path}:{depth + 1}: {dotted}: ")
    assert " is not " in str(e.value)


@pytest.mark.parametrize("section", [k for k, v in config.DEFAULTS.items()
                                     if isinstance(v, dict)] + [""])
def test_every_section_rejects_an_unknown_key(tmp_path, section):
    known = list(config.DEFAULTS[section]) if section else list(config.DEFAULTS)
    typo = known[0][:-1] + "x" + known[0][-1]  # one letter added: close to a real key
    data = nest(f"{section}.{typo}" if section else typo, 1)
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(config.ConfigError) as e:
        config.load(path)
    full = f"{section}.{typo}" if section else typo
    hint = f"{section}.{known[0]}" if section else known[0]
    assert f"unknown setting {full!r}; did you mean {hint!r}?" in str(e.value)


def test_several_errors_are_all_reported_in_line_order(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("out: reports\nnlp:\n  batch_size: 0\ngrammar:\n  dialect: klingon\n"
                    "rules:\n  severity:\n    TR002: severe\n", encoding="utf-8")
    with pytest.raises(config.ConfigError) as e:
        config.load(path)
    assert str(e.value).splitlines() == [
        f"{path}:3: nlp.batch_size: int 0 is not a whole number >= 1",
        f"{path}:5: grammar.dialect: 'klingon' is not one of american, british, australian, "
        "canadian, indian",
        f"{path}:8: rules.severity.TR002: 'severe' is not one of critical, major, minor"]


def test_pyproject_table_is_validated_too(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.clinic-audit.grammar]\nharper = "on"\n')
    monkeypatch.chdir(tmp_path)
    with pytest.raises(config.ConfigError) as e:
        config.load()
    assert str(e.value) == (f"{tmp_path / 'pyproject.toml'} [tool.clinic-audit]: "
                            "grammar.harper: str 'on' is not true or false")


def test_schema_of_a_default_without_a_type_is_a_programming_error():
    with pytest.raises(TypeError, match="add it to REFINED"):
        schema_for({"new": None})
