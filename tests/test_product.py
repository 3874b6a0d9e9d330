"""HS codes, products, discounts and line items: amounts rounded once, half-up."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportdocs import Country, Currency, Dimensions, Money, Packing, Unit, ValidationError
from exportdocs._product import Discount, HSCode, LineItem, Product
from tests.junk import outcomes

LAMP = Product("LX-2040", "LED desk lamp, 5 W, USB-C, foldable arm", hs_code="9405.21.00")


def line(quantity: Any, price: str, currency: str = "USD", **changes: Any) -> LineItem:
    return LineItem(LAMP, quantity, Money(price, currency), **changes)


def problem_paths(info: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [p.path for p in info.value.problems]


# -- HS code -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "digits", "formatted"),
    [
        ("9405.42.00", "94054200", "9405.42.00"),
        ("940542", "940542", "9405.42"),
        ("9405 42 00", "94054200", "9405.42.00"),
        ("9405-42-00", "94054200", "9405.42.00"),
        (" 9405.42.00.10 ", "9405420010", "9405.42.00.10"),
        ("9405.42.001", "940542001", "9405.42.00.1"),
        ("9405420", "9405420", "9405.42.0"),
        ("0302.11", "030211", "0302.11"),
    ],
)
def test_hs_code_formats(given: str, digits: str, formatted: str) -> None:
    code = HSCode(given)
    assert (code.digits, code.formatted, str(code)) == (digits, formatted, formatted)


def test_hs_code_parts_and_repr() -> None:
    code = HSCode("9405.42.00")
    assert (code.chapter, code.heading, code.subheading) == ("94", "9405", "940542")
    assert repr(code) == "HSCode('94054200')"
    assert eval(repr(code)) == code == HSCode("94054200") == HSCode(code)
    assert code != HSCode("940542")


def test_hs_code_int_refused_because_of_leading_zeros() -> None:
    with pytest.raises(ValidationError, match="not an int: leading zeros matter") as info:
        HSCode(940542)
    assert (info.value.path, info.value.value) == ("", 940542)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("94054", "6 to 10 digits .* not 5"),
        ("94054200101", "6 to 10 digits .* not 11"),
        ("9405.42.OO", "only the digits 0-9"),
        ("9405/42/00", "only the digits 0-9"),
        ("９４０５４２", "only the digits 0-9"),
        ("", "must not be empty"),
        (" . ", "must not be empty"),
        ("0012.34", "chapter 00"),
        ("9" * 41, "longer than 40"),
        (None, "not NoneType"),
        (Decimal("940542"), "not Decimal"),
    ],
)
def test_bad_hs_code_refused(bad: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        HSCode(bad)
    assert info.value.value == bad


def test_hs_code_problem_reported_at_holder_path() -> None:
    with pytest.raises(ValidationError, match="hs_code: an HS code has 6 to 10 digits") as info:
        Product("LX-2040", "lamp", hs_code="9405")
    assert problem_paths(info) == ["hs_code"]


# -- Product -----------------------------------------------------------------------------


def test_product_defaults() -> None:
    p = Product("LX-2040", "LED desk lamp")
    assert (p.unit, p.hs_code, p.packing, p.moq, p.list_price, p.origin) == (
        Unit.PCS,
        None,
        None,
        None,
        None,
        Country("CN"),
    )
    assert (p.description_zh, p.specification, p.image) == (None, None, None)


def test_product_full() -> None:
    packing = Packing(
        24, Dimensions(50, 40, 30), net_weight_per_unit="0.35", tare_per_carton="0.90"
    )
    p = Product(
        item_no=" LX-2040 ",
        description="LED desk lamp, 5 W, USB-C, foldable arm, " + "long text " * 100,
        unit="set",
        hs_code=HSCode("9405.21.00"),
        packing=packing,
        description_zh="LED台灯",
        specification="ABS + aluminium, 380 × 150 mm",
        image=Path("photos") / "LX-2040.JPG",
        moq="500",
        list_price=Money("3.1250", "USD"),
        origin="Viet Nam",
    )
    assert p.item_no == "LX-2040"
    assert (p.unit, p.hs_code, p.packing) == (Unit.SETS, HSCode("94052100"), packing)
    assert (p.image, p.moq, p.list_price, p.origin) == (
        str(Path("photos") / "LX-2040.JPG"),
        Decimal(500),
        Money("3.1250", "USD"),
        Country("VN"),
    )


@pytest.mark.parametrize("image", ["a.png", "dir/b.jpg", "C:\\photos\\c.JPEG", "/abs/d.PNG"])
def test_product_image_png_or_jpeg(image: str) -> None:
    assert Product("X", "x", image=image).image == image


@pytest.mark.parametrize("image", ["a.gif", "a.webp", "a.png.txt", "png", "a.svg"])
def test_product_image_other_types_refused(image: str) -> None:
    with pytest.raises(ValidationError, match="image: a product image must be a PNG or JPEG"):
        Product("X", "x", image=image)


def test_item_no_limits() -> None:
    assert Product("A" * 40, "x").item_no == "A" * 40
    with pytest.raises(ValidationError, match="item_no: longer than 40 characters"):
        Product("A" * 41, "x")
    with pytest.raises(ValidationError, match="item_no: an item number is one line"):
        Product("LX-2040\nLX-2041", "x")


def test_moq_must_suit_the_unit() -> None:
    assert Product("X", "yarn", unit="KGS", moq="2.5").moq == Decimal("2.5")
    with pytest.raises(ValidationError, match=r"moq: PCS are counted: .*whole number") as info:
        Product("X", "lamp", moq="2.5")
    assert info.value.value == Decimal("2.5")
    with pytest.raises(ValidationError, match="moq: must be greater than zero"):
        Product("X", "lamp", moq="0")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (Money("0", "USD"), "must be greater than zero"),
        (Money("-1", "USD"), "must be greater than zero"),
        (Money("0.1234567", "USD"), "at most 6 decimals"),
        (Decimal("3.10"), "expected Money, not Decimal: a price needs a currency"),
        ("USD three", "not a price like 'USD 4.20'"),
    ],
)
def test_list_price_refused(bad: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        Product("X", "lamp", list_price=bad)
    assert problem_paths(info) == ["list_price"]


def test_product_collects_every_problem() -> None:
    with pytest.raises(ValidationError, match=r"^7 problems") as info:
        Product(
            "",
            None,
            unit="bottles",
            hs_code=940542,
            packing=(24, 50, 40, 30),
            image="photo.bmp",
            origin="Atlantis",
        )
    assert problem_paths(info) == [
        "item_no",
        "description",
        "unit",
        "hs_code",
        "packing",
        "image",
        "origin",
    ]


# -- line amounts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "price", "currency", "gross"),
    [
        (5000, "4.20", "USD", "21000.00"),  # worked example A
        (1030, "0.3333", "USD", "343.30"),  # 343.2990 -> 343.30
        (15, "4.175", "USD", "62.63"),  # 62.625: half-up (half-even would give 62.62)
        (1030, "0.0385", "USD", "39.66"),  # 39.6550 -> 39.66
        (7, "123.5", "JPY", "865"),  # 864.5 yen -> 865 (whole yen)
        (1000, "12.3456", "JPY", "12346"),
        (5, "0.1233", "KWD", "0.617"),  # 0.6165 -> 0.617 (3 decimals)
        (3, "1.2345", "KWD", "3.704"),
    ],
)
def test_gross_amount_rounded_half_up_once(
    quantity: int, price: str, currency: str, gross: str
) -> None:
    item = line(quantity, price, currency)
    assert repr(item.gross_amount) == repr(Money(gross, currency))
    assert item.amount == item.gross_amount
    assert item.discount_amount == Money.zero(currency)
    assert (item.currency, item.unit) == (Currency(currency), Unit.PCS)


def test_amount_is_from_the_unit_price_as_given() -> None:
    # Rounding the unit price first would give 1030 × 0.33 = 339.90.
    assert line(1030, "0.3333").amount == Money("343.30", "USD")


def test_worked_example_a_prints() -> None:
    item = line("5000", "4.20")
    assert (str(item.quantity), str(item.amount)) == ("5000", "21000.00 USD")


def test_unit_price_as_text() -> None:
    item = LineItem(LAMP, 5000, "USD 4.20")
    assert item.unit_price == Money("4.20", "USD")


def test_counted_quantity_whole_and_normalised() -> None:
    assert repr(line("1030.000", "0.3333").quantity) == "Decimal('1030')"
    with pytest.raises(
        ValidationError, match="quantity: PCS are counted: the quantity must be a whole"
    ) as info:
        line("10.5", "1.00")
    assert info.value.value == Decimal("10.5")


def test_measured_quantity_up_to_three_decimals() -> None:
    yarn = Product("Y-30", "cotton yarn 30s", unit="KGS")
    item = LineItem(yarn, "1250.125", Money("3.46", "USD"))
    assert (item.quantity, item.amount) == (Decimal("1250.125"), Money("4325.43", "USD"))
    with pytest.raises(ValidationError, match="quantity: a quantity in KGS may carry at most 3"):
        LineItem(yarn, "1.2345", Money("3.46", "USD"))


def test_free_of_charge_line() -> None:
    assert line(10, "0").amount == Money("0.00", "USD")


@pytest.mark.parametrize(
    ("price", "message"),
    [
        (Money("-0.01", "USD"), "must not be negative"),
        (Money("0.1234567", "USD"), "at most 6 decimals"),
        (Decimal("4.20"), "a price needs a currency"),
        ("4.20 dollars", "not a price like 'USD 4.20'"),
    ],
)
def test_bad_unit_price_refused(price: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=f"unit_price: .*{message}") as info:
        LineItem(LAMP, 10, price)
    assert problem_paths(info) == ["unit_price"]


def test_line_collects_quantity_and_unit_price_problems() -> None:
    with pytest.raises(ValidationError) as info:
        LineItem(product=LAMP, quantity="0", unit_price=0.5)
    assert str(info.value) == (
        "2 problems: quantity: must be greater than zero (got '0'); unit_price: expected Money, "
        "not float: binary floats cannot hold most prices exactly; give Money('4.20', 'USD') or "
        "'USD 4.20' (got 0.5)"
    )
    assert problem_paths(info) == ["quantity", "unit_price"]


def test_line_collects_every_field_problem() -> None:
    with pytest.raises(ValidationError, match=r"^5 problems") as info:
        LineItem("LX-2040", -1, None, discount="5%", remarks="")
    assert problem_paths(info) == ["product", "quantity", "unit_price", "discount", "remarks"]


def test_line_too_large_refused() -> None:
    with pytest.raises(ValidationError, match=r"quantity: quantity × unit price .* too large"):
        line("999999999999999", "999999.99")


def test_line_remarks_and_evolve() -> None:
    item = line(100, "1.00", remarks="  sample order  ")
    assert item.remarks == "sample order"
    assert attrs.evolve(item, quantity=200).amount == Money("200.00", "USD")


# -- discounts ---------------------------------------------------------------------------


def test_percentage_discount() -> None:
    item = line(5000, "4.20", discount=Discount.percent("5"))
    assert (item.gross_amount, item.discount_amount, item.amount) == (
        Money("21000.00", "USD"),
        Money("1050.00", "USD"),
        Money("19950.00", "USD"),
    )


def test_percentage_discount_rounded_half_up() -> None:
    # 2.5% of 343.30 = 8.5825 -> 8.58; 10% of 0.25 = 0.025 -> 0.03 (half-up).
    item = line(1030, "0.3333", discount=Discount.percent("2.5"))
    assert (item.discount_amount, item.amount) == (Money("8.58", "USD"), Money("334.72", "USD"))
    tie = line(1, "0.25", discount=Discount.percent(10))
    assert (tie.discount_amount, tie.amount) == (Money("0.03", "USD"), Money("0.22", "USD"))
    yen = line(7, "123.5", "JPY", discount=Discount.percent("3"))
    assert (yen.discount_amount, yen.amount) == (Money("26", "JPY"), Money("839", "JPY"))


def test_fixed_discount() -> None:
    item = line(5000, "4.20", discount=Discount.fixed(Money("500", "USD")))
    assert (item.discount_amount, item.amount) == (Money("500", "USD"), Money("20500.00", "USD"))
    whole = line(2, "5.00", discount=Discount.fixed(Money("10.00", "USD")))
    assert whole.amount == Money("0.00", "USD")


def test_fixed_discount_in_another_currency_refused_at_the_line() -> None:
    with pytest.raises(
        ValidationError, match="discount: a fixed discount in EUR cannot reduce a USD"
    ) as info:
        line(5000, "4.20", discount=Discount.fixed(Money("50.00", "EUR")))
    assert problem_paths(info) == ["discount"]
    assert info.value.value == Money("50.00", "EUR")


def test_fixed_discount_larger_than_gross_refused() -> None:
    with pytest.raises(
        ValidationError,
        match=r"discount: a fixed discount of 100.00 USD is larger than the gross amount 42.00 USD",
    ) as info:
        line(10, "4.20", discount=Discount.fixed(Money("100.00", "USD")))
    assert problem_paths(info) == ["discount"]


def test_discount_amount_for_directly() -> None:
    from exportdocs import CurrencyMismatchError

    with pytest.raises(CurrencyMismatchError, match="fixed_amount: a fixed discount in EUR"):
        Discount.fixed(Money("1.00", "EUR")).amount_for(Money("10.00", "USD"))
    with pytest.raises(ValidationError, match="gross: expected Money, not str"):
        Discount.percent(5).amount_for("10.00")
    with pytest.raises(ValidationError, match="gross: the gross amount must not be negative"):
        Discount.percent(5).amount_for(Money("-10.00", "USD"))


@pytest.mark.parametrize("bad", ["0", "100", "-5", "120", "NaN", 5.0])
def test_bad_percentage_refused(bad: Any) -> None:
    with pytest.raises(ValidationError, match="percentage: ") as info:
        Discount.percent(bad)
    assert problem_paths(info) == ["percentage"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (Money("0", "USD"), "must be greater than zero"),
        (Money("-5", "USD"), "must be greater than zero"),
        (Money("10.005", "USD"), "whole USD minor units \\(2 decimals\\)"),
        (Money("10.5", "JPY"), "whole JPY minor units \\(0 decimals\\)"),
        ("USD 10", "expected Money"),
    ],
)
def test_bad_fixed_discount_refused(bad: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=f"fixed_amount: .*{message}"):
        Discount.fixed(bad)


def test_discount_needs_exactly_one_kind() -> None:
    with pytest.raises(ValidationError, match="give either a percentage or a fixed amount") as info:
        Discount()
    assert problem_paths(info) == [""]
    with pytest.raises(ValidationError, match="give either a percentage or a fixed amount"):
        Discount(percentage="5", fixed_amount=Money("1.00", "USD"))


def test_discount_repr_and_str() -> None:
    pct = Discount.percent("2.5")
    fixed = Discount.fixed(Money("50.00", "USD"))
    assert (repr(pct), str(pct)) == ("Discount.percent('2.5')", "2.5% off")
    assert (repr(fixed), str(fixed)) == ("Discount.fixed(Money('50.00', 'USD'))", "50.00 USD off")
    namespace = {"Discount": Discount, "Money": Money}
    assert eval(repr(pct), namespace) == pct
    assert eval(repr(fixed), namespace) == fixed


# -- properties --------------------------------------------------------------------------

CURRENCIES = {"USD": 2, "JPY": 0, "KWD": 3, "EUR": 2}


def half_up(value: Fraction, places: int) -> Fraction:
    """Independent reference: round a non-negative fraction half-up."""
    scale = 10**places
    return Fraction(math.floor(value * scale + Fraction(1, 2)), scale)


@st.composite
def line_items(draw: st.DrawFn) -> tuple[LineItem, Fraction, int]:
    code = draw(st.sampled_from(sorted(CURRENCIES)))
    places = CURRENCIES[code]
    quantity = draw(st.integers(min_value=1, max_value=10**6))
    price = draw(
        st.decimals(min_value=0, max_value=10**4, places=draw(st.integers(0, 6)), allow_nan=False)
    )
    exact = Fraction(quantity) * Fraction(price)
    gross = half_up(exact, places)
    kind = draw(st.sampled_from(["none", "percent", "fixed"]))
    discount: Discount | None = None
    if kind == "percent":
        pct = draw(st.decimals(min_value="0.01", max_value="99.99", places=2))
        discount = Discount.percent(pct)
    elif kind == "fixed" and gross > 0:
        minor = draw(st.integers(min_value=1, max_value=int(gross * 10**places)))
        discount = Discount.fixed(Money(Decimal(minor).scaleb(-places), code))
    item = LineItem(LAMP, quantity, Money(price, code), discount)
    return item, exact, places


@given(line_items())
def test_amount_is_gross_minus_discount_and_gross_is_rounded(
    case: tuple[LineItem, Fraction, int],
) -> None:
    item, exact, places = case
    gross = item.gross_amount
    assert Fraction(gross.amount) == half_up(exact, places)
    assert gross.is_rounded
    assert item.amount.is_rounded
    assert item.discount_amount.is_rounded
    assert item.amount == gross - item.discount_amount
    assert Money.zero(item.currency) <= item.amount <= gross
    if item.discount is not None and item.discount.percentage is not None:
        share = Fraction(gross.amount) * Fraction(item.discount.percentage) / 100
        assert Fraction(item.discount_amount.amount) == half_up(share, places)


# -- robustness --------------------------------------------------------------------------

JUNK: list[Any] = [
    None,
    "",
    " ",
    "€",
    "３",
    "1e400",
    "NaN",
    "-Infinity",
    float("nan"),
    1.5,
    True,
    -(10**30),
    10**30,
    b"9405",
    [],
    {},
    [[None, {"a": [1]}]],
    {"digits": "940542"},
    object(),
    "x" * 100_000,
    "9" * 100_000,
    "\x00",
    "9405.42\x00",
]


@pytest.mark.parametrize("junk", JUNK, ids=lambda v: type(v).__name__)
def test_junk_raises_validation_error_only(junk: Any) -> None:
    item = line(10, "4.20")
    product_fields = [f.name for f in attrs.fields(Product)]
    line_fields = [f.name for f in attrs.fields(LineItem)]
    calls: list[Callable[[], object]] = [
        lambda: HSCode(junk),
        *(lambda f=f: attrs.evolve(LAMP, **{f: junk}) for f in product_fields),
        *(lambda f=f: attrs.evolve(item, **{f: junk}) for f in line_fields),
        lambda: Discount.percent(junk),
        lambda: Discount.fixed(junk),
        lambda: Discount(junk, junk),
        lambda: Discount.percent(5).amount_for(junk),
        lambda: Discount.fixed(Money("1.00", "USD")).amount_for(junk),
    ]
    refused, escaped = outcomes(calls)
    assert escaped == []
    assert len(refused) >= 8  # every required field and every parser refuses each junk value
    assert all(exc.problems and len(str(exc)) < 2000 for exc in refused)
