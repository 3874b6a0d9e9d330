"""Amounts and package counts in words: English trade form and Chinese uppercase (大写)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pycountry
import pytest
from babel.numbers import get_currency_name
from hypothesis import example, given
from hypothesis import strategies as st

from exportdocs import Currency, Money, ValidationError
from exportdocs._words import (
    amount_in_words,
    chinese_uppercase,
    packages_in_words,
    packages_in_words_zh,
    rmb_uppercase,
)


def _accepted(code: str) -> bool:
    try:
        Currency(code)
    except ValidationError:
        return False
    return True


#: Every code pycountry lists that exportdocs.Currency accepts.
CODES = sorted(c.alpha_3 for c in pycountry.currencies if _accepted(c.alpha_3))
LIMIT = 10**12


@st.composite
def money_below_limit(draw: st.DrawFn) -> Money:
    """Any amount in [0, 10**12) with up to the currency's minor units, in any currency."""
    code = draw(st.sampled_from(CODES))
    places = Currency(code).minor_units
    minor = draw(st.integers(min_value=0, max_value=LIMIT * 10**places - 1) | zero_heavy(16))
    return Money(Decimal(minor % (LIMIT * 10**places)).scaleb(-places), code)


def zero_heavy(max_digits: int) -> st.SearchStrategy[int]:
    """Integers made mostly of zeros: the cases where 零 rules go wrong."""
    return st.lists(st.sampled_from("0000000123456789"), min_size=1, max_size=max_digits).map(
        lambda digits: int("".join(digits))
    )


# -- English ----------------------------------------------------------------------

# documents.md §7, English table: (amount, canonical form without hyphens).
ENGLISH_TABLE = [
    ("21000.00", "SAY US DOLLARS TWENTY ONE THOUSAND ONLY"),
    (
        "18754.50",
        "SAY US DOLLARS EIGHTEEN THOUSAND SEVEN HUNDRED FIFTY FOUR AND CENTS FIFTY ONLY",
    ),
    (
        "1234.56",
        "SAY US DOLLARS ONE THOUSAND TWO HUNDRED THIRTY FOUR AND CENTS FIFTY SIX ONLY",
    ),
    ("100.05", "SAY US DOLLARS ONE HUNDRED AND CENTS FIVE ONLY"),
    ("6300.00", "SAY US DOLLARS SIX THOUSAND THREE HUNDRED ONLY"),
]


@pytest.mark.parametrize(("amount", "expected"), ENGLISH_TABLE)
def test_english_table_canonical_without_hyphens(amount: str, expected: str) -> None:
    assert expected == amount_in_words(Money(amount, "USD"), hyphens=False)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("21000.00", "SAY US DOLLARS TWENTY-ONE THOUSAND ONLY"),
        (
            "18754.50",
            "SAY US DOLLARS EIGHTEEN THOUSAND SEVEN HUNDRED FIFTY-FOUR AND CENTS FIFTY ONLY",
        ),
        (
            "1234.56",
            "SAY US DOLLARS ONE THOUSAND TWO HUNDRED THIRTY-FOUR AND CENTS FIFTY-SIX ONLY",
        ),
        ("100.05", "SAY US DOLLARS ONE HUNDRED AND CENTS FIVE ONLY"),
        ("6300.00", "SAY US DOLLARS SIX THOUSAND THREE HUNDRED ONLY"),
    ],
)
def test_english_table_default_is_hyphenated(amount: str, expected: str) -> None:
    assert expected == amount_in_words(Money(amount, "USD"))


def test_issue_example() -> None:
    assert (
        amount_in_words(Money("12345.67", "USD"))
        == "SAY US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY"
    )


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("105", "SAY US DOLLARS ONE HUNDRED FIVE ONLY"),
        ("1001", "SAY US DOLLARS ONE THOUSAND ONE ONLY"),
        ("1000005", "SAY US DOLLARS ONE MILLION FIVE ONLY"),
        ("0.50", "SAY US DOLLARS ZERO AND CENTS FIFTY ONLY"),
        ("0", "SAY US DOLLARS ZERO ONLY"),
        (
            "999999999999.99",
            "SAY US DOLLARS NINE HUNDRED NINETY-NINE BILLION NINE HUNDRED NINETY-NINE "
            "MILLION NINE HUNDRED NINETY-NINE THOUSAND NINE HUNDRED NINETY-NINE "
            "AND CENTS NINETY-NINE ONLY",
        ),
    ],
)
def test_british_and_and_commas_are_removed(amount: str, expected: str) -> None:
    assert expected == amount_in_words(Money(amount, "USD"))


