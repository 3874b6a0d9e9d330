"""Places and ports: a name, a country and an optional UN/LOCODE."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
from attrs.converters import optional

from exportdocs._country import Country, to_country
from exportdocs._validation import ParseEnum, check, collecting, fail, to_text
from exportdocs.exceptions import Problem

__all__ = ["Place", "PlaceKind"]

# UN/LOCODE: two-letter country code, then three characters from A-Z and 2-9
# (the UN leaves out 0 and 1 so they cannot be mistaken for O and I).
_LOCODE_RE = re.compile(r"[A-Z]{2}[A-Z2-9]{3}")


class PlaceKind(ParseEnum):
    """What kind of place a named place is; sea-only Incoterms need a ``PORT``."""

    #: A sea or inland-waterway port.
    PORT = "port"
    #: An airport.
    AIRPORT = "airport"
    #: Anywhere inland: premises, warehouses, rail or road terminals, cities.
    INLAND = "inland"


def _kind(value: PlaceKind | str) -> PlaceKind:
    return PlaceKind.parse(value)


def _name(value: str) -> str:
    return to_text(value, max_length=100)


def _locode(value: str) -> str:
    if not isinstance(value, str):
        raise fail(f"expected a UN/LOCODE such as 'CNNGB', not {type(value).__name__}", value)
    code = value.replace(" ", "").upper()
    if not _LOCODE_RE.fullmatch(code):
        raise fail(
            "not a UN/LOCODE (two-letter country code + three letters or digits 2-9, e.g. 'CNNGB')",
            value,
        )
    return code


@attrs.frozen(field_transformer=collecting)
class Place:
    """A named place: a port, an airport or an inland place.

    The UN/LOCODE, when given, must start with the place's country code.

    >>> Place.port("Ningbo", "CN", locode="CN NGB")
    Place(name='Ningbo', country=Country('CN'), kind=<PlaceKind.PORT: 'port'>, locode='CNNGB')
    """

    name: str = attrs.field(converter=_name)
    country: Country = attrs.field(converter=to_country)
    kind: PlaceKind = attrs.field(default=PlaceKind.INLAND, converter=_kind)
    locode: str | None = attrs.field(default=None, converter=optional(_locode))

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.locode is not None and self.locode[:2] != self.country.alpha_2:
            yield Problem(
                "locode",
                self.locode,
                f"UN/LOCODE country {self.locode[:2]!r} does not match the place's "
                f"country {self.country.alpha_2!r}",
            )

    @classmethod
    def port(cls, name: str, country: Country | str, *, locode: str | None = None) -> Place:
        """A sea or inland-waterway port."""
        return cls(name, country, PlaceKind.PORT, locode)

    @classmethod
    def airport(cls, name: str, country: Country | str, *, locode: str | None = None) -> Place:
        """An airport."""
        return cls(name, country, PlaceKind.AIRPORT, locode)

    @property
    def is_port(self) -> bool:
        """True for a sea or inland-waterway port."""
        return self.kind is PlaceKind.PORT

    def __str__(self) -> str:
        return self.name
