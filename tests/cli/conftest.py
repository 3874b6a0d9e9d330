"""Fixtures for the command-line tests: the sample order as JSON and TOML files.

They are the order-file tests' own fixtures (``tests/orderfile/conftest.py``).
"""

from __future__ import annotations

from ..orderfile.conftest import order_json, order_toml, sample_order, write_broken

__all__ = ["order_json", "order_toml", "sample_order", "write_broken"]