def test_amount_is_rounded_half_up_first() -> None:
    assert (
        amount_in_words(Money("97.625", "USD"))
        == "SAY US DOLLARS NINETY-SEVEN AND CENTS SIXTY-THREE ONLY"
    )
    assert amount_in_words(Money("0.995", "USD")) == "SAY US DOLLARS ONE ONLY"
    assert amount_in_words(Money("999999999999.995", "USD")) == "SAY US DOLLARS ONE TRILLION ONLY"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("and cents", "SAY US DOLLARS ONE HUNDRED AND CENTS FIFTY ONLY"),
        ("cents after", "SAY US DOLLARS ONE HUNDRED AND FIFTY CENTS ONLY"),
        ("fraction", "SAY US DOLLARS ONE HUNDRED AND 50/100 ONLY"),
    ],
)
def test_cents_styles(style: Any, expected: str) -> None:
    assert expected == amount_in_words(Money("100.50", "USD"), cents_style=style)


def test_fraction_pads_to_minor_units_and_one_cent_is_singular_after() -> None:
    assert (
        amount_in_words(Money("10.05", "USD"), cents_style="fraction")
        == "SAY US DOLLARS TEN AND 05/100 ONLY"
    )
    assert (
        amount_in_words(Money("10.01", "USD"), cents_style="cents after")
        == "SAY US DOLLARS TEN AND ONE CENT ONLY"
    )


def test_total_prefix_and_overrides() -> None:
    money = Money("21000", "CNY")
    assert amount_in_words(money, total=True) == "SAY TOTAL CHINESE YUAN TWENTY-ONE THOUSAND ONLY"
    assert (
        amount_in_words(money, currency_name="renminbi yuan")
        == "SAY RENMINBI YUAN TWENTY-ONE THOUSAND ONLY"
    )
    assert amount_in_words(Money("5", "EUR"), prefix="") == "EUROS FIVE ONLY"
    assert (
        amount_in_words(Money("5.10", "EUR"), currency_name="EURO")
        == "SAY EURO FIVE AND CENTS TEN ONLY"
    )


@pytest.mark.parametrize(
    ("money", "expected"),
    [
        (
            Money("1234567", "JPY"),
            "SAY JAPANESE YEN ONE MILLION TWO HUNDRED THIRTY-FOUR THOUSAND "
            "FIVE HUNDRED SIXTY-SEVEN ONLY",
        ),
        (Money("1234.5", "JPY"), "SAY JAPANESE YEN ONE THOUSAND TWO HUNDRED THIRTY-FIVE ONLY"),
        (
            Money("1234.567", "KWD"),
            "SAY KUWAITI DINARS ONE THOUSAND TWO HUNDRED THIRTY-FOUR "
            "AND FILS FIVE HUNDRED SIXTY-SEVEN ONLY",
        ),
        (Money("3.005", "KWD"), "SAY KUWAITI DINARS THREE AND FILS FIVE ONLY"),
        (
            Money("18754.50", "EUR"),
            "SAY EUROS EIGHTEEN THOUSAND SEVEN HUNDRED FIFTY-FOUR AND CENTS FIFTY ONLY",
        ),
        (Money("1.01", "GBP"), "SAY POUNDS STERLING ONE AND PENCE ONE ONLY"),
        (Money("99.99", "INR"), "SAY INDIAN RUPEES NINETY-NINE AND PAISE NINETY-NINE ONLY"),
        (Money("10.25", "AED"), "SAY UAE DIRHAMS TEN AND FILS TWENTY-FIVE ONLY"),
        (Money("7", "KRW"), "SAY SOUTH KOREAN WON SEVEN ONLY"),
    ],
)
def test_currencies_in_the_table(money: Money, expected: str) -> None:
    assert expected == amount_in_words(money)


def test_gbp_penny_after() -> None:
    assert (
        amount_in_words(Money("1.01", "GBP"), cents_style="cents after")
        == "SAY POUNDS STERLING ONE AND ONE PENNY ONLY"
    )


# A currency outside the trade-name table is written with its ISO 4217 name from
# pycountry. The tests of that rule give the names themselves, so that an iso-codes
# release renaming a currency cannot fail them; the last test reads the real name.
FALLBACK_NAMES = {
    "UGX": "Uganda Shilling",
    "AOA": "Kwanza",
    "CDF": "Congolese Franc",
    "TND": "Tunisian Dinar",
}


