"""Incoterms® 2020: the eleven rules as data, and a rule with its named place.

Each rule carries, as plain data, the transport mode it suits, what its named
place means, where risk passes, and who (seller or buyer) bears each of the
cost-and-duty items that decide a price: export clearance, loading at origin,
main carriage, insurance (with the minimum cover for CIF and CIP), unloading at
destination, import clearance and duties. The descriptions are this library's
own summaries; the ICC's rule text is not reproduced. Incoterms® is a trademark
of the International Chamber of Commerce.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from exportdocs._places import Place
from exportdocs._validation import ParseEnum, check, collecting, expect
from exportdocs.exceptions import Problem

__all__ = [
    "Cover",
    "Incoterm",
    "NamedPlace",
    "Obligations",
    "Side",
    "TradeTerm",
    "TransportMode",
]


class Side(enum.Enum):
    """A party to the sale: who bears a cost or a duty."""

    SELLER = "seller"
    BUYER = "buyer"


class TransportMode(enum.Enum):
    """The transport modes a rule suits."""

    #: Any mode, including multimodal and containers handed over at a terminal.
    ANY = "any"
    #: Sea and inland waterway only.
    SEA = "sea"


class NamedPlace(enum.Enum):
    """What the place named after the rule is."""

    PLACE_OF_DELIVERY = "place of delivery"
    PLACE_OF_DESTINATION = "place of destination"
    PORT_OF_SHIPMENT = "port of shipment"
    PORT_OF_DESTINATION = "port of destination"

    @property
    def is_port(self) -> bool:
        """True when the named place must be a port."""
        return self in (NamedPlace.PORT_OF_SHIPMENT, NamedPlace.PORT_OF_DESTINATION)

    @property
    def at_destination(self) -> bool:
        """True when the named place is at destination (C and D rules)."""
        return self in (NamedPlace.PLACE_OF_DESTINATION, NamedPlace.PORT_OF_DESTINATION)


class Cover(enum.Enum):
    """Minimum cargo insurance the seller must buy for the buyer."""

    NONE = "none"
    #: Institute Cargo Clauses (C): named perils (CIF's minimum).
    ICC_C = "ICC (C)"
    #: Institute Cargo Clauses (A): all risks, subject to exclusions (CIP's minimum).
    ICC_A = "ICC (A)"


@attrs.frozen
class Obligations:
    """Who bears each cost and duty under one rule.

    ``insurance`` is the side that must insure for the other party (``None``:
    no such duty; the side at risk insures for itself if it wants).
    ``loading_only_at_seller_premises`` marks FCA: the seller loads only when
    delivery is at its own premises.
    """

    export_clearance: Side
    loading: Side
    main_carriage: Side
    insurance: Side | None
    min_cover: Cover
    unloading: Side
    import_clearance: Side
    loading_only_at_seller_premises: bool = False


@attrs.frozen
class _RuleData:
    name: str
    name_zh: str
    mode: TransportMode
    named_place: NamedPlace
    risk_passes: str
    risk_at_destination: bool
    obligations: Obligations
    summary: str


_S, _B = Side.SELLER, Side.BUYER


def _ob(
    exp: Side,
    load: Side,
    carriage: Side,
    ins: Side | None,
    cover: Cover,
    unload: Side,
    imp: Side,
    *,
    premises: bool = False,
) -> Obligations:
    return Obligations(exp, load, carriage, ins, cover, unload, imp, premises)


_DATA: dict[str, _RuleData] = {
    "EXW": _RuleData(
        "Ex Works",
        "工厂交货",
        TransportMode.ANY,
        NamedPlace.PLACE_OF_DELIVERY,
        "goods placed at the buyer's disposal at the named place, not loaded",
        False,
        _ob(_B, _B, _B, None, Cover.NONE, _B, _B),
        "The buyer collects from the seller's place and does everything else.",
    ),
    "FCA": _RuleData(
        "Free Carrier",
        "货交承运人",
        TransportMode.ANY,
        NamedPlace.PLACE_OF_DELIVERY,
        "goods handed to the buyer's carrier at the named place (loaded if at the seller's "
        "premises)",
        False,
        _ob(_S, _S, _B, None, Cover.NONE, _B, _B, premises=True),
        "The seller clears for export and hands over to the buyer's carrier.",
    ),
    "CPT": _RuleData(
        "Carriage Paid To",
        "运费付至",
        TransportMode.ANY,
        NamedPlace.PLACE_OF_DESTINATION,
        "goods handed to the first carrier the seller contracted, at origin",
        False,
        _ob(_S, _S, _S, None, Cover.NONE, _B, _B),
        "The seller pays carriage to the named destination; risk passes at origin.",
    ),
    "CIP": _RuleData(
        "Carriage and Insurance Paid To",
        "运费和保险费付至",
        TransportMode.ANY,
        NamedPlace.PLACE_OF_DESTINATION,
        "goods handed to the first carrier the seller contracted, at origin",
        False,
        _ob(_S, _S, _S, _S, Cover.ICC_A, _B, _B),
        "As CPT, and the seller insures the goods for the buyer (all-risks cover).",
    ),
    "DAP": _RuleData(
        "Delivered at Place",
        "目的地交货",
        TransportMode.ANY,
        NamedPlace.PLACE_OF_DESTINATION,
        "goods on the arriving vehicle at the named place, ready for unloading",
        True,
        _ob(_S, _S, _S, None, Cover.NONE, _B, _B),
        "The seller carries the goods to the named place at its own risk, not unloaded.",
    ),
    "DPU": _RuleData(
        "Delivered at Place Unloaded",
        "卸货地交货",
        TransportMode.ANY,
        NamedPlace.PLACE_OF_DESTINATION,
        "goods unloaded at the named place",
        True,
        _ob(_S, _S, _S, None, Cover.NONE, _S, _B),
        "As DAP, and the seller also unloads at the named place.",
    ),
    "DDP": _RuleData(
        "Delivered Duty Paid",
        "完税后交货",
        TransportMode.ANY,
        NamedPlace.PLACE_OF_DESTINATION,
        "goods on the arriving vehicle at the named place, cleared for import",
        True,
        _ob(_S, _S, _S, None, Cover.NONE, _B, _S),
        "As DAP, and the seller also clears for import and pays the duties.",
    ),
    "FAS": _RuleData(
        "Free Alongside Ship",
        "船边交货",
        TransportMode.SEA,
        NamedPlace.PORT_OF_SHIPMENT,
        "goods placed alongside the buyer's vessel at the named port",
        False,
        _ob(_S, _B, _B, None, Cover.NONE, _B, _B),
        "The seller clears for export and places the goods alongside the buyer's vessel.",
    ),
    "FOB": _RuleData(
        "Free On Board",
        "船上交货",
        TransportMode.SEA,
        NamedPlace.PORT_OF_SHIPMENT,
        "goods on board the buyer's vessel at the named port",
        False,
        _ob(_S, _S, _B, None, Cover.NONE, _B, _B),
        "The seller clears for export and loads on board the buyer's vessel.",
    ),
    "CFR": _RuleData(
        "Cost and Freight",
        "成本加运费",
        TransportMode.SEA,
        NamedPlace.PORT_OF_DESTINATION,
        "goods on board the vessel at the port of shipment",
        False,
        _ob(_S, _S, _S, None, Cover.NONE, _B, _B),
        "The seller pays sea freight to the named port; risk passes on board at origin.",
    ),
    "CIF": _RuleData(
        "Cost, Insurance and Freight",
        "成本、保险费加运费",
        TransportMode.SEA,
        NamedPlace.PORT_OF_DESTINATION,
        "goods on board the vessel at the port of shipment",
        False,
        _ob(_S, _S, _S, _S, Cover.ICC_C, _B, _B),
        "As CFR, and the seller insures the goods for the buyer (minimum cover).",
    ),
}

#: Rules of earlier editions, with what to use instead.
_RETIRED = {
    "DAT": "DAT (Delivered at Terminal) is an Incoterms 2010 rule; Incoterms 2020 renamed it "
    "DPU (Delivered at Place Unloaded): use DPU",
    "DAF": "DAF was withdrawn in Incoterms 2010; use DAP",
    "DES": "DES was withdrawn in Incoterms 2010; use DAP",
    "DEQ": "DEQ was withdrawn in Incoterms 2010; use DPU",
    "DDU": "DDU was withdrawn in Incoterms 2010; use DAP",
}


class Incoterm(ParseEnum):
    """The eleven Incoterms® 2020 rules, in the ICC's order, with their data.

    >>> Incoterm.parse("fob").obligations.main_carriage
    <Side.BUYER: 'buyer'>
    >>> Incoterm.CIP.obligations.min_cover
    <Cover.ICC_A: 'ICC (A)'>
    >>> Incoterm.parse("DAT")
    Traceback (most recent call last):
    ...
    exportdocs.exceptions.ValidationError: DAT (Delivered at Terminal) is an Incoterms 2010 rule; Incoterms 2020 renamed it DPU (Delivered at Place Unloaded): use DPU (got 'DAT')
    """

    EXW = "EXW"
    FCA = "FCA"
    CPT = "CPT"
    CIP = "CIP"
    DAP = "DAP"
    DPU = "DPU"
    DDP = "DDP"
    FAS = "FAS"
    FOB = "FOB"
    CFR = "CFR"
    CIF = "CIF"

    @property
    def _data(self) -> _RuleData:
        return _DATA[self.value]

    @property
    def code(self) -> str:
        """The three-letter code."""
        return self.value

    @property
    def title(self) -> str:
        """The rule's English name, e.g. ``"Free On Board"``."""
        return self._data.name

    @property
    def title_zh(self) -> str:
        """The rule's usual Chinese name, e.g. ``"船上交货"``."""
        return self._data.name_zh

    @property
    def mode(self) -> TransportMode:
        """Any mode, or sea and inland waterway only."""
        return self._data.mode

    @property
    def named_place(self) -> NamedPlace:
        """What the place named after the rule is."""
        return self._data.named_place

    @property
    def risk_passes(self) -> str:
        """Where risk passes from seller to buyer, in a short phrase."""
        return self._data.risk_passes

    @property
    def risk_at_destination(self) -> bool:
        """True for the D rules, where the seller bears the risk of the main carriage."""
        return self._data.risk_at_destination

    @property
    def obligations(self) -> Obligations:
        """Who bears each cost and duty."""
        return self._data.obligations

    @property
    def summary(self) -> str:
        """One line on the rule, in this library's words."""
        return self._data.summary

    @property
    def seller_contracts_carriage(self) -> bool:
        """True when the seller books and pays the main carriage (C and D rules)."""
        return self.obligations.main_carriage is Side.SELLER

    @property
    def seller_insures(self) -> bool:
        """True when the seller must insure for the buyer (CIF, CIP)."""
        return self.obligations.insurance is Side.SELLER

    # ``parse`` accepts an Incoterm or its code in any case and refuses retired rules
    # with advice.

    @classmethod
    def _key(cls, text: str) -> str:
        return text.strip().upper()

    @classmethod
    def _refusal(cls, value: object) -> str:
        retired = _RETIRED.get(cls._key(value)) if isinstance(value, str) else None
        return retired or "unknown Incoterms 2020 rule; use one of " + ", ".join(cls.__members__)


