"""demo and render: files written, sizes printed, partial Chinese set, batch errors, progress."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pytest
from pypdf import PdfReader

from exportdocs.cli import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main
from exportdocs.cli import _render as _cli_render
from exportdocs.cli._text import Progress
from exportdocs.orderfile._file import OrderFile, dump_order

from .conftest import write_broken

Capture = pytest.CaptureFixture[str]
NUMBER = "BW-2026-0418"
KINDS = ("quotation", "proforma-invoice", "packing-list", "cost-sheet")


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without any Chinese font."""
    monkeypatch.setattr(_cli_render, "CJK_SEARCH", ())


def _names(lang: str) -> list[str]:
    return [f"{NUMBER}_{kind}_{lang}.{ext}" for kind in KINDS for ext in ("pdf", "docx")]


@pytest.mark.slow
def test_demo_writes_the_whole_set(tmp_path: Path, capsys: Capture) -> None:
    outdir = tmp_path / "out"
    assert main(["demo", str(outdir)]) == EXIT_OK
    out, err = capsys.readouterr()
    expected = _names("en") + _names("zh")
    assert sorted(expected) == sorted(p.name for p in outdir.iterdir())
    lines = out.splitlines()
    assert f"Sample order {NUMBER}: 16 files in {outdir}" == lines[0]
    for line, name in zip(lines[1:17], expected, strict=True):
        size, path = line.strip().split("  ", 1)[0], line.rsplit("  ", 1)[1]
        assert str(outdir / name) == path
        assert size.endswith("kB")
    assert lines[17].endswith("  in all")
    assert err == ""
    text = PdfReader(outdir / f"{NUMBER}_quotation_en.pdf").pages[0].extract_text()
    assert "CIF" in text
    assert "QUOTATION" in text


def test_demo_without_cjk_font_writes_english_and_exits_3(
    tmp_path: Path, capsys: Capture, no_cjk_font: None
) -> None:
    outdir = tmp_path / "out"
    assert main(["demo", str(outdir)]) == EXIT_PARTIAL
    out, err = capsys.readouterr()
    assert sorted(_names("en")) == sorted(p.name for p in outdir.iterdir())
    assert f"Sample order {NUMBER}: 8 files in {outdir}" == out.splitlines()[0]
    assert err.splitlines() == [
        "exportdocs: Chinese set skipped: no CJK font found; install one (Debian/Ubuntu: "
        "apt install fonts-noto-cjk) or pass --cjk-font PATH"
    ]


def test_demo_with_a_missing_cjk_font_path_is_an_error(tmp_path: Path, capsys: Capture) -> None:
    assert main(["demo", str(tmp_path), "--cjk-font", "/nowhere/font.ttf"]) == EXIT_FAILED
    assert (
        capsys.readouterr().err
        == "exportdocs: error: --cjk-font: no such font file (got '/nowhere/font.ttf')\n"
    )


def test_render_chosen_documents_formats_languages(
    tmp_path: Path, order_json: Path, capsys: Capture
) -> None:
    outdir = tmp_path / "out"
    code = main(
        [
            "render",
            str(order_json),
            "-o",
            str(outdir),
            "--doc",
            "pi,packing-list",
            "--format",
            "pdf",
            "--lang",
            "en+zh",
        ]
    )
    assert code == EXIT_OK
    expected = [
        f"{NUMBER}_proforma-invoice_en.pdf",
        f"{NUMBER}_packing-list_en.pdf",
        f"{NUMBER}_proforma-invoice_zh.pdf",
        f"{NUMBER}_packing-list_zh.pdf",
    ]
    assert sorted(expected) == sorted(p.name for p in outdir.iterdir())
    lines = capsys.readouterr().out.splitlines()
    assert [str(outdir / n) for n in expected] == [line.rsplit("  ", 1)[1] for line in lines[:4]]
    assert lines[4].startswith("1 of 1 orders rendered: 4 files, ")
    assert lines[4].endswith(f" in {outdir}")


def test_render_bilingual_docx(tmp_path: Path, order_toml: Path) -> None:
    assert (
        main(
            [
                "render",
                str(order_toml),
                "-o",
                str(tmp_path),
                "--doc",
                "quotation",
                "--format",
                "docx",
                "--lang",
                "en-zh",
            ]
        )
        == EXIT_OK
    )
    assert [f"{NUMBER}_quotation_en-zh.docx"] == [
        p.name for p in tmp_path.iterdir() if p.is_file() and p.suffix == ".docx"
    ]


