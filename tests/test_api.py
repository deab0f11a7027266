"""The Python API, as the README shows it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.model
def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_example(), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Gérald Darmanin — ministre de l'Intérieur FR" in out
    assert re.search(r"^[1-9]\d* facts about Gérald Darmanin$", out, re.M)
    assert "'holdsRole'" in out and "'attends'" in out


def test_importing_kg_loads_neither_spacy_nor_rdflib():
    import subprocess
    import sys

    code = "import sys, kg; print(kg.__version__, 'spacy' in sys.modules, 'rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.split()[1:] == ["False", "False"]
    assert kg.__version__ == out.split()[0]


def test_the_api_checks_its_own_arguments(tmp_path):
    with pytest.raises(kg.UsageError, match="needs an output folder, a store or both"):
        kg.build_corpus(["seeds"])
    with pytest.raises(kg.InputError, match="no such store"):
        kg.open_store(tmp_path / "nope")
    with pytest.raises(kg.QueryError, match="needs --param name"):
        kg.run_query(tmp_path / "g.ttl", "person")
    with pytest.raises(kg.UsageError, match="non-empty text"):
        kg.extract_facts("  ")
    assert set(kg.__all__) <= set(dir(kg))
