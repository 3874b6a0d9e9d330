"""Parties and bank accounts: who sells, who buys, and where the money goes.

A :class:`Party` is role-neutral: the contract decides who is seller, buyer,
consignee or notify party. A :class:`BankAccount` holds the bank details a PI
prints for a T/T payment; the SWIFT/BIC and the IBAN are checked with
python-stdnum (validate, compact, format) instead of a home-made checker, and
every stdnum error becomes an exportdocs ValidationError naming the field.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence

import attrs
from attrs.converters import optional

from exportdocs._country import Country, to_country
from exportdocs._money import Currency, to_currency
from exportdocs._validation import check, collecting, expect, fail, to_lines, to_text
from exportdocs.exceptions import Problem

__all__ = ["BankAccount", "Party"]

#: Languages :meth:`Party.lines` can display.
_LANGUAGES = ("en", "zh")

_ACCOUNT_RE = re.compile(r"[A-Z0-9]+(?:[ -][A-Z0-9]+)*")
_PHONE_RE = re.compile(r"(?P<main>[0-9 +\-()./]+?)(?:\s*EXT\.?\s*(?P<ext>[0-9]{1,6}))?")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_SPACES_RE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return _SPACES_RE.sub(" ", text).strip()


# -- identifiers ---------------------------------------------------------------------


def _short_id(value: object, what: str, example: str, max_length: int = 64) -> str:
    """The text of an identifier, refused early when it is not a str or far too long."""
    if not isinstance(value, str):
        raise fail(f"expected a {what} such as {example!r}, not {type(value).__name__}", value)
    if not value.strip():
        raise fail("must not be empty", value)
    if len(value) > max_length:
        raise fail(f"not a {what} (longer than {max_length} characters)", value)
    return value


def _reason(exc: Exception) -> str:
    """stdnum's message ("The number has an invalid length.") as a clause."""
    text = str(exc).strip().rstrip(".")
    return text[:1].lower() + text[1:] if text else type(exc).__name__


def _checked_by(name: str, value: str, what: str, example: str, advice: str) -> str:
    """``value`` validated and compacted by the python-stdnum module ``name`` (bic, iban).

    stdnum is imported on first use, so ``import exportdocs`` does not pay for it.
    """
    text = _short_id(value, what, example)
    module = importlib.import_module(f"stdnum.{name}")
    # stdnum raises its own ValidationError (a ValueError subclass) for every
    # refusal; it must not escape, so it is turned into ours with the reason.
    try:
        code = str(module.validate(text))
    except ValueError as exc:
        raise fail(f"not a valid {what} ({_reason(exc)}); {advice}", value) from None
    if not code.isascii():  # pragma: no cover - stdnum's pattern admits ASCII only
        raise fail(f"not a valid {what}", value)
    return code


def _swift(value: str) -> str:
    return _checked_by(
        "bic",
        value,
        "SWIFT/BIC",
        "BKCHCNBJ",
        "expected 8 or 11 characters: bank (4 letters), country (2 letters), location (2), "
        "optional branch (3), e.g. 'BKCHCNBJ'",
    )


def _iban_text(value: str) -> str:
    return _checked_by(
        "iban",
        value,
        "IBAN",
        "DE89 3704 0044 0532 0130 00",
        "check the two check digits after the country code",
    )


def _account_number(value: str) -> str:
    text = _short_id(value, "bank account number", "3581 5863 7412")
    number = _squeeze(text).upper()
    if not number.isascii() or not _ACCOUNT_RE.fullmatch(number):
        raise fail(
            "an account number may hold only digits, letters A-Z, and single spaces or dashes "
            "between them",
            value,
        )
    core = number.replace(" ", "").replace("-", "")
    if not any(c.isdigit() for c in core):
        raise fail("an account number must contain digits", value)
    if len(core) > 34:
        raise fail("longer than 34 characters (the longest IBAN); check the number", value)
    return number


# -- texts ---------------------------------------------------------------------------


def _name(value: str) -> str:
    return _squeeze(to_text(value, max_length=140))


def _bank_address(value: str | Sequence[str]) -> tuple[str, ...]:
    return to_lines(value, max_lines=4)


def _intermediary(value: str) -> str:
    return _squeeze(to_text(value, max_length=200))