def test_render_batch_reports_the_bad_order_and_renders_the_rest(
    tmp_path: Path, sample_order: OrderFile, capsys: Capture
) -> None:
    orders = tmp_path / "orders"
    orders.mkdir()
    good = []
    for n in range(3):
        contract = attrs.evolve(sample_order.contract, number=f"PI-{n}")
        path = orders / f"order-{n}.json"
        dump_order(OrderFile(contract, sample_order.costing), path)
        good.append(path)
    bad = write_broken(orders / "bad.json", sample_order, 3, "0")
    outdir = tmp_path / "out"
    args = ["render", str(good[0]), str(bad), str(good[1]), str(good[2]), "-o", str(outdir)]
    assert main([*args, "--doc", "pi", "--format", "pdf"]) == EXIT_FAILED
    out, err = capsys.readouterr()
    assert [
        f"exportdocs: error: {bad}: contract.items[3].quantity: must be greater than zero (got 0)"
    ] == err.splitlines()
    assert [f"PI-{n}_proforma-invoice_en.pdf" for n in range(3)] == sorted(
        p.name for p in outdir.iterdir()
    )
    assert out.splitlines()[-1].startswith("3 of 4 orders rendered: 3 files, ")


def test_render_refuses_two_orders_with_one_number(
    tmp_path: Path, order_json: Path, order_toml: Path, capsys: Capture
) -> None:
    assert (
        main(
            [
                "render",
                str(order_json),
                str(order_toml),
                "-o",
                str(tmp_path / "o"),
                "--doc",
                "pi",
                "--format",
                "pdf",
            ]
        )
        == EXIT_FAILED
    )
    assert [
        f"exportdocs: error: {order_toml}: contract.number: {order_json} has the same contract "
        f"number; its files would be overwritten (got '{NUMBER}')"
    ] == capsys.readouterr().err.splitlines()


def test_render_cost_sheet_needs_costing(
    tmp_path: Path, sample_order: OrderFile, capsys: Capture
) -> None:
    path = tmp_path / "bare.json"
    dump_order(OrderFile(sample_order.contract), path)
    assert main(["render", str(path), "-o", str(tmp_path / "o"), "--doc", "cost"]) == EXIT_FAILED
    assert (
        f"exportdocs: error: {path}: costing: the cost sheet needs the order's costing inputs "
        "(got None)\n"
    ) == capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_render_default_documents_skip_the_cost_sheet_without_costing(
    tmp_path: Path, sample_order: OrderFile
) -> None:
    path = tmp_path / "bare.json"
    dump_order(OrderFile(sample_order.contract), path)
    assert main(["render", str(path), "-o", str(tmp_path / "o"), "--format", "docx"]) == EXIT_OK
    assert sorted(f"{NUMBER}_{k}_en.docx" for k in KINDS[:3]) == sorted(
        p.name for p in (tmp_path / "o").iterdir()
    )


def test_render_chinese_without_font_fails_that_order_only(
    tmp_path: Path, order_json: Path, capsys: Capture, no_cjk_font: None
) -> None:
    outdir = tmp_path / "o"
    assert (
        main(["render", str(order_json), "-o", str(outdir), "--lang", "en+zh", "--doc", "pi"])
        == EXIT_FAILED
    )
    err = capsys.readouterr().err
    assert err.startswith(f"exportdocs: error: {order_json}: ")
    assert "CJK font" in err
    assert not outdir.exists()  # all of an order's files or none


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--doc",
            "invoice",
            "--doc: unknown document; use quotation, pi, packing-list, cost-sheet (got 'invoice')",
        ),
        ("--format", "odt", "--format: unknown format; use one of pdf, docx (got 'odt')"),
        (
            "--lang",
            "de",
            "--lang: unknown language; use en, zh, en-zh (bilingual) or en+zh (both sets) (got 'de')",
        ),
    ],
)
def test_render_bad_options_are_usage_errors(
    tmp_path: Path, order_json: Path, capsys: Capture, option: str, value: str, message: str
) -> None:
    assert main(["render", str(order_json), "-o", str(tmp_path), option, value]) == EXIT_USAGE
    assert f"exportdocs: error: {message}\n" == capsys.readouterr().err


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_only_on_a_terminal() -> None:
    tty = _Tty()
    bar = Progress(4, tty)
    bar.step("a.json")
    bar.step("b.json")
    bar.done()
    assert "\r[############............] 1/4 a.json\x1b[K" not in tty.getvalue()
    assert (
        (tty.getvalue())
        == "\r[######..................] 1/4 a.json\x1b[K\r[############............] 2/4 b.json\x1b[K\n"
    )
    plain = io.StringIO()
    quiet = Progress(4, plain)
    quiet.step("a.json")
    quiet.done()
    assert plain.getvalue() == ""
