"""The argument parser of the ``exportdocs`` command, and which module runs each command.

Each command is run by a function of its own module (``_render`` for ``demo`` and
``render``, which share most of their code; ``_validate``, ``_cost``, ``_workflow``,
``_schema``), imported only when that command runs, so ``exportdocs --help`` does not
load the renderer.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from exportdocs._validation import to_date
from exportdocs.cli._text import PROG
from exportdocs.exceptions import ValidationError

__all__ = ["Runner", "build_parser"]

#: What runs a command: the parsed arguments, stdout and stderr in; the exit code out.
Runner = Callable[[argparse.Namespace, TextIO, TextIO], int]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples in the epilogs as written."""


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the full traceback of an error instead of one line",
    )
    return common


def _font_options(parser: argparse.ArgumentParser) -> None:
    fonts = parser.add_mutually_exclusive_group()
    fonts.add_argument(
        "--cjk-font",
        metavar="PATH",
        type=Path,
        help="a font file with Chinese glyphs (.ttf/.otf/.ttc) for the Chinese documents "
        "(default: the CJK font bundled with exportdocs)",
    )
    fonts.add_argument(
        "--system-fonts",
        action="store_true",
        help="use the first of the usual system CJK fonts found (Noto Sans CJK, "
        "WenQuanYi, ...) instead of the bundled one",
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number (got {text!r})") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (got {value})")
    return value


