"""Countries, places and ports, and units."""

from __future__ import annotations

import pycountry
import pytest
from babel import Locale

from exportdocs import Country, Place, PlaceKind, Unit, ValidationError


@pytest.mark.parametrize("given", ["CN", "CHN", "China", "china", " cn "])
def test_country_accepts_codes_and_names(given: str) -> None:
    assert Country(given) == Country("CN")


def test_country_data() -> None:
    de = Country("Germany")
    assert (de.alpha_2, de.alpha_3, repr(de)) == ("DE", "DEU", "Country('DE')")
    # The names are pycountry's (ISO 3166) and CLDR's (babel) data, read from them here.
    assert de.name == pycountry.countries.get(alpha_2="DE").name
    assert de.name_in("zh") == Locale.parse("zh").territories["DE"]


@pytest.mark.parametrize("bad", ["Narnia", "ZZ", "", "XXX", None, 86, ["CN"]])
def test_unknown_country_refused(bad: object) -> None:
    with pytest.raises(ValidationError, match="country") as info:
        Country(bad)
    assert info.value.value == bad


def test_port_with_locode() -> None:
    port = Place.port("Ningbo", "China", locode="cn ngb")
    assert (port.locode, port.kind, port.is_port, port.country) == (
        "CNNGB",
        PlaceKind.PORT,
        True,
        Country("CN"),
    )


@pytest.mark.parametrize("locode", ["CNNG", "CN-NGB", "CNNG1", "CNNG0", "C1NGB"])
def test_bad_locode_format_refused(locode: str) -> None:
    with pytest.raises(ValidationError, match="UN/LOCODE"):
        Place.port("Ningbo", "CN", locode=locode)


def test_locode_country_must_match() -> None:
    with pytest.raises(ValidationError, match="does not match") as info:
        Place.port("Hamburg", "DE", locode="CNNGB")
    assert info.value.path == "locode"


def test_place_collects_every_problem() -> None:
    with pytest.raises(ValidationError) as info:
        Place("", "Narnia", "spaceport", locode="x")
    assert [p.path for p in info.value.problems] == ["name", "country", "kind", "locode"]


def test_units() -> None:
    assert Unit.parse("pcs") is Unit.PCS
    assert Unit.parse("Carton") is Unit.CTNS
    assert Unit.KGS.counted is False
    assert Unit.PAIRS.counted is True
    assert (Unit.SETS.zh, Unit.CTNS.singular) == ("套", "CTN")
    with pytest.raises(ValidationError, match="unknown unit"):
        Unit.parse("bushels")