@pytest.fixture
def fallback_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Currency, "name", property(lambda self: FALLBACK_NAMES[self.code]))


@pytest.mark.usefixtures("fallback_names")
@pytest.mark.parametrize(
    ("money", "expected"),
    [
        # Plural "S" only on nouns known to take it; the minor unit as a fraction.
        (Money("5", "UGX"), "SAY UGANDA SHILLINGS FIVE ONLY"),
        (Money("12.50", "AOA"), "SAY KWANZA TWELVE AND 50/100 ONLY"),
        (Money("12.50", "CDF"), "SAY CONGOLESE FRANCS TWELVE AND 50/100 ONLY"),
        (Money("3.5", "TND"), "SAY TUNISIAN DINARS THREE AND 500/1000 ONLY"),
        (Money("3", "TND"), "SAY TUNISIAN DINARS THREE ONLY"),
    ],
)
def test_fallback_names_use_the_fraction(money: Money, expected: str) -> None:
    assert expected == amount_in_words(money)


@pytest.mark.usefixtures("fallback_names")
def test_fallback_with_a_minor_name_given() -> None:
    assert (
        amount_in_words(Money("1.10", "AOA"), minor_name="centimos")
        == "SAY KWANZA ONE AND CENTIMOS TEN ONLY"
    )


@pytest.mark.parametrize("code", ["UGX", "AOA", "CDF", "TND"])
def test_fallback_name_is_the_installed_pycountry_name(code: str) -> None:
    name = pycountry.currencies.get(alpha_3=code).name.upper()
    assert amount_in_words(Money("3", code)).startswith(f"SAY {name}")


# -- packages ---------------------------------------------------------------------


def test_packages_in_words() -> None:
    assert packages_in_words(120) == "SAY TOTAL ONE HUNDRED TWENTY (120) CARTONS ONLY"
    assert packages_in_words(1) == "SAY TOTAL ONE (1) CARTON ONLY"
    assert packages_in_words(43, hyphens=False) == "SAY TOTAL FORTY THREE (43) CARTONS ONLY"
    assert packages_in_words(Decimal("43")) == "SAY TOTAL FORTY-THREE (43) CARTONS ONLY"
    assert packages_in_words(1, "boxes", total=False) == "SAY ONE (1) BOX ONLY"
    assert packages_in_words("1", "PCS", singular="piece") == "SAY TOTAL ONE (1) PIECE ONLY"
    assert packages_in_words(105, "PALLETS") == "SAY TOTAL ONE HUNDRED FIVE (105) PALLETS ONLY"


def test_packages_in_words_zh() -> None:
    assert packages_in_words_zh(120) == "共计壹佰贰拾箱"
    assert packages_in_words_zh(10) == "共计壹拾箱"
    assert packages_in_words_zh(1005, "件", prefix="合计：", zheng="整") == "合计：壹仟零伍件整"


# -- Chinese uppercase ------------------------------------------------------------

# documents.md §7 table (default output) plus the brief's extra cases.
RMB_TABLE = [
    ("1409.50", "人民币壹仟肆佰零玖元伍角"),
    ("6007.14", "人民币陆仟零柒元壹角肆分"),
    ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
    ("107000.53", "人民币壹拾万柒仟元零伍角叁分"),
    ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "人民币叁佰贰拾伍元零肆分"),
    ("1005.00", "人民币壹仟零伍元整"),
    ("1010.00", "人民币壹仟零壹拾元整"),
    ("10005.50", "人民币壹万零伍元伍角"),
    ("100000.01", "人民币壹拾万元零壹分"),
    ("100010000.00", "人民币壹亿零壹万元整"),
    ("10101010.10", "人民币壹仟零壹拾万壹仟零壹拾元壹角"),
    ("0.50", "人民币伍角"),
    ("133156.95", "人民币壹拾叁万叁仟壹佰伍拾陆元玖角伍分"),
    ("10005.00", "人民币壹万零伍元整"),
    ("100000000.10", "人民币壹亿元零壹角"),
    ("15", "人民币壹拾伍元整"),
    ("12000", "人民币壹万贰仟元整"),
    ("0.05", "人民币伍分"),
    ("0", "人民币零元整"),
    ("100000001", "人民币壹亿零壹元整"),
    ("100001000", "人民币壹亿零壹仟元整"),
    ("999999999999.995", "人民币壹万亿元整"),
]


