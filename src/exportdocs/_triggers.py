"""How and when money moves: payment methods, what days count from, and triggers.

A :class:`Trigger` is what makes an instalment fall due (an advance, a copy of the B/L,
an L/C at sight, a D/A at 60 days...). It carries the facts an order workflow needs as
guards: which money must be received before production starts, before the goods are
loaded and before the original B/L is released.
"""

from __future__ import annotations

import re

import attrs

from exportdocs._validation import ParseEnum

__all__ = ["DaysAfter", "PaymentMethod", "Trigger"]


def _spelling(value: str) -> str:
    """Normalise an enum spelling: ``"Copy B/L"`` -> ``"copy_b_l"``."""
    return re.sub(r"[\s/\-.]+", "_", value.strip().lower()).strip("_")


class _Spelled(ParseEnum):
    """Members are read from their spelling in any case, with spaces, slashes or dashes."""

    @classmethod
    def _key(cls, text: str) -> str:
        return _spelling(text)


class PaymentMethod(_Spelled):
    """How the money moves: wire transfer, letter of credit, collection, open account."""

    #: Telegraphic transfer (bank wire) from the buyer to the seller.
    TT = "T/T"
    #: Documentary credit under UCP 600.
    LC = "L/C"
    #: Documentary collection under URC 522 (D/P, D/A).
    COLLECTION = "collection"
    #: The seller ships and sends the documents; the buyer pays later.
    OPEN_ACCOUNT = "O/A"

    @property
    def title(self) -> str:
        """English name, e.g. ``"Telegraphic transfer"``."""
        return _METHOD_TITLES[self][0]

    @property
    def title_zh(self) -> str:
        """Chinese name, e.g. ``"电汇"``."""
        return _METHOD_TITLES[self][1]

    # ``parse`` accepts a PaymentMethod, its name or its value (``"tt"``, ``"T/T"``, ``"L/C"``).

    @classmethod
    def _aliases(cls) -> dict[str, PaymentMethod]:
        return _METHOD_SPELLINGS

    @classmethod
    def _refusal(cls, value: object) -> str:
        return "unknown payment method; use one of " + ", ".join(cls.__members__)


_METHOD_TITLES = {
    PaymentMethod.TT: ("Telegraphic transfer", "电汇"),
    PaymentMethod.LC: ("Letter of credit", "信用证"),
    PaymentMethod.COLLECTION: ("Documentary collection", "托收"),
    PaymentMethod.OPEN_ACCOUNT: ("Open account", "赊销"),
}
_METHOD_SPELLINGS = {_spelling(s): m for m in PaymentMethod for s in (m.name, m.value)}


class DaysAfter(_Spelled):
    """What the days of a usance L/C, D/A or open account are counted from."""

    #: The B/L date (the on-board date): the due date is known once the goods sail.
    BL_DATE = "B/L date"
    #: Sight of the draft (acceptance): the due date is known only after acceptance.
    SIGHT = "sight"

    @property
    def zh(self) -> str:
        """Chinese form: ``"提单日后"`` or ``"见票后"``."""
        return "提单日后" if self is DaysAfter.BL_DATE else "见票后"

    # ``parse`` accepts a DaysAfter, ``"B/L date"``, ``"bl_date"`` or ``"sight"``.

    @classmethod
    def _aliases(cls) -> dict[str, DaysAfter]:
        return dict.fromkeys(("b_l_date", "bl_date", "bl", "b_l"), cls.BL_DATE)

    @classmethod
    def _refusal(cls, value: object) -> str:
        return "expected 'B/L date' or 'sight'"


@attrs.frozen
class _TriggerData:
    method: PaymentMethod
    needs_days: bool
    before_production: bool
    before_shipment: bool
    before_release: bool
    default_basis: DaysAfter | None
    bases: tuple[DaysAfter, ...]
    description: str


_BL, _SIGHT = DaysAfter.BL_DATE, DaysAfter.SIGHT


def _trigger(
    method: PaymentMethod,
    description: str,
    *,
    gates: str = "",
    days_from: tuple[DaysAfter, ...] = (),
) -> _TriggerData:
    """Build a trigger's data.

    ``gates`` names the gates the money is due before (``production``,
    ``shipment``, ``release``); ``days_from`` lists what the days may count from,
    the default first (empty: the trigger takes no days).
    """
    return _TriggerData(
        method=method,
        needs_days=bool(days_from),
        before_production="production" in gates,
        before_shipment="shipment" in gates,
        before_release="release" in gates,
        default_basis=days_from[0] if days_from else None,
        bases=days_from,
        description=description,
    )