@attrs.frozen(field_transformer=collecting)
class BankAccount:
    """The bank details a buyer needs to pay by T/T: beneficiary, bank, SWIFT/BIC, account.

    ``beneficiary_address`` (up to 4 lines, optional) is the account holder's
    address, which many banks ask for on a wire and which the PI prints under the
    beneficiary; ``bank_address`` is the bank's. For an L/C the same bank is the
    one the buyer names as advising bank.

    Give the account number, the IBAN, or both (IBANs exist in Europe and the
    Middle East, not in China or the US). The SWIFT/BIC and the IBAN are stored
    compact and upper-case; the IBAN's country may differ from the bank's (an
    account held abroad), so that is not checked.

    >>> account = BankAccount(
    ...     "Ningbo Brightway Lighting Co., Ltd.",
    ...     "Bank of China, Ningbo Branch",
    ...     swift="bkch cn bj 92a",
    ...     account_number="3581 5863 7412",
    ... )
    >>> account.swift, account.swift_formatted
    ('BKCHCNBJ92A', 'BKCH CN BJ 92A')
    """

    beneficiary: str = attrs.field(converter=_name)
    bank_name: str = attrs.field(converter=_name)
    bank_address: tuple[str, ...] = attrs.field(default=(), converter=_bank_address)
    beneficiary_address: tuple[str, ...] = attrs.field(
        default=(), converter=_bank_address, kw_only=True
    )
    swift: str = attrs.field(converter=_swift, kw_only=True)
    account_number: str | None = attrs.field(
        default=None, converter=optional(_account_number), kw_only=True
    )
    iban: str | None = attrs.field(default=None, converter=optional(_iban_text), kw_only=True)
    intermediary: str | None = attrs.field(
        default=None, converter=optional(_intermediary), kw_only=True
    )
    currency: Currency | None = attrs.field(
        default=None, converter=optional(to_currency), kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        check(self, self._cross)

    def _cross(self) -> Iterator[Problem]:
        if self.account_number is None and self.iban is None:
            yield Problem(
                "account_number",
                None,
                "give the account number or the IBAN (or both): the buyer cannot wire without one",
            )

    @property
    def swift_formatted(self) -> str:
        """The SWIFT/BIC split into its parts (bank, country, location, branch) for reading.

        Print :attr:`swift` (compact) where a bank form asks for the code; this form
        is for checking it by eye or reading it out.
        """
        code = self.swift
        parts = [code[:4], code[4:6], code[6:8], code[8:]]
        return " ".join(p for p in parts if p)

    @property
    def iban_formatted(self) -> str | None:
        """The IBAN in groups of four (``DE89 3704 0044 0532 0130 00``), or None."""
        return (
            None
            if self.iban is None
            else str(importlib.import_module("stdnum.iban").format(self.iban))
        )

    @property
    def swift_country(self) -> Country:
        """The country of the bank, from the SWIFT/BIC (letters 5-6)."""
        return Country(self.swift[4:6])

    def details(self) -> tuple[tuple[str, str], ...]:
        """Label and value of each given detail, in the order a PI prints them.

        >>> account = BankAccount("ACME", "Commerzbank", swift="COBADEFFXXX",
        ...                       iban="DE89 3704 0044 0532 0130 00")
        >>> for label, value in account.details():
        ...     print(f"{label}: {value}")
        BENEFICIARY: ACME
        BANK: Commerzbank
        SWIFT/BIC: COBADEFFXXX
        IBAN: DE89 3704 0044 0532 0130 00
        """
        rows: list[tuple[str, str]] = [("BENEFICIARY", self.beneficiary)]
        if self.beneficiary_address:
            rows.append(("BENEFICIARY ADDRESS", ", ".join(self.beneficiary_address)))
        rows.append(("BANK", self.bank_name))
        if self.bank_address:
            rows.append(("BANK ADDRESS", ", ".join(self.bank_address)))
        rows.append(("SWIFT/BIC", self.swift))
        if self.account_number is not None:
            rows.append(("A/C NO.", self.account_number))
        if self.iban_formatted is not None:
            rows.append(("IBAN", self.iban_formatted))
        if self.intermediary is not None:
            rows.append(("INTERMEDIARY BANK", self.intermediary))
        if self.currency is not None:
            rows.append(("CURRENCY", self.currency.code))
        return tuple(rows)


# -- party ---------------------------------------------------------------------------


def _address(value: str | Sequence[str]) -> tuple[str, ...]:
    lines = to_lines(value, max_lines=6)
    if not lines:
        raise fail("give at least one address line", value)
    return lines


def _address_zh(value: str | Sequence[str]) -> tuple[str, ...]:
    return to_lines(value, max_lines=6)


def _short_name(value: str) -> str:
    """A contact person or a Chinese company name: one line of up to 100 characters."""
    return _squeeze(to_text(value, max_length=100))


def _phone(value: str) -> str:
    text = _squeeze(to_text(value, max_length=40))
    match = _PHONE_RE.fullmatch(text.upper())
    if match is None:
        raise fail(
            "a phone number may hold only digits, spaces, + - ( ) . / and 'ext', "
            "e.g. '+86 574 8765 4321 ext. 8'",
            value,
        )
    main = match.group("main").strip()
    digits = sum(c.isdigit() for c in main)
    if digits < 6:
        raise fail("a phone number needs at least 6 digits", value)
    ext = match.group("ext")
    return main if ext is None else f"{main} ext. {ext}"


def _email(value: str) -> str:
    text = to_text(value, max_length=254)
    if not _EMAIL_RE.fullmatch(text):
        raise fail(
            "not an e-mail address (expected one @, a dot in the domain and no spaces, "
            "e.g. 'sales@example.com')",
            value,
        )
    local, domain = text.split("@")
    return f"{local}@{domain.lower()}"


def _tax_id(value: str) -> str:
    return _squeeze(to_text(value, max_length=40))


def _bank(value: BankAccount) -> BankAccount:
    return expect(BankAccount, value)


@attrs.frozen(field_transformer=collecting)
class Party:
    """A company on a contract: name, address, country, contacts and bank.

    Role-neutral: the contract says who is seller, buyer, consignee or notify
    party. ``address`` is a str with newlines or a list of lines, without the
    country (the country is its own field and :attr:`address_block` adds it).
    ``name_zh`` and ``address_zh`` are used on Chinese documents.

    >>> buyer = Party("Nordlicht Handels GmbH", "Großer Burstah 31\\n20457 Hamburg", "DEU")
    >>> buyer.address_block
    ('Großer Burstah 31', '20457 Hamburg', 'Germany')
    >>> buyer.lines("zh")
    ('Nordlicht Handels GmbH', 'Großer Burstah 31', '20457 Hamburg', '德国')
    """

    name: str = attrs.field(converter=_name)
    address: tuple[str, ...] = attrs.field(converter=_address)
    country: Country = attrs.field(converter=to_country)
    contact: str | None = attrs.field(default=None, converter=optional(_short_name), kw_only=True)
    phone: str | None = attrs.field(default=None, converter=optional(_phone), kw_only=True)
    email: str | None = attrs.field(default=None, converter=optional(_email), kw_only=True)
    tax_id: str | None = attrs.field(default=None, converter=optional(_tax_id), kw_only=True)
    bank: BankAccount | None = attrs.field(default=None, converter=optional(_bank), kw_only=True)
    name_zh: str | None = attrs.field(default=None, converter=optional(_short_name), kw_only=True)
    address_zh: tuple[str, ...] = attrs.field(default=(), converter=_address_zh, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def address_block(self) -> tuple[str, ...]:
        """The address lines and then the country's English name, as documents print them.

        The country is not repeated when the last line already ends with it
        (``"Ningbo, Zhejiang, China"``).
        """
        return _with_country(self.address, self.country.name, first_line_too=False)

    def lines(self, language: str = "en") -> tuple[str, ...]:
        """Name, address and country for a party box, in ``"en"`` or ``"zh"``.

        Chinese lines use ``name_zh`` and ``address_zh`` when given (else the
        English ones) and the country's Chinese name. A Chinese address usually
        starts with the country (``中国浙江省…``), so the country is not added when the
        first or last line already carries it.
        """
        if language not in _LANGUAGES:
            raise fail("language must be 'en' or 'zh'", language, "language")
        if language == "en":
            return (self.name, *self.address_block)
        name = self.name_zh or self.name
        address = self.address_zh or self.address
        country = self.country.name_in("zh")
        return (name, *_with_country(address, country, first_line_too=bool(self.address_zh)))

    def __str__(self) -> str:
        return self.name


def _with_country(
    address: tuple[str, ...], country: str, *, first_line_too: bool
) -> tuple[str, ...]:
    key = country.casefold()
    if address and address[-1].casefold().endswith(key):
        return address
    if first_line_too and address and address[0].casefold().startswith(key):
        return address
    return (*address, country)
