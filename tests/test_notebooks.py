"""The notebooks in notebooks/ run top to bottom (nbclient) against an output folder made here, and
are saved without outputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

try:  # tests/ as a package (tests/__init__.py) or as plain folder on sys.path
    from tests.audit_support import REPO, extract_to, text_fixtures
except ImportError:
    from audit_support import REPO, extract_to, text_fixtures  # type: ignore[no-redef]

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("duckdb")
pytest.importorskip("matplotlib")

NOTEBOOKS = REPO / "notebooks"
NAMES = ("audit_action_items.ipynb", "archive_overview.ipynb", "audit_sql.ipynb")


@pytest.fixture(scope="module")
def archive_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = extract_to(tmp_path_factory.mktemp("archive"), *text_fixtures())
    if not (out / "parquet" / "meetings").is_dir():
        pytest.skip("`minutes extract` wrote no Parquet tables")
    _add_action_items(out)
    return out


def _add_action_items(out: Path) -> None:
    """A part file of hand-made action items (one overdue, one due, one without deadline or assignee),
    so the notebooks' action-item cells have rows whatever the extractor finds."""
    import pyarrow.parquet as pq

    from pipeline.export.tables import TABLES, to_arrow

    meeting_id = pq.read_table(out / "parquet" / "meetings").column("meeting_id")[0].as_py()
    rows = [
        {"assignees": ["總務組"], "deadline": "2021-12-10", "text": "請總務組於12月10日前完成招標作業"},
        {"assignees": ["總務組", "文書組"], "deadline": "2031-01-31", "text": "請總務組及文書組於1月底前提報"},
        {"assignees": [], "deadline": None, "text": "請賡續辦理"},
    ]
    columns: dict[str, list[object]] = {name: [] for name in TABLES["action_items"].names}
    for i, r in enumerate(rows, start=1):
        values = {**dict.fromkeys(columns), **r, "meeting_id": meeting_id, "action_id": f"{meeting_id}-9{i:03d}",
                  "ordinal": 9000 + i, "start": 0, "end": len(r["text"]), "page": None, "trigger": "請",
                  "section_kind": "reports", "source": "test", "schema_version": "test", "pipeline_version": "test"}
        for name in columns:
            columns[name].append(values.get(name))
    pq.write_table(to_arrow("action_items", columns), out / "parquet" / "action_items" / "part-99999.parquet")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_saved_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name: str, archive_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINUTES_OUT", str(archive_out))
    monkeypatch.setenv("MINUTES_AS_OF", "2022-01-01")
    monkeypatch.setenv("MPLBACKEND", "agg")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    text = "\n".join(_text_outputs(nb))
    assert str(archive_out) in text
    if name == "audit_action_items.ipynb":
        assert "10601" in text  # the case ledger of the founding document
        assert "總務組" in text and "overdue" in text
    else:
        assert "臺北市政府秘書處" in text and "reports" in text


def _text_outputs(nb: object) -> list[str]:
    out: list[str] = []
    for cell in nb.cells:  # type: ignore[attr-defined]
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                out.append(o.get("text", ""))
            elif "data" in o:
                out.append(o["data"].get("text/plain", ""))
    return out