def _iso_date(text: str) -> dt.date:
    try:
        return to_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``exportdocs`` command."""
    from exportdocs import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Typed export contracts, costing, order workflow and trade documents.",
        epilog="examples:\n"
        "  exportdocs demo out/\n"
        "  exportdocs render orders/*.toml -o out/ --lang en+zh\n"
        "  exportdocs validate orders/*.json\n"
        "  exportdocs cost order.json\n"
        "  exportdocs workflow order.json --store orders.sqlite start_production\n"
        "  exportdocs schema > order.schema.json\n\n"
        "exit codes: 0 ok, 1 something refused or failed, 2 bad command line",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", default=False, help="show tracebacks instead of one line"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = _common()

    demo = commands.add_parser(
        "demo",
        parents=[common],
        formatter_class=_Formatter,
        help="render the sample order's documents (PDF and DOCX; English, Chinese, bilingual)",
        description="Render the bundled sample order (12 lines of LED lighting, FOB Ningbo, "
        "30% deposit): the quotation, the proforma invoice, the packing list and the "
        "cost-analysis sheet, in PDF and DOCX, in English, Chinese and bilingual "
        "English-Chinese: 24 files.",
        epilog="examples:\n  exportdocs demo out/\n  exportdocs demo out/ --system-fonts\n"
        "  exportdocs demo out/ --cjk-font "
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    )
    demo.add_argument("outdir", metavar="OUTDIR", type=Path, help="directory to write into")
    _font_options(demo)
    demo.set_defaults(run=_run_demo)

    render = commands.add_parser(
        "render",
        parents=[common],
        formatter_class=_Formatter,
        help="render the documents of order files",
        description="Render the documents of order files (.json or .toml); a folder "
        "stands for its *.json and *.toml files, sorted by name. Orders are rendered on "
        "--jobs processes at once; each order's files are all written or none. A bad "
        "order is reported with its file, field and value, and the others are still "
        "rendered; the exit code is 1 if any order failed.",
        epilog="examples:\n"
        "  exportdocs render order.json -o out/\n"
        "  exportdocs render orders/ -o out/ --jobs 4\n"
        "  exportdocs render orders/*.toml -o out/ --doc pi,packing-list --format pdf "
        "--lang en+zh\n\n"
        "documents: quotation, pi, packing-list, cost-sheet (the cost sheet needs the\n"
        "order's costing section; by default it is rendered when there is one)\n"
        "languages: en, zh, en-zh (one bilingual document); en+zh renders both sets",
    )
    render.add_argument(
        "orders", metavar="ORDER", nargs="+", type=Path, help="order files or folders of them"
    )
    render.add_argument(
        "-o", "--outdir", metavar="OUTDIR", type=Path, required=True, help="output directory"
    )
    render.add_argument(
        "--doc",
        metavar="LIST",
        default=None,
        help="documents, comma-separated (default: all the order has data for)",
    )
    render.add_argument(
        "--format", metavar="LIST", default="pdf,docx", help="pdf, docx or both (default)"
    )
    render.add_argument(
        "--lang", metavar="LANG", default="en", help="en (default), zh, en-zh, or en+zh"
    )
    render.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=_jobs,
        default=None,
        help="orders rendered at once, each in its own process (default: the number of "
        "CPUs; 1 renders one after the other in this process)",
    )
    _font_options(render)
    render.set_defaults(run=_run_render)

    validate = commands.add_parser(
        "validate",
        parents=[common],
        formatter_class=_Formatter,
        help="check order files and report every problem",
        description="Check order files completely: the contract, the costing inputs and "
        "the extra quotation price terms, and whether the cost sheet can be worked "
        "out. Every problem is reported on its own line with its file, field and value.",
        epilog="example:\n  exportdocs validate orders/*.json orders/*.toml",
    )
    validate.add_argument("orders", metavar="ORDER", nargs="+", type=Path, help="order files")
    validate.set_defaults(run=_run_validate)

    cost = commands.add_parser(
        "cost",
        parents=[common],
        formatter_class=_Formatter,
        help="show an order's price build-up as a table",
        description="Show the cost sheet of an order at its contract prices: per line the "
        "forward prices under each rule (when the costing has a profit target), the "
        "profit, the margin on sale, the markup on cost and whether a manager must "
        "approve; then the order's totals and the assumptions.",
        epilog="examples:\n  exportdocs cost order.json\n"
        "  exportdocs cost order.json --rules FOB,CFR,CIF\n"
        "  exportdocs cost order.json --json > cost-sheet.json",
    )
    cost.add_argument("order", metavar="ORDER", type=Path, help="an order file with costing")
    cost.add_argument(
        "--rules",
        metavar="LIST",
        default=None,
        help="rules to price, comma-separated, or 'all' (default: the contract's rule "
        "and the order's extra quotation terms)",
    )
    cost.add_argument("--json", action="store_true", help="print the cost sheet as JSON")
    cost.set_defaults(run=_run_cost)

    workflow = commands.add_parser(
        "workflow",
        parents=[common],
        formatter_class=_Formatter,
        help="show an order's state, deadlines and next events; apply events",
        description="Show an order's state, payments, deadlines and the events allowed "
        "next (with what blocks the others). Events given after the order are applied "
        "in turn; with --store the order and its events are kept in a SQLite file, "
        "otherwise they are applied in memory only. An event is a word KIND[@DATE] "
        "followed by its FIELD=VALUE words, or a JSON object; without a date it is "
        "dated --today. List the events with --events.",
        epilog="examples:\n"
        "  exportdocs workflow order.json --today 2026-11-02\n"
        "  exportdocs workflow order.json --store orders.sqlite \\\n"
        "      receive_inquiry@2026-10-20 quote@2026-10-22 reference=Q-1 approve_price@2026-10-23 \\\n"
        "      issue_proforma@2026-11-02 number=BW-2026-0418 confirm_contract@2026-11-03\n"
        "  exportdocs workflow BW-2026-0418 --store orders.sqlite \\\n"
        "      record_payment@2026-11-10 'amount=USD 12507.09' reference=TT-0001\n"
        '  exportdocs workflow order.json \'{"kind": "start_production", "date": "2026-11-20"}\'',
    )
    workflow.add_argument(
        "order",
        metavar="ORDER",
        nargs="?",
        help="an order file, or with --store the number of a stored order",
    )
    workflow.add_argument("events", metavar="EVENT", nargs="*", help="events to apply, in order")
    workflow.add_argument(
        "--store", metavar="PATH.sqlite", type=Path, help="keep the order in this SQLite file"
    )
    workflow.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="the date deadlines are counted from and undated events get (default: today)",
    )
    workflow.add_argument(
        "--events", dest="list_events", action="store_true", help="list the events and fields"
    )
    workflow.set_defaults(run=_run_workflow)

    schema = commands.add_parser(
        "schema",
        parents=[common],
        formatter_class=_Formatter,
        help="print the JSON Schema of an order file",
        description="Print the JSON Schema (draft 2020-12) of an order file, generated from "
        "the model, for editors and other apps.",
        epilog="example:\n  exportdocs schema -o order.schema.json",
    )
    schema.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE instead of stdout"
    )
    schema.set_defaults(run=_run_schema)
    return parser


def _run_demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from exportdocs.cli._render import run_demo

    return run_demo(args, out, err)


def _run_render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from exportdocs.cli._batch import run_render

    return run_render(args, out, err)


def _run_cost(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from exportdocs.cli._cost import run_cost

    return run_cost(args, out)


def _run_workflow(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from exportdocs.cli._workflow import run_workflow

    return run_workflow(args, out, err)


def _run_validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from exportdocs.cli._validate import run_validate

    return run_validate(args, out, err)


def _run_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from exportdocs.cli._schema import run_schema

    return run_schema(args, out, err)
