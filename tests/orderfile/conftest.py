"""Fixtures for the order-file tests (and the command line's): the sample order as JSON and TOML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exportdocs import to_dict
from exportdocs.orderfile import OrderFile, dump_order


@pytest.fixture(scope="session")
def sample_order() -> OrderFile:
    """The bundled sample order with its costing and CFR/CIF Hamburg price terms."""
    return OrderFile.sample()


@pytest.fixture
def order_json(tmp_path: Path, sample_order: OrderFile) -> Path:
    """The sample order written as a JSON order file."""
    path = tmp_path / "order.json"
    dump_order(sample_order, path)
    return path


@pytest.fixture
def order_toml(tmp_path: Path, sample_order: OrderFile) -> Path:
    """The sample order written as a TOML order file."""
    path = tmp_path / "order.toml"
    dump_order(sample_order, path)
    return path


def write_broken(path: Path, sample: OrderFile, index: int, quantity: object) -> Path:
    """The sample order with ``items[index].quantity`` replaced, as JSON."""
    data = to_dict(sample)
    data["contract"]["items"][index]["quantity"] = quantity
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
