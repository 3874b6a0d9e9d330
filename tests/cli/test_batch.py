"""render of many orders: folders, the process pool, input order, failures per order."""

from __future__ import annotations

import pickle
from pathlib import Path

import attrs
import pytest

from exportdocs.cli import EXIT_FAILED, EXIT_OK, _batch, main
from exportdocs.cli._batch import Outcome, order_files
from exportdocs.orderfile._file import OrderFile, dump_order

from . import _workers
from .conftest import write_broken

Capture = pytest.CaptureFixture[str]
PI = ("pdf", "docx")


def _order(sample: OrderFile, path: Path, number: str, costing: bool = True) -> Path:
    contract = attrs.evolve(sample.contract, number=number)
    dump_order(OrderFile(contract, sample.costing if costing else None), path)
    return path


@pytest.fixture
def inputs(tmp_path: Path, sample_order: OrderFile) -> list[Path]:
    """A file and a folder: ``single/c.json`` and ``orders/`` (a.json, b.toml and others)."""
    (tmp_path / "orders" / "sub").mkdir(parents=True)
    (tmp_path / "single").mkdir()
    _order(sample_order, tmp_path / "orders" / "b.toml", "PI-B")
    _order(sample_order, tmp_path / "orders" / "a.json", "PI-A")
    _order(sample_order, tmp_path / "orders" / ".hidden.json", "PI-H")
    _order(sample_order, tmp_path / "orders" / "sub" / "d.json", "PI-D")
    (tmp_path / "orders" / "notes.txt").write_text("not an order", encoding="utf-8")
    return [_order(sample_order, tmp_path / "single" / "c.json", "PI-C"), tmp_path / "orders"]


def _render(inputs: list[Path], outdir: Path, *options: str) -> int:
    args = ["render", *map(str, inputs), "-o", str(outdir), "--doc", "pi", *options]
    return main(args)


def _files(outdir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(outdir.iterdir())}


def test_a_folder_is_its_order_files_sorted(inputs: list[Path], tmp_path: Path) -> None:
    folder = tmp_path / "orders"
    files, problems = order_files([*inputs, folder / "a.json", tmp_path / "missing.json"])
    assert files == [
        inputs[0],
        folder / "a.json",
        folder / "b.toml",
        tmp_path / "missing.json",  # load_order reports it
    ]
    assert problems == []
    (tmp_path / "empty").mkdir()
    assert order_files([tmp_path / "empty"]) == (
        [],
        [
            f"exportdocs: error: {tmp_path / 'empty'}: no order files (*.json, *.toml) in this folder"
        ],
    )


def test_two_jobs_write_the_same_files_as_one(
    inputs: list[Path], tmp_path: Path, capsys: Capture
) -> None:
    assert _render(inputs, tmp_path / "one", "--jobs", "1") == EXIT_OK
    one = capsys.readouterr()
    assert _render(inputs, tmp_path / "two", "--jobs", "2") == EXIT_OK
    two = capsys.readouterr()
    expected = [f"PI-{n}_proforma-invoice_en.{ext}" for n in "CAB" for ext in PI]
    assert sorted(expected) == list(_files(tmp_path / "two"))
    assert _files(tmp_path / "one") == _files(tmp_path / "two")  # byte for byte
    assert (one.err, two.err) == ("", "")
    lines = two.out.splitlines()
    assert [line.rsplit("/", 1)[1] for line in lines[:6]] == expected  # in input order
    assert lines[6].startswith("3 of 3 orders rendered: 6 files, ")
    assert one.out.replace(str(tmp_path / "one"), "OUT") == two.out.replace(
        str(tmp_path / "two"), "OUT"
    )


