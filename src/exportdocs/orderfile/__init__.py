"""Order files: one order (contract, costing inputs, extra price terms) in a JSON or TOML file.

An order file is what the command line reads and what other apps exchange. It sits above
the model and the costing engine because it carries both: the
:class:`~exportdocs.Contract` and, optionally, the
:class:`~exportdocs.costing.CostInputs` behind its prices. :func:`order_schema` is the JSON
Schema that ``exportdocs schema`` prints. ``OrderFile``, ``load_order`` and ``dump_order``
are also re-exported from :mod:`exportdocs`.

>>> from exportdocs.orderfile import OrderFile, order_schema
>>> OrderFile.sample().contract.number
'BW-2026-0418'
>>> order_schema()["title"]
'OrderFile'
"""

from __future__ import annotations

from exportdocs.orderfile._file import OrderFile, dump_order, load_order
from exportdocs.orderfile._schema import order_schema

__all__ = ["OrderFile", "dump_order", "load_order", "order_schema"]