@pytest.mark.parametrize(("amount", "expected"), RMB_TABLE)
def test_rmb_table(amount: str, expected: str) -> None:
    assert expected == rmb_uppercase(amount)
    assert expected == rmb_uppercase(Money(amount, "CNY"))
    assert expected == chinese_uppercase(Money(amount, "CNY"))


def test_rmb_options() -> None:
    assert rmb_uppercase(15, prefix=False) == "壹拾伍元整"
    assert rmb_uppercase(Decimal("15"), zheng="正") == "人民币壹拾伍元正"
    assert rmb_uppercase("1409.50", jiao_zheng=True) == "人民币壹仟肆佰零玖元伍角整"
    assert rmb_uppercase("6007.14", jiao_zheng=True) == "人民币陆仟零柒元壹角肆分"
    assert rmb_uppercase("0.995") == "人民币壹元整"


# The Chinese prefix is the currency's name in CLDR (美元, 欧元, ...), read here from the
# installed babel: the figures are the library's rule, the names are CLDR's data.
@pytest.mark.parametrize(
    ("money", "figures"),
    [
        (Money("12345.67", "USD"), "壹万贰仟叁佰肆拾伍元陆角柒分"),
        (Money("18754.50", "EUR"), "壹万捌仟柒佰伍拾肆元伍角"),
        (Money("1234567", "JPY"), "壹佰贰拾叁万肆仟伍佰陆拾柒元整"),
        (Money("1234.567", "KWD"), "壹仟贰佰叁拾肆元伍角陆分柒厘"),
        (Money("3.005", "KWD"), "叁元零伍厘"),
        (Money("3.105", "KWD"), "叁元壹角零伍厘"),
        (Money("10000.5", "KWD"), "壹万元零伍角"),
    ],
)
def test_chinese_uppercase_other_currencies(money: Money, figures: str) -> None:
    name = get_currency_name(money.currency.code, locale="zh")
    assert chinese_uppercase(money) == name + figures
    assert chinese_uppercase(money, prefix=False) == figures


@pytest.mark.parametrize("code", CODES)
def test_chinese_uppercase_prefix_is_the_cldr_name_or_the_code(code: str) -> None:
    # Every currency the installed pycountry lists, with the installed CLDR's name: CLDR
    # gains Chinese names over time (XCG got one in babel 2.17) and ISO 4217 gains codes
    # (XCG is in pycountry 26, not 24), so no release's data is written down here.
    name = get_currency_name(code, locale="zh")
    assert name  # CLDR answers the code itself when it has no Chinese name
    assert f"{name}柒元整" == chinese_uppercase(Money("7", code))


def test_chinese_uppercase_without_a_cldr_name_uses_the_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import exportdocs._words

    # babel answers the ISO code for a currency CLDR has no Chinese name for; any code
    # every supported pycountry knows shows it.
    monkeypatch.setattr(exportdocs._words, "get_currency_name", lambda code, locale: code)
    assert chinese_uppercase(Money("7", "SLE")) == "SLE柒元整"


# -- properties -------------------------------------------------------------------

_ZH_DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_ZH_SMALL = {"拾": 1, "佰": 2, "仟": 3}
_ZH_MINOR = {"角": -1, "分": -2, "厘": -3}