def _incoterm(value: Incoterm | str) -> Incoterm:
    return Incoterm.parse(value)


def _place(value: Place) -> Place:
    return expect(Place, value)


@attrs.frozen(field_transformer=collecting)
class TradeTerm:
    """An Incoterms® 2020 rule with its named place, as written in a contract.

    Sea-only rules (FAS, FOB, CFR, CIF) need a port as the named place.

    >>> from exportdocs import Place
    >>> print(TradeTerm(Incoterm.FOB, Place.port("Ningbo", "CN")))
    FOB Ningbo Incoterms® 2020
    """

    incoterm: Incoterm = attrs.field(converter=_incoterm)
    place: Place = attrs.field(converter=_place)

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        rule = self.incoterm
        if rule.named_place.is_port and not self.place.is_port:
            yield Problem(
                "place",
                self.place.name,
                f"{rule.code} is for sea and inland waterway transport; its named place is the "
                f"{rule.named_place.value} and must be a port, not the {self.place.kind.value} "
                f"place {self.place.name!r} (use FCA, CPT or CIP for other places)",
            )

    def __str__(self) -> str:
        return f"{self.incoterm.code} {self.place.name} Incoterms® 2020"

    @property
    def short(self) -> str:
        """The rule and place in capitals, as quoted next to a price: ``FOB NINGBO``."""
        return f"{self.incoterm.code} {self.place.name.upper()}"
