"""`make mutants`: mutation testing of gdlib's math, topic models and exercise checkers (mutmut 3).

    python scripts/mutants.py run [--jobs N]   # mutmut run, re-test the survivors, write the report
    python scripts/mutants.py report           # only write the report from mutants/ (no testing)

What is mutated and which tests run is configured in pyproject.toml ([tool.mutmut]) and
scripts/mutants_pytest_plugin.py. mutmut keeps its results in mutants/ (gitignored): a second run
tests only the functions whose source changed, and then this script re-tests every mutant that
survived or had no test before, so a new test gets its chance to kill them. `rm -rf mutants` for a
run from scratch.

The report, build/mutants/report.md and report.json, has per module: the mutants, how many the
unit tests killed (a timeout counts as killed: the mutant made a test hang), how many survived,
how many of those are equivalent (listed with the reason in tests/mutants_equivalent.toml), and the
score = killed / (mutants - equivalent). Every other survivor is "left", with the reason that
tests/mutants_equivalent.toml gives it under [left] (by id) or [left_groups] (by an fnmatch pattern
of ids, for a family of survivors with one reason), or "no reason recorded".

An entry of tests/mutants_equivalent.toml names a mutant by mutmut's id and quotes its change
(the `-` and `+` lines of `mutmut show`, whitespace squeezed); when the id now names another
change (the function was edited), the entry is reported as stale and not counted.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
LISTED = ROOT / "tests" / "mutants_equivalent.toml"
OUT = ROOT / "build" / "mutants"
MUTMUT = Path(sys.executable).parent / "mutmut"

#: mutmut's exit codes (mutmut/stats.py) -> what the report calls them.
KILLED_CODES = {1: "killed", 3: "killed", 36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout",
                255: "timeout", -11: "segfault", -9: "segfault"}
SURVIVED_CODES = {0: "survived", 5: "no tests", 33: "no tests"}


@dataclass
class Module:
    name: str
    mutants: int = 0
    killed: int = 0
    survived: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        tested = self.mutants - len(self.equivalent)
        return self.killed / tested if tested else None


def _meta_files() -> list[Path]:
    return sorted(path for path in (MUTANTS / "gdlib").rglob("*.py.meta"))


def results() -> dict[str, tuple[str, int | None]]:
    """mutant id -> (module, mutmut's exit code or None when not checked)."""
    found = {}
    for path in _meta_files():
        module = str(path.relative_to(MUTANTS)).removesuffix(".py.meta").replace("/", ".")
        for key, code in json.loads(path.read_text())["exit_code_by_key"].items():
            found[key] = (module, code)
    return found


def change_of(mutant: str, module: str) -> str:
    """The mutant's change: the removed and added lines of its diff (`mutmut show`), whitespace squeezed."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # reads pyproject.toml from the working directory

    diff = get_diff_for_mutant(mutant, path=module.replace(".", "/") + ".py")
    lines = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")]
    return " / ".join(" ".join(line.split()) for line in lines)


def _listed() -> dict[str, dict[str, dict[str, str]]]:
    data = tomllib.loads(LISTED.read_text()) if LISTED.exists() else {}
    return {key: data.get(key, {}) for key in ("equivalent", "left", "left_groups")}


def _why_left(key: str, listed: dict) -> str:
    """The reason recorded for a survivor: its own [left] entry, else the first [left_groups] pattern it matches."""
    if key in listed["left"]:
        return listed["left"][key]["why"]
    for pattern, entry in listed["left_groups"].items():
        if fnmatch.fnmatchcase(key, pattern):
            return entry["why"]
    return "no reason recorded"


def _mutmut_run(jobs: int, *mutants: str) -> None:
    finished = subprocess.run([str(MUTMUT), "run", "--max-children", str(jobs), *mutants], cwd=ROOT)
    if finished.returncode != 0:
        sys.exit(f"mutmut run failed (exit code {finished.returncode}); see its output above. A failing unit test "
                 "stops it: run the unit tests first. `rm -rf mutants` starts from scratch.")


def run(jobs: int) -> float:
    """mutmut run; on a second run, the survivors and untested mutants once more. Returns the seconds it took."""
    start = time.monotonic()
    before = {key for key, (_, code) in results().items() if code in SURVIVED_CODES}
    _mutmut_run(jobs)
    again = sorted(key for key, (_, code) in results().items() if key in before and code in SURVIVED_CODES)
    if again:  # mutmut keeps a survivor's verdict even when a new test would kill it: ask again
        print(f"re-testing the {len(again)} mutants that survived or had no test in the last run")
        _mutmut_run(jobs, *again)
    return time.monotonic() - start


def report(seconds: float | None = None) -> dict:
    found = results()
    listed = _listed()
    modules: dict[str, Module] = {}
    equivalent, left, stale, killed_but_listed = [], [], [], []
    for key, (name, code) in sorted(found.items()):
        module = modules.setdefault(name, Module(name))
        module.mutants += 1
        if code in KILLED_CODES:
            module.killed += 1
            if key in listed["equivalent"]:
                killed_but_listed.append(key)
        elif code is None:
            module.not_checked.append(key)
        else:
            module.survived.append(key)
            change = change_of(key, name)
            entry = listed["equivalent"].get(key)
            if entry and " ".join(entry.get("change", "").split()) == change:
                module.equivalent.append(key)
                equivalent.append({"id": key, "change": change, "why": entry["why"]})
                continue
            if entry:
                stale.append({"id": key, "listed change": entry.get("change", ""), "change now": change})
            status = SURVIVED_CODES.get(code, f"exit code {code}")
            why = _why_left(key, listed)
            left.append({"id": key, "status": status, "change": change, "why": why})

    total = Module("all")
    for module in modules.values():
        total.mutants += module.mutants
        total.killed += module.killed
        total.survived += module.survived
        total.equivalent += module.equivalent
        total.not_checked += module.not_checked
    data = {
        "seconds": seconds,
        "modules": [{"module": m.name, "mutants": m.mutants, "killed": m.killed, "survived": len(m.survived),
                     "equivalent": len(m.equivalent), "not checked": len(m.not_checked), "score": m.score}
                    for m in [*modules.values(), total]],
        "equivalent": equivalent,
        "left": left,
        "stale equivalent entries": stale,
        "listed as equivalent but killed": killed_but_listed,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    (OUT / "report.md").write_text(_markdown(data))
    return data


def _markdown(data: dict) -> str:
    def score(value: float | None) -> str:
        return "—" if value is None else f"{100 * value:.1f}%"

    lines = ["# Mutation testing of gdlib (mutmut, unit tests alone)", ""]
    if data["seconds"] is not None:
        lines += [f"Run time: {data['seconds'] / 60:.1f} min.", ""]
    lines += ["score = killed / (mutants − equivalent); a survivor that is not equivalent is left.", "",
              "| module | mutants | killed | survived | equivalent | left | score |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in data["modules"]:
        left = row["survived"] - row["equivalent"]
        unchecked = f" ({row['not checked']} not checked)" if row["not checked"] else ""
        name = f"**{row['module']}**" if row["module"] == "all" else f"`{row['module']}`"
        lines.append(f"| {name} | {row['mutants']}{unchecked} | {row['killed']} | {row['survived']} | "
                     f"{row['equivalent']} | {left} | {score(row['score'])} |")
    for title, key in (("Equivalent", "equivalent"), ("Left", "left")):
        lines += ["", f"## {title} ({len(data[key])})", ""]
        for entry in data[key]:
            status = f" ({entry['status']})" if "status" in entry else ""
            lines.append(f"- `{entry['id']}`{status}: `{entry['change']}` — {entry['why']}")
    if data["stale equivalent entries"]:
        lines += ["", "## Stale entries of tests/mutants_equivalent.toml (the id now names another change)", ""]
        lines += [f"- `{e['id']}`: listed `{e['listed change']}`, now `{e['change now']}`"
                  for e in data["stale equivalent entries"]]
    if data["listed as equivalent but killed"]:
        lines += ["", "## Listed as equivalent but killed (drop them from tests/mutants_equivalent.toml)", ""]
        lines += [f"- `{key}`" for key in data["listed as equivalent but killed"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run mutmut, re-test the survivors, write the report")
    run_parser.add_argument("--jobs", type=int, default=1, help="mutmut's worker processes (default 1)")
    commands.add_parser("report", help="write the report from mutants/ without testing anything")
    arguments = parser.parse_args()
    os.chdir(ROOT)
    seconds = run(arguments.jobs) if arguments.command == "run" else None
    data = report(seconds)
    total = data["modules"][-1]
    print(f"{total['killed']} of {total['mutants']} mutants killed, {total['equivalent']} equivalent, "
          f"{len(data['left'])} left: score {100 * (total['score'] or 0):.1f}%  ->  {OUT / 'report.md'}")


if __name__ == "__main__":
    main()
