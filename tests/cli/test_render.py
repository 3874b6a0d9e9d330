"""demo and render of one order: files written, sizes printed, fonts, options, progress bar."""

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
from exportdocs.render import DEFAULT_CJK_SEARCH, FontFile, FontPair, FontSet

Capture = pytest.CaptureFixture[str]
NUMBER = "BW-2026-0418"
#: The sample order's quotation has its own number (issue 12: it carried the PI's).
QUOTE_NO = "BW-Q-2026-0311"
KINDS = ("quotation", "proforma-invoice", "packing-list", "cost-sheet")


def _names(lang: str) -> list[str]:
    return [
        f"{QUOTE_NO if kind == 'quotation' else NUMBER}_{kind}_{lang}.{ext}"
        for kind in KINDS
        for ext in ("pdf", "docx")
    ]


@pytest.mark.slow
def test_demo_writes_the_whole_set(tmp_path: Path, capsys: Capture) -> None:
    outdir = tmp_path / "out"
    assert main(["demo", str(outdir)]) == EXIT_OK
    out, err = capsys.readouterr()
    expected = _names("en") + _names("zh") + _names("en-zh")
    assert len(expected) == 24
    assert sorted(expected) == sorted(p.name for p in outdir.iterdir())
    lines = out.splitlines()
    assert f"Sample order {NUMBER}: 24 files in {outdir}" == lines[0]
    for line, name in zip(lines[1:25], expected, strict=True):
        size, path = line.strip().split("  ", 1)[0], line.rsplit("  ", 1)[1]
        assert str(outdir / name) == path
        assert size.endswith("kB")
    assert lines[25].endswith("  in all")
    assert len(lines) == 26
    assert err == ""
    text = PdfReader(outdir / f"{QUOTE_NO}_quotation_en.pdf").pages[0].extract_text()
    assert "CIF" in text
    assert "QUOTATION" in text
    assert QUOTE_NO in text
    assert NUMBER not in text  # the quotation is not the contract
    bilingual = PdfReader(outdir / f"{QUOTE_NO}_quotation_en-zh.pdf").pages[0].extract_text()
    assert "报价单" in bilingual.replace("\x00", "")  # CFF fonts' text comes out spaced by NULs


def test_demo_with_a_missing_cjk_font_path_is_an_error(tmp_path: Path, capsys: Capture) -> None:
    assert main(["demo", str(tmp_path), "--cjk-font", "/nowhere/font.ttf"]) == EXIT_FAILED
    assert (
        capsys.readouterr().err
        == "exportdocs: error: --cjk-font: no such font file (got '/nowhere/font.ttf')\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_demo_system_fonts_not_installed_is_an_error(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = (FontPair("/nowhere/NotoSansCJK-Regular.ttc"), FontPair("/nowhere/wqy.ttc"))
    monkeypatch.setattr(_cli_render, "SYSTEM_CJK_SEARCH", missing)
    assert main(["demo", str(tmp_path / "out"), "--system-fonts"]) == EXIT_FAILED
    assert capsys.readouterr().err == (
        "exportdocs: error: --system-fonts: no system CJK font found; looked in "
        "/nowhere/NotoSansCJK-Regular.ttc, /nowhere/wqy.ttc; install one (Debian/Ubuntu: "
        "apt install fonts-noto-cjk), pass --cjk-font PATH, or leave out --system-fonts to "
        "use exportdocs' own font\n"
    )
    assert not (tmp_path / "out").exists()


def test_font_options_choose_the_cjk_font(tmp_path: Path) -> None:
    bundled = _cli_render.cli_style().fonts
    assert bundled == FontSet()  # the library's default CJK font
    font = tmp_path / "cjk.ttf"
    font.write_bytes(b"")
    assert _cli_render.cli_style(cjk_font=font).fonts.cjk_regular == FontFile(font)
    if any(p.regular.path.is_file() for p in DEFAULT_CJK_SEARCH):
        system = _cli_render.cli_style(system_fonts=True).fonts
        assert system.cjk_search == DEFAULT_CJK_SEARCH


def test_cjk_font_and_system_fonts_exclude_each_other(tmp_path: Path, capsys: Capture) -> None:
    args = ["demo", str(tmp_path), "--cjk-font", "x.ttf", "--system-fonts"]
    assert main(args) == EXIT_USAGE
    assert "argument --system-fonts: not allowed with argument --cjk-font" in (
        capsys.readouterr().err
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
    assert [f"{QUOTE_NO}_quotation_en-zh.docx"] == [
        p.name for p in tmp_path.iterdir() if p.is_file() and p.suffix == ".docx"
    ]


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


def test_render_with_a_font_without_chinese_fails_that_order_only(
    tmp_path: Path, order_json: Path, capsys: Capture
) -> None:
    outdir = tmp_path / "o"
    latin_only = Path(_cli_render.__file__).parents[1] / "render/fonts/DejaVuSans.ttf"
    args = ["render", str(order_json), "-o", str(outdir), "--lang", "en+zh", "--doc", "pi"]
    assert main([*args, "--cjk-font", str(latin_only)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith(f"exportdocs: error: {order_json}: ")
    assert "font" in err
    assert not outdir.exists()  # all of an order's files or none (the English ones too)


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


def _two_orders(tmp_path: Path, sample_order: OrderFile) -> list[str]:
    paths = []
    for n in range(2):
        path = tmp_path / f"o{n}.json"
        dump_order(OrderFile(attrs.evolve(sample_order.contract, number=f"T-{n}")), path)
        paths.append(path.name)
    return paths


@pytest.mark.parametrize(
    ("stdout_tty", "stderr_tty", "bar"),
    [(False, False, False), (False, True, False), (True, False, False), (True, True, True)],
)
def test_render_progress_bar_only_when_stdout_and_stderr_are_terminals(
    tmp_path: Path,
    sample_order: OrderFile,
    monkeypatch: pytest.MonkeyPatch,
    stdout_tty: bool,
    stderr_tty: bool,
    bar: bool,
) -> None:
    out, err = (_Tty() if stdout_tty else io.StringIO()), (_Tty() if stderr_tty else io.StringIO())
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.chdir(tmp_path)
    orders = _two_orders(tmp_path, sample_order)
    args = ["render", *orders, "-o", "o", "--doc", "pi", "--format", "docx"]
    assert main([*args, "--jobs", "1"]) == EXIT_OK
    if bar:
        assert err.getvalue() == (
            f"\r[############............] 1/2 {orders[0]}\x1b[K"
            f"\r[########################] 2/2 {orders[1]}\x1b[K\n"
        )
    else:
        assert err.getvalue() == ""  # piped or redirected: no bar
    assert out.getvalue().splitlines()[-1].startswith("2 of 2 orders rendered: 2 files, ")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "argument -j/--jobs: must be 1 or more (got 0)"),
        ("-2", "argument -j/--jobs: must be 1 or more (got -2)"),
        ("two", "argument -j/--jobs: expected a whole number (got 'two')"),
    ],
)
def test_render_jobs_must_be_a_positive_number(
    tmp_path: Path, order_json: Path, capsys: Capture, value: str, message: str
) -> None:
    args = ["render", str(order_json), "-o", str(tmp_path / "o"), "--jobs", value]
    assert main(args) == EXIT_USAGE
    assert capsys.readouterr().err.splitlines()[-1] == f"exportdocs render: error: {message}"
    assert not (tmp_path / "o").exists()


def test_exit_partial_is_kept_for_compatibility() -> None:
    assert EXIT_PARTIAL == 3
