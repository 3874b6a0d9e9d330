"""Countries (ISO 3166-1), looked up through pycountry."""

from __future__ import annotations

import functools
from typing import Any, ClassVar

import attrs
from babel import Locale

from exportdocs._validation import check, collecting, fail

__all__ = ["Country"]


@functools.lru_cache(maxsize=1024)
def _lookup(text: str) -> str:
    import pycountry  # on first use: its import reads package metadata (~30 ms)

    try:
        record = pycountry.countries.lookup(text)
    except LookupError:
        raise fail("unknown country (expected an ISO 3166 code or English name)", text) from None
    return str(record.alpha_2)


def _alpha_2(value: Country | str) -> str:
    if isinstance(value, Country):
        return value.alpha_2
    if not isinstance(value, str):
        raise fail(f"expected a country code or name, not {type(value).__name__}", value)
    text = value.strip()
    if not text or len(text) > 100:
        raise fail("unknown country (expected an ISO 3166 code or English name)", value)
    return _lookup(text)


@attrs.frozen(repr=False, field_transformer=collecting)
class Country:
    """An ISO 3166-1 country, given as alpha-2, alpha-3 or English name.

    >>> Country("CHN"), Country("china"), Country("CN")
    (Country('CN'), Country('CN'), Country('CN'))
    >>> Country("DE").name, Country("DE").name_in("zh")
    ('Germany', '德国')
    """

    alpha_2: str = attrs.field(converter=_alpha_2)

    #: Problems are reported at the path of the field holding the country.
    __scalar__: ClassVar[bool] = True

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def _record(self) -> Any:
        import pycountry

        return pycountry.countries.get(alpha_2=self.alpha_2)

    @property
    def alpha_3(self) -> str:
        """ISO 3166-1 alpha-3 code, e.g. ``"CHN"``."""
        return str(self._record.alpha_3)

    @property
    def name(self) -> str:
        """Short English name, e.g. ``"China"``."""
        record = self._record
        return str(getattr(record, "common_name", None) or record.name)

    def name_in(self, locale: str) -> str:
        """The country's name in a language (CLDR data via babel), e.g. ``"中国"`` for zh."""
        try:
            names = Locale.parse(locale).territories
        except (ValueError, TypeError, LookupError) as exc:
            raise fail(f"unknown locale: {exc}", locale, "locale") from None
        return str(names.get(self.alpha_2, self.name))

    def __repr__(self) -> str:
        return f"Country({self.alpha_2!r})"

    def __str__(self) -> str:
        return self.alpha_2


def to_country(value: Country | str) -> Country:
    """A Country from itself or a code or name (ValidationError otherwise)."""
    return value if isinstance(value, Country) else Country(value)
