"""validate, cost, schema, --help, --debug, python -m: exit codes, output lines, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from exportdocs.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, build_parser, main
from exportdocs.orderfile._file import OrderFile, dump_order

from .conftest import write_broken

Capture = pytest.CaptureFixture[str]


def test_validate_reports_a_good_order(order_json: Path, capsys: Capture) -> None:
    assert main(["validate", str(order_json)]) == EXIT_OK
    out, err = capsys.readouterr()
    assert (
        f"ok  {order_json}: BW-2026-0418, 12 lines, 41690.30 USD FOB Ningbo Incoterms® 2020, "
        "cost sheet: approval needed: line 5: margin on sale 2.66% is below 5.00%\n"
    ) == out
    assert err == ""


def test_validate_reports_each_bad_order_and_goes_on(
    tmp_path: Path, order_json: Path, order_toml: Path, sample_order: OrderFile, capsys: Capture
) -> None:
    bad = write_broken(tmp_path / "bad.json", sample_order, 3, "0")
    assert main(["validate", str(order_json), str(bad), str(order_toml)]) == EXIT_FAILED
    out, err = capsys.readouterr()
    assert [
        f"exportdocs: error: {bad}: contract.items[3].quantity: must be greater than zero (got 0)"
    ] == err.splitlines()
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"ok  {order_json}: ")
    assert lines[1].startswith(f"ok  {order_toml}: ")
    assert lines[2] == "2 of 3 order files valid"


def test_validate_prints_one_line_per_problem(
    tmp_path: Path, sample_order: OrderFile, capsys: Capture
) -> None:
    from exportdocs import to_dict

    data = to_dict(sample_order)
    data["contract"]["items"][0]["quantity"] = "-1"
    data["contract"]["items"][1]["quantity"] = "0"
    path = tmp_path / "two.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["validate", str(path)]) == EXIT_FAILED
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert all(line.startswith(f"exportdocs: error: {path}: contract.") for line in err)


def test_validate_missing_file_is_one_line(capsys: Capture) -> None:
    assert main(["validate", "missing.toml"]) == EXIT_FAILED
    assert (
        capsys.readouterr().err
        == "exportdocs: error: missing.toml: no such file (got 'missing.toml')\n"
    )


def test_cost_prints_the_build_up(order_json: Path, capsys: Capture) -> None:
    assert main(["cost", str(order_json)]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Cost sheet BW-2026-0418: FOB Ningbo, prices in USD"
    header = lines[3].split()
    assert header[:10] == ["#", "Item", "Qty", "FOB", "CFR", "CIF", "Price", "FOB", "Profit", "CNY"]
    row5 = next(line for line in lines if line.split()[:2] == ["5", "BW-A60-9"])
    assert (row5.split()) == [
        "5",
        "BW-A60-9",
        "6,020",
        "0.78",
        "0.83",
        "0.83",
        "0.68",
        "772.39",
        "2.66%",
        "2.73%",
        "needed",
    ]
    order = next(line for line in lines if line.split()[:1] == ["Order"])
    assert (order.split()) == [
        "Order",
        "36,578.16",
        "39,758.90",
        "39,850.99",
        "41,690.30",
        "75,191.54",
        "25.40%",
        "34.05%",
        "needed",
    ]
    assert "approval needed: line 5: margin on sale 2.66% is below 5.00%" in lines
    assert "  Freight          USD 3,150.00 per 40HQ × 1" in lines


def test_cost_with_chosen_rules(order_json: Path, capsys: Capture) -> None:
    assert main(["cost", str(order_json), "--rules", "exw,fob"]) == EXIT_OK
    header = capsys.readouterr().out.splitlines()[3].split()
    assert header[:6] == ["#", "Item", "Qty", "EXW", "FOB", "Price"]


def test_cost_refuses_a_rule_it_cannot_price(
    tmp_path: Path, sample_order: OrderFile, capsys: Capture
) -> None:
    import attrs

    assert sample_order.costing is not None
    costing = attrs.evolve(sample_order.costing, insurance=None)
    path = tmp_path / "noins.json"
    dump_order(OrderFile(sample_order.contract, costing), path)
    assert main(["cost", str(path), "--rules", "CIF"]) == EXIT_FAILED
    assert (
        f"exportdocs: error: {path}: costing.insurance: CIF includes insurance: give the premium "
        "rate (CostInputs.insurance) (got None)\n"
    ) == capsys.readouterr().err


def test_cost_json_is_the_cost_sheet(order_json: Path, capsys: Capture) -> None:
    assert main(["cost", str(order_json), "--json"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert (data["type"], data["summary"]["profit"]["amount"]) == ("CostSheet", "75191.54")


def test_cost_without_costing_is_an_error(
    tmp_path: Path, sample_order: OrderFile, capsys: Capture
) -> None:
    path = tmp_path / "bare.toml"
    dump_order(OrderFile(sample_order.contract), path)
    assert main(["cost", str(path)]) == EXIT_FAILED
    assert capsys.readouterr().err.startswith(
        f"exportdocs: error: {path}: costing: the order has no costing inputs"
    )


@pytest.mark.parametrize(
    "command", [[], ["demo"], ["render"], ["validate"], ["cost"], ["workflow"], ["schema"]]
)
def test_every_command_has_help_with_an_example(command: list[str], capsys: Capture) -> None:
    assert main([*command, "--help"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("usage: exportdocs")
    assert "example" in out
    assert "exportdocs " + (command[0] if command else "demo") in out.split("example")[1]


def test_usage_errors_exit_2(capsys: Capture) -> None:
    assert main(["frobnicate"]) == EXIT_USAGE
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err
    assert main(["validate"]) == EXIT_USAGE
    assert main(["cost", "a.json", "b.json"]) == EXIT_USAGE
    assert main(["workflow", "a.json", "--today", "tomorrow"]) == EXIT_USAGE
    assert "--today: expected an ISO 8601 date" in capsys.readouterr().err


def test_version(capsys: Capture) -> None:
    from exportdocs import __version__

    assert main(["--version"]) == EXIT_OK
    assert f"exportdocs {__version__}\n" == capsys.readouterr().out


def test_debug_lets_the_traceback_through(tmp_path: Path, sample_order: OrderFile) -> None:
    from exportdocs import ValidationError

    path = tmp_path / "bare.json"
    dump_order(OrderFile(sample_order.contract), path)
    with pytest.raises(ValidationError, match="no costing inputs"):
        main(["cost", str(path), "--debug"])
    with pytest.raises(ValidationError, match="no costing inputs"):
        main(["--debug", "cost", str(path)])


def test_parser_has_all_commands() -> None:
    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"]
    assert list(actions[0].choices) == ["demo", "render", "validate", "cost", "workflow", "schema"]


def test_python_dash_m_runs_the_command(order_json: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "exportdocs", "validate", str(order_json), "nope.json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_FAILED
    assert done.stdout.startswith(f"ok  {order_json}: BW-2026-0418")
    assert done.stderr == "exportdocs: error: nope.json: no such file (got 'nope.json')\n"
    assert "Traceback" not in done.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    # Issue 13, item 9: `exportdocs ... | head` printed "Broken pipe" errors.
    import io
    import sys

    from exportdocs.cli import EXIT_BROKEN_PIPE

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = ClosedPipe(), err
    try:
        assert main(["schema"]) == EXIT_BROKEN_PIPE
    finally:
        sys.stdout, sys.stderr = old_out, old_err
    assert err.getvalue() == ""