def test_a_bad_order_among_good_ones_on_two_jobs(
    tmp_path: Path, sample_order: OrderFile, capsys: Capture
) -> None:
    good = [_order(sample_order, tmp_path / f"g{n}.json", f"PI-{n}") for n in range(3)]
    broken = write_broken(tmp_path / "broken.json", sample_order, 3, "0")
    bare = _order(sample_order, tmp_path / "bare.json", "PI-BARE", costing=False)
    outdir = tmp_path / "out"
    paths = [good[0], broken, good[1], bare, good[2]]
    assert _render(paths, outdir, "--doc", "pi,cost-sheet", "--format", "pdf", "-j", "2") == (
        EXIT_FAILED
    )
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"exportdocs: error: {broken}: contract.items[3].quantity: must be greater than zero "
        "(got 0)",
        f"exportdocs: error: {bare}: costing: the cost sheet needs the order's costing inputs "
        "(got None)",
    ]
    # bare.json's proforma invoice was rendered before its cost sheet failed: not written
    assert sorted(
        f"PI-{n}_{kind}_en.pdf" for n in range(3) for kind in ("proforma-invoice", "cost-sheet")
    ) == sorted(p.name for p in outdir.iterdir())
    assert out.splitlines()[-1].startswith("3 of 5 orders rendered: 6 files, ")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unexpected_error_is_reported_the_same_in_a_worker(
    tmp_path: Path,
    sample_order: OrderFile,
    capsys: Capture,
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
) -> None:
    monkeypatch.setattr(_batch, "render_file", _workers.with_a_bug)
    good = _order(sample_order, tmp_path / "good.json", "PI-1")
    bug = _order(sample_order, tmp_path / "bug.json", "PI-2")
    outdir = tmp_path / "out"
    assert _render([bug, good], outdir, "--format", "docx", "--jobs", jobs) == EXIT_FAILED
    assert capsys.readouterr().err == (
        f"exportdocs: error: {bug}: unexpected KeyError: 'no such column' "
        "(a bug in exportdocs; --debug shows the traceback)\n"
    )
    assert [p.name for p in outdir.iterdir()] == ["PI-1_proforma-invoice_en.docx"]
    assert _render([bug, good], outdir, "--format", "docx", "--jobs", jobs, "--debug") == (
        EXIT_FAILED
    )
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [f"exportdocs: error: {bug}:", "Traceback (most recent call last):"]
    assert err[-1] == "KeyError: 'no such column'"


def test_a_worker_that_dies_fails_its_order_and_leaves_no_files(
    tmp_path: Path, sample_order: OrderFile, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_batch, "render_file", _workers.dies_on_dies_json)
    paths = [_order(sample_order, tmp_path / f"{n}.json", f"PI-{n}") for n in ("a", "dies", "b")]
    outdir = tmp_path / "out"
    assert _render(paths, outdir, "--format", "docx", "--jobs", "2") == EXIT_FAILED
    err = capsys.readouterr().err
    assert f"exportdocs: error: {paths[1]}: its worker process stopped unexpectedly (" in err
    written = sorted(p.name for p in outdir.iterdir()) if outdir.exists() else []
    assert "PI-dies_proforma-invoice_en.docx" not in written
    assert all(not name.startswith(".") for name in written)  # no staged leftovers


def test_a_single_order_or_one_job_starts_no_pool(
    tmp_path: Path, sample_order: OrderFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(_batch, "ProcessPoolExecutor", no_pool)
    one = _order(sample_order, tmp_path / "one.json", "PI-1")
    two = _order(sample_order, tmp_path / "two.json", "PI-2")
    assert _render([one], tmp_path / "a", "--format", "docx", "--jobs", "8") == EXIT_OK
    assert _render([one, two], tmp_path / "b", "--format", "docx", "--jobs", "1") == EXIT_OK
    assert len(list((tmp_path / "b").iterdir())) == 2


def test_an_empty_folder_is_reported(tmp_path: Path, capsys: Capture) -> None:
    (tmp_path / "empty").mkdir()
    assert _render([tmp_path / "empty"], tmp_path / "out") == EXIT_FAILED
    out, err = capsys.readouterr()
    assert err == (
        f"exportdocs: error: {tmp_path / 'empty'}: no order files (*.json, *.toml) in this folder\n"
    )
    assert out.startswith("0 of 0 orders rendered: 0 files")


def test_an_outcome_crosses_processes_intact(tmp_path: Path) -> None:
    outcome = Outcome("a.json", "PI-1", ((tmp_path / ".x.tmp", tmp_path / "x.pdf"),), ("e",))
    assert pickle.loads(pickle.dumps(outcome)) == outcome
