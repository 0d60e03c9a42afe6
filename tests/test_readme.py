"""The README's examples are real output: its table of the founding article is exactly what
the command above it prints on the seed (../shared/corpus)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"```\n\$ (geokg extract [^\n]*)\n(.*?)```", re.DOTALL)


def _blocks() -> list[tuple[str, str]]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def test_the_readme_shows_the_seed_table_with_its_command():
    commands = [command for command, _ in _blocks()]
    assert any("seed-2025-11-27-petro-cnn.txt" in c and "--format table" in c
               for c in commands), commands


@pytest.mark.parametrize("command, shown", _blocks(), ids=lambda v: v[:60])
def test_a_readme_table_equals_the_real_output(command, shown, monkeypatch):
    args = shlex.split(command)[1:]
    paths = [a for a in args if a.endswith(".txt")]
    for path in paths:
        if not (ROOT / path).exists():
            pytest.skip(f"{path} is not here (the shared corpus sits beside the repo)")
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GEOKG_ENGINE", raising=False)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == shown, (
        "the README's table differs from the real output; paste this under "
        f"`$ {command}`:\n{result.stdout}")


EXPLAIN = re.compile(r"```\n\$ (geokg explain [^\n]*)\n(.*?)```", re.DOTALL)


def _shown_as_pattern(shown: str) -> re.Pattern[str]:
    """The README's lines as a pattern: `...` stands for text left out."""
    lines = [".*?".join(re.escape(part) for part in line.split("..."))
             for line in shown.splitlines()]
    return re.compile("\n".join(lines) + "\n?")


def test_the_readme_explain_example_is_real_output(tmp_path, monkeypatch):
    found = EXPLAIN.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 1
    command, shown = found[0]
    seed = ROOT / "../shared/corpus/seed-2025-11-27-petro-cnn.txt"
    if not seed.exists():
        pytest.skip("the shared corpus sits beside the repo")
    monkeypatch.chdir(ROOT)
    db = str(tmp_path / "explain.db")
    runner = CliRunner()
    ingest = runner.invoke(main, ["--db", db, "ingest", "--quiet", "--engine", "rules",
                                  "geokg/examples", str(seed)])
    assert ingest.exit_code == 0, ingest.stderr
    result = runner.invoke(main, ["--db", db, *shlex.split(command)[1:]])
    assert result.exit_code == 0, result.stderr
    assert _shown_as_pattern(shown).fullmatch(result.stdout), result.stdout
