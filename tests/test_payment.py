"""Payment terms: triggers and gates, schedules, phrases."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exportdocs import Money, ValidationError
from exportdocs._payment import Instalment, PaymentTerms, ScheduledPayment
from exportdocs._triggers import DaysAfter, PaymentMethod, Trigger
from tests.junk import outcomes
from tests.test_credit import JUNK, USD_21000, make_lc


def amounts(terms: PaymentTerms, total: Money) -> list[Money]:
    return [p.amount for p in terms.schedule(total)]


# -- triggers -----------------------------------------------------------------------------


def test_trigger_methods() -> None:
    assert {t: t.method for t in Trigger} == {
        Trigger.ADVANCE: PaymentMethod.TT,
        Trigger.BEFORE_SHIPMENT: PaymentMethod.TT,
        Trigger.COPY_BL: PaymentMethod.TT,
        Trigger.LC_SIGHT: PaymentMethod.LC,
        Trigger.LC_USANCE: PaymentMethod.LC,
        Trigger.DP: PaymentMethod.COLLECTION,
        Trigger.DA: PaymentMethod.COLLECTION,
        Trigger.OPEN_ACCOUNT: PaymentMethod.OPEN_ACCOUNT,
    }


def test_trigger_gates_follow_the_workflow_table() -> None:
    # payment-terms.md §2: (production, shipment, release) for each trigger.
    gates = {
        t: (t.due_before_production, t.due_before_shipment, t.due_before_release) for t in Trigger
    }
    assert gates == {
        Trigger.ADVANCE: (True, True, True),
        Trigger.BEFORE_SHIPMENT: (False, True, True),
        Trigger.COPY_BL: (False, False, True),
        Trigger.LC_SIGHT: (False, False, False),
        Trigger.LC_USANCE: (False, False, False),
        Trigger.DP: (False, False, False),
        Trigger.DA: (False, False, False),
        Trigger.OPEN_ACCOUNT: (False, False, False),
    }
    assert [t for t in Trigger if t.needs_days] == [
        Trigger.LC_USANCE,
        Trigger.DA,
        Trigger.OPEN_ACCOUNT,
    ]
    assert [t for t in Trigger if t.secured_by_lc] == [Trigger.LC_SIGHT, Trigger.LC_USANCE]
    assert [t for t in Trigger if t.documents_through_banks] == [
        Trigger.LC_SIGHT,
        Trigger.LC_USANCE,
        Trigger.DP,
        Trigger.DA,
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("advance", Trigger.ADVANCE),
        ("ADVANCE", Trigger.ADVANCE),
        ("copy_bl", Trigger.COPY_BL),
        ("Copy B/L", Trigger.COPY_BL),
        ("before shipment", Trigger.BEFORE_SHIPMENT),
        ("D/P", Trigger.DP),
        ("d/a", Trigger.DA),
        ("O/A", Trigger.OPEN_ACCOUNT),
        ("lc-usance", Trigger.LC_USANCE),
        (Trigger.LC_SIGHT, Trigger.LC_SIGHT),
    ],
)
def test_trigger_parse(text: Any, expected: Trigger) -> None:
    assert Trigger.parse(text) is expected


def test_method_and_basis_parse() -> None:
    assert PaymentMethod.parse("T/T") is PaymentMethod.TT
    assert PaymentMethod.parse("lc") is PaymentMethod.LC
    assert PaymentMethod.parse("open account") is PaymentMethod.OPEN_ACCOUNT
    assert (PaymentMethod.TT.title, PaymentMethod.TT.title_zh) == ("Telegraphic transfer", "电汇")
    assert DaysAfter.parse("B/L date") is DaysAfter.BL_DATE
    assert DaysAfter.parse("SIGHT") is DaysAfter.SIGHT
    with pytest.raises(ValidationError, match="unknown payment trigger") as info:
        Trigger.parse("cash")
    assert info.value.value == "cash"
    with pytest.raises(ValidationError, match="'B/L date' or 'sight'"):
        DaysAfter.parse("invoice date")


# -- instalments ----------------------------------------------------------------------------


def test_instalment_defaults_basis_by_trigger() -> None:
    assert Instalment("30", Trigger.ADVANCE).basis is None
    assert Instalment(100, "lc_usance", 90).basis is DaysAfter.BL_DATE
    assert Instalment(100, "da", 60).basis is DaysAfter.SIGHT
    assert Instalment(100, "da", 60, "B/L date").basis is DaysAfter.BL_DATE
    assert Instalment(100, "open_account", 60).basis is DaysAfter.BL_DATE
    assert Instalment("12.5", "advance").fraction == Decimal("0.125")


@pytest.mark.parametrize(
    ("args", "path", "message"),
    [
        (("0", "advance"), "percent", r"more than 0% and at most 100%"),
        (("101", "advance"), "percent", r"more than 0% and at most 100%"),
        (("-5", "advance"), "percent", r"more than 0%"),
        (("33.333", "advance"), "percent", "at most 2 decimal places"),
        ((Decimal("30.0"), "advance", 5), "days", "ADVANCE .* takes no days; leave days at 0"),
        (("100", "open_account"), "days", "OPEN_ACCOUNT .* needs the number of days"),
        (("100", "lc_usance", 0), "days", "LC_USANCE .* needs the number of days"),
        (("100", "open_account", 366), "days", "days must be from 0 to 365"),
        (
            ("100", "open_account", 60, "sight"),
            "basis",
            "OPEN_ACCOUNT counts its days from 'B/L date'",
        ),
        (("100", "lc_sight", 0, "sight"), "basis", "takes no days, so no basis"),
        (("100", "cash"), "trigger", "unknown payment trigger"),
        (("100", "da", "60"), "days", "whole number of days, not str"),
    ],
)
def test_bad_instalments(args: tuple[Any, ...], path: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        Instalment(*args)
    assert [p.path for p in info.value.problems] == [path]


def test_float_percent_refused() -> None:
    with pytest.raises(ValidationError, match="float is not accepted") as info:
        Instalment(30.0, "advance")
    assert info.value.path == "percent"
    assert info.value.value == 30.0


def test_instalment_reports_every_field_problem_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        Instalment("abc", "cash", -1)
    assert [p.path for p in info.value.problems] == ["percent", "trigger", "days"]


# -- payment terms: building and refusing ---------------------------------------------------


@pytest.mark.parametrize(("last", "total"), [("69.99", "99.99"), ("70.01", "100.01")])
def test_percentages_must_add_up_to_exactly_100(last: str, total: str) -> None:
    with pytest.raises(
        ValidationError, match=rf"add up to exactly 100%; they add up to {total}%"
    ) as info:
        PaymentTerms((Instalment("30", "advance"), Instalment(last, "copy_bl")))
    assert [p.path for p in info.value.problems] == ["instalments"]
    assert info.value.value == ["30", last]


def test_instalments_must_be_a_non_empty_list_of_instalments() -> None:
    with pytest.raises(ValidationError, match="at least one instalment") as info:
        PaymentTerms(())
    assert info.value.path == "instalments"
    with pytest.raises(ValidationError, match="expected an Instalment, not tuple") as info:
        PaymentTerms(((30, "advance"),))
    assert info.value.path == "instalments[0]"
    with pytest.raises(ValidationError, match="expected a list of instalments, not str"):
        PaymentTerms("100% T/T")


def test_lc_only_with_an_lc_instalment() -> None:
    with pytest.raises(ValidationError, match="no instalment is paid by L/C") as info:
        PaymentTerms.tt_in_advance().with_lc(make_lc())
    assert info.value.path == "lc"
    with pytest.raises(ValidationError, match="expected a LetterOfCredit, not str") as info:
        PaymentTerms.lc_at_sight(lc="LC123")
    assert info.value.path == "lc"


def test_lc_term_may_wait_for_the_credit() -> None:
    quoted = PaymentTerms.lc_at_sight()
    assert quoted.lc is None
    assert quoted.requires_lc
    lc = make_lc(number="LC-2025-001")
    confirmed = quoted.with_lc(lc)
    assert confirmed.lc == lc
    assert confirmed.instalments == quoted.instalments
    assert quoted.lc is None  # the original is unchanged
    assert PaymentTerms.lc_usance(90, lc=lc).lc == lc


@pytest.mark.parametrize(
    ("build", "path", "message"),
    [
        (lambda: PaymentTerms.tt_deposit("0"), "deposit", "more than 0 to less than 100"),
        (lambda: PaymentTerms.tt_deposit("100"), "deposit", "tt_in_advance"),
        (lambda: PaymentTerms.tt_deposit(30.0), "deposit", "float is not accepted"),
        (lambda: PaymentTerms.tt_deposit("30", "lc_sight"), "balance", "'copy_bl'"),
        (lambda: PaymentTerms.tt_deposit("30", "later"), "balance", "unknown payment trigger"),
        (lambda: PaymentTerms.lc_at_sight(deposit="-1"), "deposit", "from 0 to less than 100"),
        (lambda: PaymentTerms.open_account(0), "days", "needs the number of days"),
        (lambda: PaymentTerms.da(60, "invoice"), "basis", "'B/L date' or 'sight'"),
    ],
)
def test_bad_named_constructor_arguments(
    build: Callable[[], PaymentTerms], path: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        build()
    assert info.value.path == path


def test_named_constructors_build_the_expected_instalments() -> None:
    assert PaymentTerms.tt_deposit("30", Trigger.BEFORE_SHIPMENT).instalments == (
        Instalment("30", Trigger.ADVANCE),
        Instalment("70", Trigger.BEFORE_SHIPMENT),
    )
    assert PaymentTerms.lc_at_sight(deposit="20").instalments == (
        Instalment("20", Trigger.ADVANCE),
        Instalment("80", Trigger.LC_SIGHT),
    )
    assert PaymentTerms.lc_at_sight().instalments == (Instalment("100", Trigger.LC_SIGHT),)
    assert PaymentTerms.da(60).instalments == (Instalment(100, Trigger.DA, 60, DaysAfter.SIGHT),)


def test_terms_are_frozen() -> None:
    terms = PaymentTerms.tt_deposit()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        terms.lc = None  # type: ignore[misc]


# -- schedule ---------------------------------------------------------------------------------


def test_deposit_arithmetic_of_the_reference() -> None:
    # payment-terms.md §2: USD 21,000.00 → 6,300.00 deposit + 14,700.00 balance.
    terms = PaymentTerms.tt_deposit("30", "copy_bl")
    schedule = terms.schedule(USD_21000)
    assert schedule == (
        ScheduledPayment(Instalment("30", Trigger.ADVANCE), Money("6300.00", "USD")),
        ScheduledPayment(Instalment("70", Trigger.COPY_BL), Money("14700.00", "USD")),
    )
    assert schedule[1].trigger is Trigger.COPY_BL


def test_balance_takes_the_rounding_cent() -> None:
    # 30% of 100.05 = 30.015 → 30.02 (half-up); balance 100.05 − 30.02 = 70.03, not 70.035 → 70.04.
    assert amounts(PaymentTerms.tt_deposit("30"), Money("100.05", "USD")) == [
        Money("30.02", "USD"),
        Money("70.03", "USD"),
    ]


def test_thirds_round_half_up_and_the_last_is_the_rest() -> None:
    terms = PaymentTerms(
        (
            Instalment("33.33", "advance"),
            Instalment("33.33", "before_shipment"),
            Instalment("33.34", "copy_bl"),
        )
    )
    assert amounts(terms, Money("1000.00", "USD")) == [
        Money("333.30", "USD"),
        Money("333.30", "USD"),
        Money("333.40", "USD"),
    ]
    # 33.33% of 100.00 = 33.333 → 33.33 each; the last gets 33.34.
    assert amounts(terms, Money("100.00", "USD")) == [
        Money("33.33", "USD"),
        Money("33.33", "USD"),
        Money("33.34", "USD"),
    ]
    # 33.33% of 0.15 = 0.049995 → 0.05 (half-up), twice; the last gets 0.05.
    assert amounts(terms, Money("0.15", "USD")) == [Money("0.05", "USD")] * 3


def test_schedule_in_currencies_without_and_with_three_decimals() -> None:
    terms = PaymentTerms.tt_deposit("33.33")
    # JPY: 33.33% of 1,000,001 = 333,300.3333 → 333,300; balance 666,701.
    assert amounts(terms, Money("1000001", "JPY")) == [
        Money("333300", "JPY"),
        Money("666701", "JPY"),
    ]
    # JPY half-up: 50% of 5 = 2.5 → 3; balance 2.
    assert amounts(PaymentTerms.tt_deposit("50"), Money("5", "JPY")) == [
        Money("3", "JPY"),
        Money("2", "JPY"),
    ]
    # KWD (3 decimals): 30% of 1,234.567 = 370.3701 → 370.370; balance 864.197.
    assert amounts(PaymentTerms.tt_deposit("30"), Money("1234.567", "KWD")) == [
        Money("370.370", "KWD"),
        Money("864.197", "KWD"),
    ]
    # KWD half-up: 30% of 0.005 = 0.0015 → 0.002; balance 0.003.
    assert amounts(PaymentTerms.tt_deposit("30"), Money("0.005", "KWD")) == [
        Money("0.002", "KWD"),
        Money("0.003", "KWD"),
    ]


def test_tiny_totals_never_give_a_negative_instalment() -> None:
    quarters = PaymentTerms(
        tuple(Instalment("25", t) for t in ("advance", "before_shipment", "copy_bl", "dp"))
    )
    # 25% of 0.02 = 0.005 → 0.01 twice uses the whole total; nothing is left after that.
    assert amounts(quarters, Money("0.02", "USD")) == [
        Money("0.01", "USD"),
        Money("0.01", "USD"),
        Money("0.00", "USD"),
        Money("0.00", "USD"),
    ]


@pytest.mark.parametrize(
    ("total", "message"),
    [
        (Money("100.005", "USD"), "round the total"),
        (Money("-1.00", "USD"), "zero or more"),
        (Decimal("100.00"), "expected the total as Money, not Decimal"),
        ("USD 100", "expected the total as Money, not str"),
    ],
)
def test_bad_schedule_totals(total: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        PaymentTerms.tt_deposit().schedule(total)
    assert info.value.path == "total"


# A split of 100% into 1-6 instalments with up to 2 decimals each.
@st.composite
def percent_splits(draw: st.DrawFn) -> list[Decimal]:
    cuts = draw(st.lists(st.integers(1, 9999), max_size=5, unique=True))
    edges = [0, *sorted(cuts), 10000]
    return [Decimal(b - a) / 100 for a, b in itertools.pairwise(edges)]


triggers_without_days = st.sampled_from(
    [Trigger.ADVANCE, Trigger.BEFORE_SHIPMENT, Trigger.COPY_BL, Trigger.LC_SIGHT, Trigger.DP]
)


@st.composite
def totals(draw: st.DrawFn) -> Money:
    currency, places = draw(st.sampled_from([("USD", 2), ("JPY", 0), ("KWD", 3), ("EUR", 2)]))
    units = draw(st.one_of(st.integers(0, 10**4), st.integers(0, 10**14)))
    return Money(Decimal(units).scaleb(-places), currency)


@given(split=percent_splits(), total=totals(), data=st.data())
def test_schedule_always_adds_up_to_the_total(
    split: list[Decimal], total: Money, data: st.DataObject
) -> None:
    triggers = data.draw(st.lists(triggers_without_days, min_size=len(split), max_size=len(split)))
    terms = PaymentTerms(tuple(Instalment(p, t) for p, t in zip(split, triggers, strict=True)))
    schedule = terms.schedule(total)
    assert Money.sum((p.amount for p in schedule), total.currency) == total
    assert all(p.amount.is_rounded and p.amount.amount >= 0 for p in schedule)
    assert [p.instalment for p in schedule] == list(terms.instalments)
    # The first instalment is always its exact share rounded half-up.
    first = (total * (split[0] / 100)).rounded(ROUND_HALF_UP)
    assert schedule[0].amount == (total if len(split) == 1 else first)
    # Every instalment is within one minor unit per instalment of its exact share.
    quantum = total.currency.quantum
    for p in schedule:
        exact = total.amount * p.instalment.percent / 100
        assert abs(p.amount.amount - exact) <= quantum * len(split)


# -- gates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "production", "shipment", "release"),
    [
        (PaymentTerms.tt_in_advance(), "21000.00", "21000.00", "21000.00"),
        (PaymentTerms.tt_deposit("30", "before_shipment"), "6300.00", "21000.00", "21000.00"),
        (PaymentTerms.tt_deposit("30", "copy_bl"), "6300.00", "6300.00", "21000.00"),
        (PaymentTerms.lc_at_sight(), "0.00", "0.00", "0.00"),
        (PaymentTerms.lc_at_sight(deposit="30"), "6300.00", "6300.00", "6300.00"),
        (PaymentTerms.lc_usance(90), "0.00", "0.00", "0.00"),
        (PaymentTerms.dp(), "0.00", "0.00", "0.00"),
        (PaymentTerms.da(60), "0.00", "0.00", "0.00"),
        (PaymentTerms.open_account(60), "0.00", "0.00", "0.00"),
    ],
)
def test_money_due_before_each_gate(
    terms: PaymentTerms, production: str, shipment: str, release: str
) -> None:
    assert (
        terms.due_before_production(USD_21000),
        terms.due_before_shipment(USD_21000),
        terms.due_before_release(USD_21000),
    ) == (Money(production, "USD"), Money(shipment, "USD"), Money(release, "USD"))


def test_requires_lc_method_and_methods() -> None:
    assert not PaymentTerms.tt_deposit().requires_lc
    assert PaymentTerms.lc_usance(90).requires_lc
    mixed = PaymentTerms.lc_at_sight(deposit="30")
    assert mixed.requires_lc
    assert mixed.method is PaymentMethod.LC
    assert mixed.methods == (PaymentMethod.TT, PaymentMethod.LC)
    # A tie goes to the later method (the balance).
    half = PaymentTerms.lc_at_sight(deposit="50")
    assert half.method is PaymentMethod.LC
    assert PaymentTerms.open_account(30).method is PaymentMethod.OPEN_ACCOUNT
    assert PaymentTerms.dp().methods == (PaymentMethod.COLLECTION,)


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (PaymentTerms.open_account(60), dt.date(2025, 5, 9)),
        (PaymentTerms.lc_usance(90), dt.date(2025, 6, 8)),
        (PaymentTerms.da(30, "B/L date"), dt.date(2025, 4, 9)),
        (PaymentTerms.da(30), None),
        (PaymentTerms.lc_usance(90, basis="sight"), None),
        (PaymentTerms.lc_at_sight(), None),
        (PaymentTerms.tt_deposit(), None),
        (PaymentTerms.dp(), None),
    ],
)
def test_balance_due_date(terms: PaymentTerms, expected: dt.date | None) -> None:
    assert terms.balance_due_date("2025-03-10") == expected
    assert terms.balance_due_date(dt.date(2025, 3, 10)) == expected


def test_maturity_after_excludes_the_named_date() -> None:
    # UCP 600 Art. 3: 90 days after 1 March counts from 2 March → 30 May.
    assert PaymentTerms.lc_usance(90).balance_due_date("2025-03-01") == dt.date(2025, 5, 30)


# -- phrases ----------------------------------------------------------------------------------

PHRASES = [
    (
        PaymentTerms.tt_deposit("30", "copy_bl"),
        "30% T/T in advance as deposit, 70% balance against copy of B/L",
        "30%电汇预付定金，70%余款凭提单副本电汇付清",
    ),
    (PaymentTerms.tt_in_advance(), "100% T/T in advance", "100%电汇预付"),
    (
        PaymentTerms.tt_deposit("30", "before_shipment"),
        "30% T/T deposit, 70% balance by T/T before shipment",
        "30%电汇预付定金，70%余款出货前电汇付清",
    ),
    (PaymentTerms.lc_at_sight(), "100% by irrevocable L/C at sight", "即期不可撤销信用证"),
    (
        PaymentTerms.lc_usance(90),
        "100% by irrevocable L/C at 90 days after B/L date",
        "提单日后90天远期不可撤销信用证",
    ),
    (
        PaymentTerms.lc_usance(120, basis=DaysAfter.SIGHT),
        "100% by irrevocable L/C at 120 days after sight",
        "见票后120天远期不可撤销信用证",
    ),
    (PaymentTerms.dp(), "D/P at sight", "即期付款交单(D/P)"),
    (PaymentTerms.da(60), "D/A at 60 days after sight", "见票后60天承兑交单(D/A)"),
    (PaymentTerms.da(45, "B/L date"), "D/A at 45 days after B/L date", "提单日后45天承兑交单(D/A)"),
    (
        PaymentTerms.open_account(60),
        "Open account, 60 days after B/L date",
        "提单日后60天赊销(O/A)",
    ),
    (
        PaymentTerms.lc_at_sight(deposit="30"),
        "30% T/T in advance as deposit, 70% by irrevocable L/C at sight",
        "30%电汇预付定金，70%即期不可撤销信用证",
    ),
    (
        PaymentTerms((Instalment("12.5", "advance"), Instalment("87.50", "lc_usance", 60))),
        "12.5% T/T in advance as deposit, 87.5% by irrevocable L/C at 60 days after B/L date",
        "12.5%电汇预付定金，87.5%提单日后60天远期不可撤销信用证",
    ),
    (
        PaymentTerms(
            (
                Instalment("20", "advance"),
                Instalment("30", "before_shipment"),
                Instalment("50", "open_account", 30),
            )
        ),
        "20% T/T in advance as deposit, 30% by T/T before shipment, "
        "50% open account, 30 days after B/L date",
        "20%电汇预付定金，30%出货前电汇，50%提单日后30天赊销(O/A)",
    ),
    (
        PaymentTerms((Instalment("100", "copy_bl"),)),
        "100% by T/T against copy of B/L",
        "100%凭提单副本电汇",
    ),
]


@pytest.mark.parametrize(("terms", "english", "chinese"), PHRASES)
def test_phrases(terms: PaymentTerms, english: str, chinese: str) -> None:
    assert terms.phrase() == english
    assert str(terms) == english
    assert terms.phrase_zh() == chinese


def test_schedule_lines_in_both_languages() -> None:
    terms = PaymentTerms.tt_deposit("30", "copy_bl")
    assert terms.schedule_lines(USD_21000) == [
        ("30% T/T in advance as deposit", Money("6300.00", "USD")),
        ("70% balance against copy of B/L", Money("14700.00", "USD")),
    ]
    assert terms.schedule_lines(USD_21000, "zh") == [
        ("30%电汇预付定金", Money("6300.00", "USD")),
        ("70%余款凭提单副本电汇付清", Money("14700.00", "USD")),
    ]
    assert PaymentTerms.dp().schedule_lines(USD_21000) == [("D/P at sight", USD_21000)]
    with pytest.raises(ValidationError, match="'en' or 'zh'") as info:
        terms.schedule_lines(USD_21000, "fr")
    assert info.value.path == "language"


# -- robustness ---------------------------------------------------------------------------------


@pytest.mark.parametrize("junk", JUNK, ids=lambda v: type(v).__name__)
def test_junk_raises_validation_error_only(junk: Any) -> None:
    terms = PaymentTerms.tt_deposit()
    calls: list[Callable[[], object]] = [
        lambda: Trigger.parse(junk),
        lambda: DaysAfter.parse(junk),
        lambda: PaymentMethod.parse(junk),
        lambda: Instalment(junk, "advance"),
        lambda: Instalment("100", junk),
        lambda: Instalment("100", "open_account", junk),
        lambda: Instalment("100", "da", 30, junk),
        lambda: PaymentTerms(junk),
        lambda: PaymentTerms((junk,)),
        lambda: PaymentTerms((Instalment("100", "lc_sight"),), junk),
        lambda: PaymentTerms.tt_deposit(junk),
        lambda: PaymentTerms.tt_deposit("30", junk),
        lambda: PaymentTerms.lc_at_sight(junk),
        lambda: PaymentTerms.lc_at_sight(deposit=junk),
        lambda: PaymentTerms.lc_usance(junk),
        lambda: PaymentTerms.lc_usance(90, basis=junk),
        lambda: PaymentTerms.da(junk),
        lambda: PaymentTerms.open_account(junk),
        lambda: terms.schedule(junk),
        lambda: terms.due_before_production(junk),
        lambda: terms.schedule_lines(USD_21000, junk),
        lambda: terms.balance_due_date(junk),
    ]
    refused, escaped = outcomes(calls)
    assert escaped == []
    assert refused  # at least the required fields refuse every junk value
    assert all(exc.problems and len(str(exc)) < 2000 for exc in refused)
