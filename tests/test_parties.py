"""Parties and bank accounts: SWIFT/BIC, IBAN, countries, contacts, display lines."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs
import pycountry
import pytest
import stdnum.bic
import stdnum.exceptions
import stdnum.iban
from babel import Locale

from exportdocs import Country, Currency, ValidationError
from exportdocs._parties import BankAccount, Party
from tests.junk import outcomes

# The worked example's exporter and importer (shared/domain, samples.py).
SELLER_NAME = "Ningbo Brightway Lighting Co., Ltd."
IBAN_DE = "DE89 3704 0044 0532 0130 00"

# Country names are data: English from pycountry (ISO 3166), Chinese from CLDR (babel).
# The tests below are about where a party's lines put the name, so they read it there.
CHINA = pycountry.countries.get(alpha_2="CN").name
CHINA_ZH = Locale.parse("zh").territories["CN"]
GERMANY_ZH = Locale.parse("zh").territories["DE"]


def make_account(**changes: Any) -> BankAccount:
    fields: dict[str, Any] = {
        "beneficiary": SELLER_NAME,
        "bank_name": "Bank of China, Ningbo Branch",
        "bank_address": ("139 Yaohang Street", "Ningbo, Zhejiang, China"),
        "swift": "BKCHCNBJ92A",
        "account_number": "3581 5863 7412",
    }
    fields.update(changes)
    return BankAccount(**fields)


def make_party(**changes: Any) -> Party:
    fields: dict[str, Any] = {
        "name": SELLER_NAME,
        "address": ("No. 88 Jinshan Road, Yinzhou District", "Ningbo, Zhejiang 315100"),
        "country": "CN",
    }
    fields.update(changes)
    return Party(**fields)


def problem_paths(info: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [p.path for p in info.value.problems]


# -- SWIFT/BIC ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "compact", "formatted"),
    [
        ("BKCHCNBJ", "BKCHCNBJ", "BKCH CN BJ"),
        ("BKCHCNBJ92A", "BKCHCNBJ92A", "BKCH CN BJ 92A"),
        ("BKCH CN BJ", "BKCHCNBJ", "BKCH CN BJ"),
        ("bkchcnbj92a", "BKCHCNBJ92A", "BKCH CN BJ 92A"),
        (" BKCH-CN-BJ-92A ", "BKCHCNBJ92A", "BKCH CN BJ 92A"),
        ("COBADEFFXXX", "COBADEFFXXX", "COBA DE FF XXX"),
    ],
)
def test_swift_is_validated_compacted_and_formatted(
    given: str, compact: str, formatted: str
) -> None:
    account = make_account(swift=given)
    assert (account.swift, account.swift_formatted) == (compact, formatted)


def test_swift_country() -> None:
    assert make_account(swift="COBADEFFXXX").swift_country == Country("DE")


def stdnum_reason(check: Callable[[str], object], bad: str) -> str:
    """python-stdnum's refusal of ``bad`` as our errors quote it: a clause, as a pattern.

    The wording is stdnum's, so it is read from stdnum rather than written down here.
    """
    with pytest.raises(stdnum.exceptions.ValidationError) as theirs:
        check(bad)
    text = str(theirs.value).strip().rstrip(".")
    return re.escape(text[:1].lower() + text[1:])


@pytest.mark.parametrize(
    "bad",
    [
        "XXXX",  # too short
        "BKCHZZBJ",  # ZZ is no country (python-stdnum checks it from 2.2 on)
        "BKCHCNBJ9",  # 9 characters
        "1KCHCNBJ",  # a digit in the bank code
        "BKCHCNB!",
    ],
)
def test_bad_swift_refused_as_our_error(bad: str) -> None:
    reason = stdnum_reason(stdnum.bic.validate, bad)
    with pytest.raises(
        ValidationError, match=rf"^swift: not a valid SWIFT/BIC \({reason}\); "
    ) as info:
        make_account(swift=bad)
    exc = info.value
    assert type(exc) is ValidationError
    assert not isinstance(exc, stdnum.exceptions.ValidationError)
    assert (exc.__cause__, exc.__context__) == (None, None)
    assert (exc.path, exc.value) == ("swift", bad)


def test_missing_swift_is_refused() -> None:
    with pytest.raises(TypeError, match="swift"):
        BankAccount("ACME", "Commerzbank", account_number="1234567")  # type: ignore[call-arg]


# -- IBAN --------------------------------------------------------------------------------


def test_iban_valid_is_compacted_and_formatted() -> None:
    account = make_account(account_number=None, iban=IBAN_DE.lower())
    assert (account.iban, account.iban_formatted, account.account_number) == (
        "DE89370400440532013000",
        IBAN_DE,
        None,
    )


def test_iban_bad_checksum_refused() -> None:
    reason = stdnum_reason(stdnum.iban.validate, "DE88 3704 0044 0532 0130 00")
    with pytest.raises(ValidationError, match=rf"^iban: not a valid IBAN \({reason}\)") as info:
        make_account(iban="DE88 3704 0044 0532 0130 00")
    exc = info.value
    assert (exc.path, exc.value) == ("iban", "DE88 3704 0044 0532 0130 00")
    assert not isinstance(exc, stdnum.exceptions.ValidationError)
    assert (exc.__cause__, exc.__context__) == (None, None)


@pytest.mark.parametrize(
    "bad", ["DE89", "DE89 3704 0044 0532 0130 0", "€", "XX89370400440532013000"]
)
def test_iban_malformed_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="not a valid IBAN") as info:
        make_account(iban=bad)
    assert problem_paths(info) == ["iban"]


def test_iban_country_may_differ_from_bank_country() -> None:
    account = make_account(swift="BKCHCNBJ", iban=IBAN_DE)
    assert (account.swift_country, account.iban) == (Country("CN"), "DE89370400440532013000")


def test_account_number_or_iban_required() -> None:
    with pytest.raises(ValidationError, match="give the account number or the IBAN") as info:
        make_account(account_number=None)
    assert problem_paths(info) == ["account_number"]
    assert info.value.value is None


def test_account_number_and_iban_together() -> None:
    account = make_account(account_number="0532013000", iban=IBAN_DE)
    assert (account.account_number, account.iban) == ("0532013000", "DE89370400440532013000")


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("3581 5863 7412", "3581 5863 7412"),
        ("  3581   5863\t7412 ", "3581 5863 7412"),
        ("nb-0012-3456", "NB-0012-3456"),
        ("35815863741", "35815863741"),
    ],
)
def test_account_number_normalised(given: str, stored: str) -> None:
    assert make_account(account_number=given).account_number == stored


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("3581_5863", "only digits, letters A-Z"),
        ("3581 -5863", "only digits, letters A-Z"),
        ("ABCDEF", "must contain digits"),
        ("１２３４５６", "only digits, letters A-Z"),
        ("1" * 35, "longer than 34"),
        ("", "must not be empty"),
    ],
)
def test_bad_account_number_refused(bad: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        make_account(account_number=bad)
    assert problem_paths(info) == ["account_number"]


def test_bank_account_optional_fields() -> None:
    account = make_account(
        bank_address="139 Yaohang Street\nNingbo",
        intermediary="  via JPMorgan Chase, New York,   SWIFT CHASUS33 ",
        currency="usd",
    )
    assert account.bank_address == ("139 Yaohang Street", "Ningbo")
    assert account.intermediary == "via JPMorgan Chase, New York, SWIFT CHASUS33"
    assert account.currency == Currency("USD")


def test_beneficiary_address_from_str_or_list() -> None:
    assert make_account().beneficiary_address == ()
    from_str = make_account(beneficiary_address="No. 88 Jinshan Road\n\n  Ningbo 315100 \n")
    from_list = make_account(beneficiary_address=["No. 88 Jinshan Road", "Ningbo 315100"])
    assert from_str.beneficiary_address == ("No. 88 Jinshan Road", "Ningbo 315100")
    assert from_list.beneficiary_address == from_str.beneficiary_address
    assert make_account(beneficiary_address=["a", "b", "c", "d"]).beneficiary_address == (
        "a",
        "b",
        "c",
        "d",
    )


def test_beneficiary_address_too_many_lines_refused() -> None:
    with pytest.raises(ValidationError, match="beneficiary_address: more than 4 lines") as info:
        make_account(beneficiary_address=["1", "2", "3", "4", "5"])
    assert problem_paths(info) == ["beneficiary_address"]


@pytest.mark.parametrize(
    ("bad", "path", "message"),
    [
        (42, "beneficiary_address", "expected a list of lines, not int"),
        ({"street": "x"}, "beneficiary_address", "expected a list of lines, not dict"),
        (["ok", 3], "beneficiary_address[1]", "expected text, not int"),
    ],
)
def test_beneficiary_address_wrong_type_refused(bad: object, path: str, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)) as info:
        make_account(beneficiary_address=bad)
    assert problem_paths(info) == [path]


def test_beneficiary_address_in_the_details_under_the_beneficiary() -> None:
    account = make_account(beneficiary_address=["No. 88 Jinshan Road", "Ningbo 315100, China"])
    assert account.details()[:3] == (
        ("BENEFICIARY", SELLER_NAME),
        ("BENEFICIARY ADDRESS", "No. 88 Jinshan Road, Ningbo 315100, China"),
        ("BANK", "Bank of China, Ningbo Branch"),
    )
    assert "BENEFICIARY ADDRESS" not in dict(make_account().details())


def test_bank_account_details_for_documents() -> None:
    account = make_account(iban=IBAN_DE, intermediary="JPMorgan Chase, New York", currency="USD")
    assert account.details() == (
        ("BENEFICIARY", SELLER_NAME),
        ("BANK", "Bank of China, Ningbo Branch"),
        ("BANK ADDRESS", "139 Yaohang Street, Ningbo, Zhejiang, China"),
        ("SWIFT/BIC", "BKCHCNBJ92A"),
        ("A/C NO.", "3581 5863 7412"),
        ("IBAN", IBAN_DE),
        ("INTERMEDIARY BANK", "JPMorgan Chase, New York"),
        ("CURRENCY", "USD"),
    )


def test_bank_account_collects_every_problem() -> None:
    with pytest.raises(
        ValidationError, match=r"^6 problems: beneficiary: must not be empty"
    ) as info:
        BankAccount(
            "",
            None,
            ["ok", 3],  # type: ignore[list-item]
            swift="XXXX",
            account_number="??",
            currency="EURO",
        )
    assert problem_paths(info) == [
        "beneficiary",
        "bank_name",
        "bank_address[1]",
        "swift",
        "account_number",
        "currency",
    ]


def test_bank_account_is_frozen_and_evolves() -> None:
    account = make_account()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        account.swift = "COBADEFF"  # type: ignore[misc]
    assert attrs.evolve(account, swift="cobadeff").swift == "COBADEFF"


# -- Party -------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["CN", "CHN", "China", "cn"])
def test_party_country_by_code_or_name(given: str) -> None:
    assert make_party(country=given).country == Country("CN")


@pytest.mark.parametrize("bad", ["Narnia", "ZZ", "", 86])
def test_party_unknown_country_refused(bad: object) -> None:
    with pytest.raises(ValidationError, match=r"country: .*country") as info:
        make_party(country=bad)
    assert problem_paths(info) == ["country"]
    assert info.value.value == bad


def test_party_address_from_str_or_list() -> None:
    from_str = make_party(address="No. 88 Jinshan Road\n\n  Ningbo 315100  \n")
    from_list = make_party(address=["No. 88 Jinshan Road", "Ningbo 315100"])
    assert from_str.address == from_list.address == ("No. 88 Jinshan Road", "Ningbo 315100")


@pytest.mark.parametrize("bad", ["", "\n \n", [], ()])
def test_party_needs_an_address_line(bad: object) -> None:
    with pytest.raises(ValidationError, match="address: give at least one address line"):
        make_party(address=bad)


def test_party_address_block_adds_country_once() -> None:
    assert make_party().address_block == (
        "No. 88 Jinshan Road, Yinzhou District",
        "Ningbo, Zhejiang 315100",
        CHINA,
    )
    given = ("139 Yaohang Street", f"Ningbo, Zhejiang, {CHINA.upper()}")
    assert make_party(address=given).address_block == given


def test_party_lines_in_english_and_chinese() -> None:
    party = make_party(
        name_zh="宁波明途照明有限公司",
        address_zh="浙江省宁波市鄞州区金山路88号\n邮编 315100",
    )
    assert party.lines("en") == (
        SELLER_NAME,
        "No. 88 Jinshan Road, Yinzhou District",
        "Ningbo, Zhejiang 315100",
        CHINA,
    )
    assert party.lines("zh") == (
        "宁波明途照明有限公司",
        "浙江省宁波市鄞州区金山路88号",
        "邮编 315100",
        CHINA_ZH,
    )


def test_party_chinese_lines_fall_back_to_english_text() -> None:
    buyer = Party("Nordlicht Handels GmbH", ("Großer Burstah 31", "20457 Hamburg"), "DE")
    assert buyer.lines("zh") == (
        "Nordlicht Handels GmbH",
        "Großer Burstah 31",
        "20457 Hamburg",
        GERMANY_ZH,
    )


def test_party_chinese_address_starting_with_country_is_not_repeated() -> None:
    address = f"{CHINA_ZH}浙江省宁波市金山路88号"
    party = make_party(name_zh="明途照明", address_zh=[address])
    assert party.lines("zh") == ("明途照明", address)


@pytest.mark.parametrize("bad", ["de", "EN", "", None, "zh_CN"])
def test_party_lines_unknown_language_refused(bad: object) -> None:
    with pytest.raises(ValidationError, match="language must be 'en' or 'zh'") as info:
        make_party().lines(bad)
    assert problem_paths(info) == ["language"]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("+86 574 8765 4321", "+86 574 8765 4321"),
        ("+86 (574) 8765-4321", "+86 (574) 8765-4321"),
        ("0574.8765.4321 / 4322", "0574.8765.4321 / 4322"),
        ("+49 40 3011 2277 EXT 12", "+49 40 3011 2277 ext. 12"),
        ("+49  40 3011 2277ext.12", "+49 40 3011 2277 ext. 12"),
        ("123456", "123456"),
    ],
)
def test_phone_normalised(given: str, stored: str) -> None:
    assert make_party(phone=given).phone == stored


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("12345", "at least 6 digits"),
        ("+86 574 ext 87654", "at least 6 digits"),
        ("call 0574 8765 4321", "only digits, spaces"),
        ("+86 574 8765 4321 ext", "only digits, spaces"),
        ("+86 574 8765 4321 ext 1 ext 2", "only digits, spaces"),
        ("０５７４８７６５４３２１", "only digits, spaces"),
        ("+86 574 8765 4321 #8", "only digits, spaces"),
    ],
)
def test_bad_phone_refused(bad: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        make_party(phone=bad)
    assert problem_paths(info) == ["phone"]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("lily.chen@Brightway-Lighting.COM", "lily.chen@brightway-lighting.com"),
        ("  sales+pi@mail.example.cn ", "sales+pi@mail.example.cn"),
    ],
)
def test_email_normalised(given: str, stored: str) -> None:
    assert make_party(email=given).email == stored


@pytest.mark.parametrize(
    "bad",
    [
        "lily",
        "lily@example",
        "li ly@example.com",
        "a@b@example.com",
        "@example.com",
        "lily@.example.com",
        "lily@example..com",
        "lily@example.com.",
    ],
)
def test_bad_email_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="not an e-mail address") as info:
        make_party(email=bad)
    assert problem_paths(info) == ["email"]


def test_party_optional_text_fields_normalised() -> None:
    party = make_party(contact="  Lily   Chen (Sales) ", tax_id=" DE  312 456\t789 ")
    assert (party.contact, party.tax_id) == ("Lily Chen (Sales)", "DE 312 456 789")
    assert (party.bank, party.name_zh, party.address_zh, party.phone) == (None, None, (), None)


def test_party_with_bank() -> None:
    account = make_account()
    assert make_party(bank=account).bank is account


def test_party_bank_must_be_a_bank_account() -> None:
    with pytest.raises(ValidationError, match="bank: expected a BankAccount, not dict"):
        make_party(bank={"swift": "BKCHCNBJ"})


def test_party_collects_every_problem() -> None:
    with pytest.raises(ValidationError, match=r"^6 problems") as info:
        Party(
            "  ",
            "",
            "Narnia",
            phone="12",
            email="nobody",
            bank="BKCHCNBJ",
            name_zh="明途",
        )
    assert problem_paths(info) == ["name", "address", "country", "phone", "email", "bank"]


def test_party_str_and_evolve() -> None:
    party = make_party()
    assert str(party) == SELLER_NAME
    assert attrs.evolve(party, country="DEU").country == Country("DE")


# -- robustness --------------------------------------------------------------------------

JUNK: list[Any] = [
    None,
    "",
    " ",
    "€",
    "３",
    "1e400",
    "NaN",
    float("nan"),
    1.5,
    True,
    10**30,
    b"BKCHCNBJ",
    [],
    {},
    [[None, {"a": [1]}]],
    {"swift": "BKCHCNBJ"},
    object(),
    "x" * 100_000,
    "9" * 100_000,
    "\x00",
    "BKCHCNBJ\x00",
]


@pytest.mark.parametrize("junk", JUNK, ids=lambda v: type(v).__name__)
def test_junk_raises_validation_error_only(junk: Any) -> None:
    party = make_party()
    account_fields = [
        "beneficiary",
        "bank_name",
        "bank_address",
        "swift",
        "account_number",
        "iban",
        "intermediary",
        "currency",
    ]
    party_fields = [f.name for f in attrs.fields(Party)]
    calls: list[Callable[[], object]] = [
        *(lambda f=f: make_account(**{f: junk}) for f in account_fields),
        *(lambda f=f: make_party(**{f: junk}) for f in party_fields),
        lambda: party.lines(junk),
    ]
    refused, escaped = outcomes(calls)
    assert escaped == []
    assert not any(isinstance(exc, stdnum.exceptions.ValidationError) for exc in refused)
    # The required fields (and lines()) refuse every junk value; some optional
    # fields accept None or an empty list.
    assert len(refused) >= 6
    assert all(exc.problems and len(str(exc)) < 2000 for exc in refused)