# The three gates are cumulative: money due with the order is also due before
# shipment and before release, so summing the instalments due before a gate gives
# the total that must be in the bank when the order reaches it.
_TRIGGERS: dict[str, _TriggerData] = {
    "advance": _trigger(
        PaymentMethod.TT,
        "T/T with the order, before production",
        gates="production shipment release",
    ),
    "before_shipment": _trigger(
        PaymentMethod.TT,
        "T/T once the goods are ready, before loading",
        gates="shipment release",
    ),
    "copy_bl": _trigger(
        PaymentMethod.TT,
        "T/T against a copy of the B/L, before the originals are released",
        gates="release",
    ),
    "lc_sight": _trigger(PaymentMethod.LC, "L/C at sight: paid on a complying presentation"),
    "lc_usance": _trigger(
        PaymentMethod.LC, "L/C paid at maturity, N days after", days_from=(_BL, _SIGHT)
    ),
    "dp": _trigger(PaymentMethod.COLLECTION, "documents against payment (URC 522)"),
    "da": _trigger(
        PaymentMethod.COLLECTION,
        "documents against acceptance of a draft payable N days after",
        days_from=(_SIGHT, _BL),
    ),
    "open_account": _trigger(
        PaymentMethod.OPEN_ACCOUNT, "open account, N days after the B/L date", days_from=(_BL,)
    ),
}

_TRIGGER_ALIASES = {
    "tt_in_advance": "advance",
    "copy_b_l": "copy_bl",
    "d_p": "dp",
    "d_a": "da",
    "oa": "open_account",
    "o_a": "open_account",
}


class Trigger(_Spelled):
    """When an instalment falls due, with the workflow gates it guards.

    ``due_before_production``, ``due_before_shipment`` and ``due_before_release``
    say whether the money must be *received* before production starts, before the
    goods are loaded, and before the original B/L is released (or the telex release
    given). They are cumulative: an advance payment is due before all three.
    For L/C and collection triggers the documents go through the banks, which
    release them to the buyer against payment or acceptance, so no money is due
    to the seller before any gate (the L/C itself is a gate: see
    :attr:`PaymentTerms.requires_lc`).

    >>> Trigger.COPY_BL.method
    <PaymentMethod.TT: 'T/T'>
    >>> Trigger.COPY_BL.due_before_shipment, Trigger.COPY_BL.due_before_release
    (False, True)
    >>> Trigger.parse("D/A").needs_days
    True
    """

    ADVANCE = "advance"
    BEFORE_SHIPMENT = "before_shipment"
    COPY_BL = "copy_bl"
    LC_SIGHT = "lc_sight"
    LC_USANCE = "lc_usance"
    DP = "dp"
    DA = "da"
    OPEN_ACCOUNT = "open_account"

    @property
    def _data(self) -> _TriggerData:
        return _TRIGGERS[self.value]

    @property
    def method(self) -> PaymentMethod:
        """How the money moves."""
        return self._data.method

    @property
    def needs_days(self) -> bool:
        """True for usance L/C, D/A and open account: the instalment needs ``days > 0``."""
        return self._data.needs_days

    @property
    def due_before_production(self) -> bool:
        """True when the money must be received before production starts."""
        return self._data.before_production

    @property
    def due_before_shipment(self) -> bool:
        """True when the money must be received before the goods are loaded."""
        return self._data.before_shipment

    @property
    def due_before_release(self) -> bool:
        """True when the original B/L is released only after the money is received."""
        return self._data.before_release

    @property
    def secured_by_lc(self) -> bool:
        """True when a bank's L/C undertaking covers the instalment."""
        return self._data.method is PaymentMethod.LC

    @property
    def documents_through_banks(self) -> bool:
        """True for L/C and collections: the originals go to a bank, not to the buyer."""
        return self._data.method in (PaymentMethod.LC, PaymentMethod.COLLECTION)

    @property
    def default_basis(self) -> DaysAfter | None:
        """What the days count from when not said (None: the trigger takes no days)."""
        return self._data.default_basis

    @property
    def bases(self) -> tuple[DaysAfter, ...]:
        """What the days may count from."""
        return self._data.bases

    @property
    def description(self) -> str:
        """One line on when the instalment falls due."""
        return self._data.description

    # ``parse`` accepts a Trigger, its name or value in any case (``"copy_bl"``,
    # ``"Copy B/L"``, ``"D/A"``).

    @classmethod
    def _aliases(cls) -> dict[str, Trigger]:
        return {alias: cls(key) for alias, key in _TRIGGER_ALIASES.items()}

    @classmethod
    def _refusal(cls, value: object) -> str:
        return "unknown payment trigger; use one of " + ", ".join(cls.__members__)
