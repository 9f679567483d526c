"""`make mutants`' own pieces: the report's arithmetic (scripts/mutants.py), the list of equivalent
mutants (tests/mutants_equivalent.toml) and what the README says of it."""

import fnmatch
import importlib.util
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LISTED = tomllib.loads((ROOT / "tests" / "mutants_equivalent.toml").read_text())
ONLY_MUTATE = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]["only_mutate"]


def _script():
    spec = importlib.util.spec_from_file_location("mutants_script", ROOT / "scripts" / "mutants.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_readme_counts_the_equivalent_mutants_listed():
    said = re.search(r"mutants_equivalent\.toml` \((\d+) are listed\)", (ROOT / "README.md").read_text())
    assert said is not None, "the README no longer says how many equivalent mutants are listed"
    assert int(said.group(1)) == len(LISTED["equivalent"])


@pytest.mark.parametrize("section", ["equivalent", "left"])
def test_every_listed_mutant_is_a_mutated_module_with_a_reason(section):
    for key, entry in LISTED.get(section, {}).items():
        module, _, function = key.partition("__mutmut_")[0].rpartition(".")
        assert function.startswith("x"), key
        assert any(fnmatch.fnmatchcase(module.replace(".", "/") + ".py", pattern) for pattern in ONLY_MUTATE), key
        assert len(entry["why"].split()) >= 5, f"{key}: say why in a sentence"
        if section == "equivalent":
            assert entry["change"].startswith("-") and " / +" in entry["change"], key


def test_the_report_counts_and_scores_by_hand(tmp_path, monkeypatch):
    script = _script()
    meta = tmp_path / "mutants" / "gdlib" / "toy.py.meta"
    meta.parent.mkdir(parents=True)
    codes = {f"gdlib.toy.x_f__mutmut_{k}": code for k, code in enumerate([1, 1, 3, -24, 0, 0, 0, None], start=1)}
    meta.write_text(json.dumps({"exit_code_by_key": codes}))
    listed = tmp_path / "listed.toml"
    listed.write_text('[equivalent."gdlib.toy.x_f__mutmut_5"]\nchange = "- a / + b"\nwhy = "the same"\n'
                      '[equivalent."gdlib.toy.x_f__mutmut_6"]\nchange = "- a / + c"\nwhy = "stale: another change"\n'
                      '[equivalent."gdlib.toy.x_f__mutmut_1"]\nchange = "- a / + b"\nwhy = "but it was killed"\n'
                      '[left_groups."gdlib.toy.*"]\nwhy = "a reason for the family"\n')
    monkeypatch.setattr(script, "MUTANTS", tmp_path / "mutants")
    monkeypatch.setattr(script, "LISTED", listed)
    monkeypatch.setattr(script, "OUT", tmp_path / "out")
    monkeypatch.setattr(script, "change_of", lambda key, module: "- a / + b")

    data = script.report()

    toy = next(row for row in data["modules"] if row["module"] == "gdlib.toy")
    # 8 mutants: 4 killed (exit 1, 1, 3 and a timeout), 3 survived, 1 never tested; one survivor is a
    # listed equivalent, one is listed with a change that is no longer its change (stale, so left)
    assert (toy["mutants"], toy["killed"], toy["survived"], toy["equivalent"], toy["not checked"]) == (8, 4, 3, 1, 1)
    assert toy["score"] == pytest.approx(4 / 7)
    assert [entry["id"] for entry in data["left"]] == ["gdlib.toy.x_f__mutmut_6", "gdlib.toy.x_f__mutmut_7"]
    assert {entry["why"] for entry in data["left"]} == {"a reason for the family"}
    assert [entry["id"] for entry in data["stale equivalent entries"]] == ["gdlib.toy.x_f__mutmut_6"]
    assert data["listed as equivalent but killed"] == ["gdlib.toy.x_f__mutmut_1"]
    written = (tmp_path / "out" / "report.md").read_text()
    assert "| `gdlib.toy` | 8 (1 not checked) | 4 | 3 | 1 | 2 | 57.1% |" in written
