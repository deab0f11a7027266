"""notebooks/tour.ipynb runs from top to bottom in the project's environment.

The notebook is executed in memory (never saved back): it builds into a temporary folder
of its own, so the repository is left untouched.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TOUR = ROOT / "notebooks" / "tour.ipynb"


def _outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output.get("text", ""))
            for value in output.get("data", {}).values():
                parts.append(value if isinstance(value, str) else str(value))
    return "\n".join(parts)


def test_committed_notebook_has_no_outputs():
    import nbformat
    nb = nbformat.read(TOUR, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code), (
        "clear the outputs of notebooks/tour.ipynb before committing it")
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.model
def test_tour_runs_without_errors(tmp_path, monkeypatch):
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError:
        pytest.fail("nbclient/nbformat/ipykernel are missing: install the test extra "
                    "(.venv/bin/pip install -e '.[test]')", pytrace=False)
    # The "python3" kernel starts `python`: make it this interpreter (the project's venv),
    # and keep IPython's own files out of the user's home.
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    nb = nbformat.read(TOUR, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": str(TOUR.parent)}})
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails

    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]
    text = _outputs_text(nb)
    for expected in ("Gérald Darmanin", "ministre de l'Intérieur", "centrality", "srcdoc="):
        assert expected in text, f"{expected!r} missing from the notebook's outputs"
    assert not list(tmp_path.glob("newskg-tour-*")), "the tour left its build behind"