def _zero_required(high: int, low: int) -> bool:
    """Whether the zeros between written places ``high`` and ``low`` must be read as 零.

    Stated by place, independently of the group-by-group writer: zeros inside a
    group, a whole zero group, 角 = 0 before 分, and a run of zeros ending at 元
    before 角 need 零 (壹拾万柒仟元零伍角叁分, the PBOC's own example); the only gaps
    left silent are one ending at the next group's 仟 (壹拾万柒仟) and a lone zero
    元 digit before 角 (捌拾元叁角).
    """
    if low >= 0:
        return not (low % 4 == 3 and high // 4 - low // 4 == 1)
    if low == -1:
        return high >= 2
    return True


def parse_uppercase(text: str, places: int = 2, *, jiao_zheng: bool = False) -> Decimal:
    """Read Chinese uppercase back to a number, checking every zero and 整 rule."""
    body, zheng = (text[:-1], True) if text.endswith("整") else (text, False)
    if body == "零元":
        assert zheng
        return Decimal(0)
    integer, found, fraction = body.partition("元")
    if not found:
        integer, fraction = "", body
    # Integer tokens: ("z",), ("d", digit, place in group) or ("g", 万/亿).
    tokens: list[tuple[Any, ...]] = []
    i = 0
    while i < len(integer):
        ch = integer[i]
        if ch == "零":
            tokens.append(("z",))
        elif ch in _ZH_DIGIT:
            small = _ZH_SMALL.get(integer[i + 1], 0) if i + 1 < len(integer) else 0
            i += 1 if small else 0
            tokens.append(("d", _ZH_DIGIT[ch], small))
        else:
            assert ch in "万亿", f"unexpected {ch!r} in {text!r}"
            assert tokens, f"group unit first in {text!r}"
            assert tokens[-1][0] in "dg", f"group unit after 零 in {text!r}"
            tokens.append(("g", ch))
        i += 1
    written: list[tuple[int, int] | None] = []  # (place, digit), or None for 零
    group = 0
    for token in reversed(tokens):
        if token[0] == "g":
            group = 8 if token[1] == "亿" else 4 + (8 if group >= 8 else 0)
        elif token[0] == "z":
            written.append(None)
        else:
            written.append((token[2] + group, token[1]))
    written.reverse()
    i = 0
    while i < len(fraction):
        ch = fraction[i]
        if ch == "零":
            written.append(None)
            i += 1
            continue
        unit = fraction[i + 1]
        assert ch in _ZH_DIGIT, f"bad minor digit in {text!r}"
        assert unit in _ZH_MINOR, f"bad minor unit in {text!r}"
        assert -_ZH_MINOR[unit] <= places, f"{unit} in a {places}-decimal currency"
        written.append((_ZH_MINOR[unit], _ZH_DIGIT[ch]))
        i += 2
    assert written, text
    assert written[0] is not None, f"leading 零 in {text!r}"
    assert written[-1] is not None, f"trailing 零 in {text!r}"
    value = Decimal(0)
    previous: tuple[int, int] | None = None
    zero_seen = False
    for item in written:
        if item is None:
            assert not zero_seen, f"零零 in {text!r}"
            zero_seen = True
            continue
        place, digit = item
        assert digit != 0
        if previous is not None:
            assert place < previous[0], f"places out of order in {text!r}"
            gap = place < previous[0] - 1
            expected_zero = gap and _zero_required(previous[0], place)
            assert zero_seen == expected_zero, f"零 rule broken at place {place} in {text!r}"
        value += Decimal(digit).scaleb(place)
        previous, zero_seen = item, False
    assert bool(found) == (value >= 1), f"元 wrong in {text!r}"
    assert previous is not None
    last_place = previous[0]
    assert zheng == (last_place >= 0 or (last_place == -1 and jiao_zheng)), f"整 in {text!r}"
    return value


def test_parser_rejects_zero_rule_bugs() -> None:
    for wrong in [
        "壹万零贰仟元整",
        "壹仟肆佰玖元伍角",
        "壹万陆仟肆佰零玖元贰分",
        "壹亿元壹角",
        "拾伍元整",
        "壹仟零零伍元整",
        "壹佰元零整",
    ]:
        with pytest.raises(AssertionError):
            parse_uppercase(wrong)


@given(
    cents=st.integers(min_value=0, max_value=LIMIT * 100 - 1) | zero_heavy(14),
    jiao_zheng=st.booleans(),
)
@example(cents=10_000_000_010, jiao_zheng=False)
@example(cents=10_000_001, jiao_zheng=False)
def test_rmb_round_trip(cents: int, jiao_zheng: bool) -> None:
    amount = Decimal(cents % (LIMIT * 100)).scaleb(-2)
    text = rmb_uppercase(amount, jiao_zheng=jiao_zheng)
    assert text.startswith("人民币")
    assert amount == parse_uppercase(text[3:], jiao_zheng=jiao_zheng)


@given(money_below_limit())
@example(Money("999999999999.999", "KWD"))
def test_chinese_uppercase_round_trip_any_currency(money: Money) -> None:
    text = chinese_uppercase(money, prefix=False)
    places = money.currency.minor_units
    assert money.rounded().amount == parse_uppercase(text, places)


@given(money_below_limit(), st.sampled_from(["and cents", "cents after", "fraction"]))
def test_amount_in_words_never_raises(money: Money, style: Any) -> None:
    text = amount_in_words(money, cents_style=style, hyphens=False)
    assert text.startswith("SAY ")
    assert text.endswith(" ONLY")
    assert text == text.upper()
    # No British "and" inside the number: AND appears only before a minor part
    # (the currency name itself may hold one: TRINIDAD AND TOBAGO DOLLARS).
    name = amount_in_words(Money(0, money.currency))[len("SAY ") : -len(" ZERO ONLY")]
    has_minor = money.rounded().amount % 1 != 0
    assert text[len("SAY ") + len(name) :].count(" AND ") == (1 if has_minor else 0)
    assert "," not in text


@given(
    st.sampled_from(CODES),
    st.decimals(min_value=0, max_value=Decimal("999999999999.999999"), places=6),
)
def test_unrounded_amounts_never_raise(code: str, amount: Decimal) -> None:
    money = Money(amount, code)
    assert amount_in_words(money).endswith(" ONLY")
    assert chinese_uppercase(money)


# -- bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message", "path"),
    [
        (lambda: amount_in_words(Money("-0.01", "USD")), "must not be negative", "money"),
        (lambda: amount_in_words(Money(LIMIT, "USD")), "below 1,000,000,000,000", "money"),
        (lambda: amount_in_words(12.5), "expected exportdocs.Money", "money"),
        (lambda: amount_in_words(Money(1, "USD"), cents_style="x"), "cents_style", "cents_style"),
        (lambda: amount_in_words(Money(1, "USD"), prefix=None), "expected text", "prefix"),
        (lambda: rmb_uppercase(12.5), "float is not accepted", "amount"),
        (lambda: rmb_uppercase(Decimal("NaN")), "finite", "amount"),
        (lambda: rmb_uppercase(Decimal("Infinity")), "finite", "amount"),
        (lambda: rmb_uppercase("-1"), "must not be negative", "amount"),
        (lambda: rmb_uppercase(Decimal("1E+12")), "below 1,000,000,000,000", "amount"),
        (lambda: rmb_uppercase("1,000"), "not a decimal number", "amount"),
        (
            lambda: rmb_uppercase(Money(1, "USD")),
            "CNY amounts only; use chinese_uppercase",
            "amount",
        ),
        (lambda: rmb_uppercase(1, zheng="了"), "zheng", "zheng"),
        (lambda: chinese_uppercase("12.50"), "expected exportdocs.Money", "money"),
        (lambda: chinese_uppercase(Money("-5", "EUR")), "must not be negative", "money"),
        (lambda: packages_in_words(0), "greater than zero", "count"),
        (lambda: packages_in_words(1.0), "expected a whole number, not float", "count"),
        (lambda: packages_in_words(True), "expected a whole number, not bool", "count"),
        (lambda: packages_in_words("2.5"), "whole number", "count"),
        (lambda: packages_in_words(LIMIT), "below 1,000,000,000,000", "count"),
        (lambda: packages_in_words(3, ""), "must not be empty", "unit"),
        (lambda: packages_in_words_zh(-3), "greater than zero", "count"),
        (lambda: packages_in_words_zh(3, zheng="x"), "zheng", "zheng"),
    ],
)
def test_bad_input_is_refused(call: Any, message: str, path: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        call()
    assert path == info.value.problems[0].path


# -- the English cardinal, held to num2words --------------------------------------------


def _num2words_american(number: int) -> str:
    from num2words import num2words  # the reference (a dev dependency)

    words = str(num2words(number, lang="en")).replace(",", " ")
    return " ".join(w for w in words.split() if w != "and").upper()


@given(st.integers(min_value=0, max_value=10**12))  # rounding may reach 10**12
@example(0)
@example(100)
@example(1_005)
@example(20_000_019)
@example(999_999_999_999)
@example(10**12)
def test_english_cardinal_is_num2words_without_the_british_and(number: int) -> None:
    from exportdocs._words import _english_integer

    assert _num2words_american(number) == _english_integer(number, hyphens=True)
    assert _english_integer(number, hyphens=False) == _english_integer(number, True).replace(
        "-", " "
    )


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "ZERO"),
        (15, "FIFTEEN"),
        (40, "FORTY"),
        (105, "ONE HUNDRED FIVE"),
        (1_005, "ONE THOUSAND FIVE"),
        (21_000, "TWENTY-ONE THOUSAND"),
        (1_000_000, "ONE MILLION"),
        (7_000_000_100, "SEVEN BILLION ONE HUNDRED"),
    ],
)
def test_english_cardinal_examples(number: int, words: str) -> None:
    from exportdocs._words import _english_integer

    assert words == _english_integer(number, hyphens=True)
