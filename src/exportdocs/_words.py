"""Amounts and package counts in words, as invoices, contracts and packing lists print them.

Two forms are written here:

* English trade form (``SAY US DOLLARS ... ONLY``), with American cardinals (no
  British "and", no commas; held to num2words in the tests), because
  trade documents write ``ONE HUNDRED FIVE``, not ``ONE HUNDRED AND FIVE``.
* Chinese financial uppercase (大写金额) following the PBOC rules for bills and
  settlement vouchers: 零壹贰叁肆伍陆柒捌玖, 拾佰仟万亿, 元角分 and 整.

Every function rounds the amount half-up to the currency's minor unit first
(USD 0.005 becomes 0.01), because the words must say exactly what the figures
say, and the figures on a document are rounded that way. Amounts must be at
least zero and below 10**12 before rounding; anything in that range, in any
currency :class:`~exportdocs.Currency` accepts, has words.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from babel.numbers import get_currency_name

from exportdocs._money import Currency, Money
from exportdocs._validation import fail, to_decimal, to_text

__all__ = [
    "CentsStyle",
    "amount_in_words",
    "chinese_uppercase",
    "packages_in_words",
    "packages_in_words_zh",
    "rmb_uppercase",
]

#: How the minor unit is written: ``AND CENTS FIFTY``, ``AND FIFTY CENTS`` or ``AND 50/100``.
CentsStyle = Literal["and cents", "cents after", "fraction"]
_CENTS_STYLES: tuple[str, ...] = ("and cents", "cents after", "fraction")

#: Amounts (and package counts) must be below this before rounding.
_LIMIT = Decimal(10) ** 12

# -- English ------------------------------------------------------------------------

#: Trade names (plural, as printed before the number) and minor-unit names (plural).
_EN_NAMES: dict[str, tuple[str, str]] = {
    "AED": ("UAE DIRHAMS", "FILS"),
    "ARS": ("ARGENTINE PESOS", "CENTAVOS"),
    "AUD": ("AUSTRALIAN DOLLARS", "CENTS"),
    "BDT": ("BANGLADESHI TAKA", "POISHA"),
    "BHD": ("BAHRAINI DINARS", "FILS"),
    "BRL": ("BRAZILIAN REAIS", "CENTAVOS"),
    "CAD": ("CANADIAN DOLLARS", "CENTS"),
    "CHF": ("SWISS FRANCS", "CENTIMES"),
    "CLP": ("CHILEAN PESOS", ""),
    "CNY": ("CHINESE YUAN", "FEN"),
    "COP": ("COLOMBIAN PESOS", "CENTAVOS"),
    "CZK": ("CZECH KORUNAS", "HALERU"),
    "DKK": ("DANISH KRONER", "ORE"),
    "EGP": ("EGYPTIAN POUNDS", "PIASTRES"),
    "EUR": ("EUROS", "CENTS"),
    "GBP": ("POUNDS STERLING", "PENCE"),
    "HKD": ("HONG KONG DOLLARS", "CENTS"),
    "HUF": ("HUNGARIAN FORINTS", "FILLER"),
    "IDR": ("INDONESIAN RUPIAH", "SEN"),
    "ILS": ("ISRAELI NEW SHEKELS", "AGOROT"),
    "INR": ("INDIAN RUPEES", "PAISE"),
    "JOD": ("JORDANIAN DINARS", "FILS"),
    "JPY": ("JAPANESE YEN", ""),
    "KES": ("KENYAN SHILLINGS", "CENTS"),
    "KRW": ("SOUTH KOREAN WON", ""),
    "KWD": ("KUWAITI DINARS", "FILS"),
    "LKR": ("SRI LANKAN RUPEES", "CENTS"),
    "MOP": ("MACAO PATACAS", "AVOS"),
    "MXN": ("MEXICAN PESOS", "CENTAVOS"),
    "MYR": ("MALAYSIAN RINGGIT", "SEN"),
    "NGN": ("NIGERIAN NAIRA", "KOBO"),
    "NOK": ("NORWEGIAN KRONER", "ORE"),
    "NZD": ("NEW ZEALAND DOLLARS", "CENTS"),
    "OMR": ("OMANI RIALS", "BAISA"),
    "PEN": ("PERUVIAN SOLES", "CENTIMOS"),
    "PHP": ("PHILIPPINE PESOS", "CENTAVOS"),
    "PKR": ("PAKISTANI RUPEES", "PAISA"),
    "PLN": ("POLISH ZLOTYS", "GROSZY"),
    "QAR": ("QATARI RIYALS", "DIRHAMS"),
    "RON": ("ROMANIAN LEI", "BANI"),
    "RUB": ("RUSSIAN RUBLES", "KOPECKS"),
    "SAR": ("SAUDI RIYALS", "HALALAS"),
    "SEK": ("SWEDISH KRONOR", "ORE"),
    "SGD": ("SINGAPORE DOLLARS", "CENTS"),
    "THB": ("THAI BAHT", "SATANG"),
    "TRY": ("TURKISH LIRA", "KURUS"),
    "TWD": ("NEW TAIWAN DOLLARS", "CENTS"),
    "USD": ("US DOLLARS", "CENTS"),
    "VND": ("VIETNAMESE DONG", ""),
    "ZAR": ("SOUTH AFRICAN RAND", "CENTS"),
}

#: Singular of the minor-unit names above, for ``AND ONE CENT`` ("cents after" style).
_MINOR_SINGULAR: dict[str, str] = {
    "AGOROT": "AGORA",
    "AVOS": "AVO",
    "BANI": "BAN",
    "CENTAVOS": "CENTAVO",
    "CENTIMES": "CENTIME",
    "CENTIMOS": "CENTIMO",
    "CENTS": "CENT",
    "DIRHAMS": "DIRHAM",
    "GROSZY": "GROSZ",
    "HALALAS": "HALALA",
    "HALERU": "HALER",
    "KOPECKS": "KOPECK",
    "PAISE": "PAISA",
    "PENCE": "PENNY",
    "PIASTRES": "PIASTRE",
}

#: A pycountry name ending in one of these nouns takes a plain plural "S"
#: ("UGANDA SHILLING" -> "UGANDA SHILLINGS"); any other name is left as it is,
#: because "KWANZAS", "LEKS" or "RIAL OMANIS" would be wrong or odd.
_PLURAL_S = frozenset(
    {"DINAR", "DIRHAM", "DOLLAR", "FRANC", "PESO", "POUND", "RIAL", "RIYAL", "RUPEE", "SHILLING"}
)


def _english_name(currency: Currency) -> tuple[str, str]:
    """(major name, minor name or "") for ``currency``; "" means "write a fraction"."""
    known = _EN_NAMES.get(currency.code)
    if known is not None:
        return known
    name = currency.name.upper()
    if name.rsplit(" ", 1)[-1] in _PLURAL_S:
        name += "S"
    return name, ""


_ONES = [
    "ZERO",
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "TEN",
    "ELEVEN",
    "TWELVE",
    "THIRTEEN",
    "FOURTEEN",
    "FIFTEEN",
    "SIXTEEN",
    "SEVENTEEN",
    "EIGHTEEN",
    "NINETEEN",
]
_TENS = ("", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY")
_SCALES = ((10**12, "TRILLION"), (10**9, "BILLION"), (10**6, "MILLION"), (1000, "THOUSAND"))


def _below_thousand(number: int) -> list[str]:
    hundreds, rest = divmod(number, 100)
    words = [_ONES[hundreds], "HUNDRED"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_ONES[rest])
    return words


def _english_integer(number: int, hyphens: bool) -> str:
    """``105`` -> ``ONE HUNDRED FIVE``: the American cardinal, without "and" or commas.

    Written here rather than taken from num2words (the tests hold it to num2words' English
    without its British "and" and commas, for every size up to the 10**12 limit): the rule
    is short, and importing num2words loads all of its languages, ~35 ms of a cold start.
    """
    if number == 0:
        words = ["ZERO"]
    else:
        words = []
        for scale, name in _SCALES:
            count, number = divmod(number, scale)
            if count:
                words += [*_below_thousand(count), name]
        words += _below_thousand(number)
    text = " ".join(words)
    return text if hyphens else text.replace("-", " ")


def _check_amount(value: Any, path: str) -> Decimal:
    """An exact, non-negative amount below 10**12 (floats, NaN and junk refused)."""
    amount = to_decimal(value, path)
    if amount < 0:
        raise fail("amounts in words must not be negative", value, path)
    if amount >= _LIMIT:
        raise fail("amounts in words must be below 1,000,000,000,000", value, path)
    return amount


def _money_parts(money: Any, path: str = "money") -> tuple[Currency, int, int]:
    """Round ``money`` half-up to its minor unit: (currency, whole units, minor units)."""
    if not isinstance(money, Money):
        raise fail(
            f"expected exportdocs.Money, such as Money('12.50', 'USD'), not {type(money).__name__}",
            money,
            path,
        )
    amount = _check_amount(money.amount, path)
    currency = money.currency
    scale = 10**currency.minor_units
    rounded = amount.quantize(currency.quantum, rounding=ROUND_HALF_UP)
    minor_total = int(rounded * scale)
    return currency, minor_total // scale, minor_total % scale


def _check_words_option(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise fail(f"expected text, not {type(value).__name__}", value, path)
    return " ".join(value.split()).upper()


def amount_in_words(
    money: Money,
    *,
    prefix: str = "SAY",
    hyphens: bool = True,
    cents_style: CentsStyle = "and cents",
    total: bool = False,
    currency_name: str | None = None,
    minor_name: str | None = None,
) -> str:
    """Write a money amount in English trade words, all capitals.

    The form is ``SAY <CURRENCY> <WHOLE UNITS> [AND CENTS <CENTS>] ONLY``, the one
    invoices, proforma invoices and contracts print under the total. The amount
    is first rounded half-up to the currency's minor unit; a zero minor part is
    left out, and 0-decimal currencies (JPY, KRW, VND) never have one.

    Args:
        money: a non-negative :class:`~exportdocs.Money` below 10**12.
        prefix: the opening word (``""`` for none).
        hyphens: ``TWENTY-ONE`` (True) or ``TWENTY ONE`` (False).
        cents_style: ``"and cents"`` (``AND CENTS FIFTY``), ``"cents after"``
            (``AND FIFTY CENTS``) or ``"fraction"`` (``AND 50/100``).
        total: insert ``TOTAL`` after the prefix (``SAY TOTAL US DOLLARS ...``).
        currency_name: override the currency's trade name (``"RENMINBI YUAN"``).
        minor_name: override the minor unit's name (plural, e.g. ``"CENTS"``).
            Currencies without a known minor-unit name always use the fraction.

    Raises:
        ValidationError: not a Money, negative, 10**12 or more, or a bad option.

    >>> from exportdocs import Money
    >>> amount_in_words(Money("12345.67", "USD"))
    'SAY US DOLLARS TWELVE THOUSAND THREE HUNDRED FORTY-FIVE AND CENTS SIXTY-SEVEN ONLY'
    >>> amount_in_words(Money("21000", "USD"), hyphens=False)
    'SAY US DOLLARS TWENTY ONE THOUSAND ONLY'
    """
    currency, whole, minor = _money_parts(money)
    if cents_style not in _CENTS_STYLES:
        raise fail(
            "cents_style must be 'and cents', 'cents after' or 'fraction'",
            cents_style,
            "cents_style",
        )
    major_name, minor_words_name = _english_name(currency)
    if currency_name is not None:
        major_name = _check_words_option(currency_name, "currency_name")
    if minor_name is not None:
        minor_words_name = _check_words_option(minor_name, "minor_name")
    head = [_check_words_option(prefix, "prefix")]
    if total:
        head.append("TOTAL")
    parts = [*head, major_name, _english_integer(whole, hyphens)]
    if minor:
        if cents_style == "fraction" or not minor_words_name:
            digits = currency.minor_units
            parts.append(f"AND {minor:0{digits}d}/{10**digits}")
        elif cents_style == "and cents":
            parts.append(f"AND {minor_words_name} {_english_integer(minor, hyphens)}")
        else:
            if minor == 1:
                minor_words_name = _MINOR_SINGULAR.get(minor_words_name, minor_words_name)
            parts.append(f"AND {_english_integer(minor, hyphens)} {minor_words_name}")
    parts.append("ONLY")
    return " ".join(part for part in parts if part)


def _count(value: Any) -> int:
    """A whole number of packages, 1 to 10**12 - 1."""
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise fail(f"expected a whole number, not {type(value).__name__}", value, "count")
    number = to_decimal(value, "count")
    if number != number.to_integral_value():
        raise fail("a package count must be a whole number", value, "count")
    if number <= 0:
        raise fail("a package count must be greater than zero", value, "count")
    if number >= _LIMIT:
        raise fail("a package count must be below 1,000,000,000,000", value, "count")
    return int(number)


def _singular(unit: str) -> str:
    """``CARTONS`` -> ``CARTON``, ``BOXES`` -> ``BOX``; other words are kept."""
    if unit.endswith(("XES", "SHES", "CHES")):
        return unit[:-2]
    if unit.endswith("S") and not unit.endswith("SS"):
        return unit[:-1]
    return unit


def packages_in_words(
    count: int | Decimal | str,
    unit: str = "CARTONS",
    *,
    prefix: str = "SAY",
    total: bool = True,
    hyphens: bool = True,
    singular: str | None = None,
) -> str:
    """Write a package count the way packing lists and B/Ls print it.

    The number is written in words and repeated in figures, so that it cannot be
    altered: ``SAY TOTAL ONE HUNDRED TWENTY (120) CARTONS ONLY``. One package takes
    the singular unit, made by dropping the plural ending (``CARTONS`` ->
    ``CARTON``, ``BOXES`` -> ``BOX``) unless ``singular`` says otherwise.

    Raises:
        ValidationError: the count is not a whole number from 1 to 10**12 - 1,
            or the unit is empty.

    >>> packages_in_words(120)
    'SAY TOTAL ONE HUNDRED TWENTY (120) CARTONS ONLY'
    >>> packages_in_words(1, "pallets")
    'SAY TOTAL ONE (1) PALLET ONLY'
    """
    number = _count(count)
    plural = to_text(unit, "unit", max_length=40).upper()
    if number == 1:
        word = to_text(singular, "singular", max_length=40).upper() if singular else None
        plural = word or _singular(plural)
    head = [_check_words_option(prefix, "prefix"), "TOTAL" if total else ""]
    parts = [*head, _english_integer(number, hyphens), f"({number})", plural, "ONLY"]
    return " ".join(part for part in parts if part)


# -- Chinese uppercase --------------------------------------------------------------

_ZH_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_ZH_SMALL = ("", "拾", "佰", "仟")
#: Units of the places after 元: 角 (0.1), 分 (0.01) and, for 3-decimal currencies, 厘 (0.001).
_ZH_MINOR = ("角", "分", "厘")
_ZH_ZHENG = ("整", "正")


def _zh_groups(number: int) -> list[int]:
    groups: list[int] = []
    while number:
        groups.append(number % 10_000)
        number //= 10_000
    return groups


def _zh_integer(number: int) -> str:
    """``107000`` -> ``壹拾万柒仟``; ``0`` -> ``零``.

    Four-digit groups (个, 万, 亿, 万亿) from the top. Inside a group a run of
    zeros followed by a non-zero digit is one 零, and trailing zeros are not read.
    Between groups, 零 is written when a whole group is zero or a lower group is
    below 1000 (壹亿零壹万, 壹万零伍), and never twice in a row. A leading ten is
    壹拾, the anti-alteration form.
    """
    if number == 0:
        return _ZH_DIGITS[0]
    groups = _zh_groups(number)
    out: list[str] = []
    zero = False
    # The leading zeros of a group below 1000 set ``zero`` like any other zeros,
    # which gives 壹万零伍 without a rule of its own.
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = zero or bool(out)
            continue
        for place in (3, 2, 1, 0):
            digit = group // 10**place % 10
            if digit == 0:
                zero = zero or bool(out)
                continue
            if zero and out:
                out.append(_ZH_DIGITS[0])
            out.append(_ZH_DIGITS[digit] + _ZH_SMALL[place])
            zero = False
        out.append(_zh_group_unit(index, groups))
        # Zeros at the end of a group are not read before the next group's 仟 (壹万贰仟).
        zero = False
    return "".join(out)


def _zh_group_unit(index: int, groups: list[int]) -> str:
    if index == 3:  # only 10**12 itself, reached by rounding 999,999,999,999.995 up
        return "万" if groups[2] else "万亿"
    return ("", "万", "亿")[index]


def _zh_amount(whole: int, minor: int, places: int, zheng: str, jiao_zheng: bool) -> str:
    """Uppercase digits with 元 and the minor units (角 分 厘), without a prefix."""
    digits = [minor // 10 ** (places - 1 - i) % 10 for i in range(places)]
    if whole == 0 and minor == 0:
        return f"零元{zheng}"
    out: list[str] = []
    if whole:
        out.append(_zh_integer(whole) + "元")
    if minor == 0:
        return "".join(out) + zheng
    # A 零 follows 元 when 角 is zero (壹万陆仟肆佰零玖元零贰分), and when the 元 digit
    # ends a run of zeros (壹拾万柒仟元零伍角叁分, 壹亿元零壹角): the PBOC's example gives
    # that form or 壹拾万零柒仟元伍角叁分, never one without 零. A lone zero 元 digit
    # takes none (壹仟陆佰捌拾元叁角贰分), as the rules allow. A run of zeros is one 零.
    zero = whole > 0 and whole % 100 == 0
    written = whole > 0
    last = 0
    for i, digit in enumerate(digits):
        if digit == 0:
            zero = zero or written
            continue
        if zero:
            out.append(_ZH_DIGITS[0])
        out.append(_ZH_DIGITS[digit] + _ZH_MINOR[i])
        zero = False
        written = True
        last = i
    if last == 0 and jiao_zheng:
        out.append(zheng)
    return "".join(out)


def _check_zheng(value: Any) -> str:
    if value not in _ZH_ZHENG:
        raise fail("zheng must be '整' or '正'", value, "zheng")
    return str(value)


def rmb_uppercase(
    amount: Money | Decimal | int | str,
    *,
    prefix: bool = True,
    zheng: str = "整",
    jiao_zheng: bool = False,
) -> str:
    """Write an RMB amount in Chinese financial uppercase (人民币大写金额).

    Follows the PBOC rules for filling in bills: 零壹贰…玖 with 拾佰仟万亿 and
    元角分; an amount ending at 元 gets 整 (or 正); one ending at 分 never does;
    one ending at 角 only with ``jiao_zheng=True``. A run of zeros is one 零;
    零 is written after 元 when 角 is zero but 分 is not, and when the 元 digit
    ends a run of zeros (壹拾万柒仟元零伍角叁分, 壹亿元零壹角: the first of the two
    forms the PBOC's example gives); it is left out when only the 元 digit is
    zero (壹仟陆佰捌拾元叁角贰分), as the rules allow. A leading
    ten is 壹拾 (壹拾伍元整). The amount is rounded half-up to the fen first.

    Args:
        amount: a Money in CNY, or a Decimal, int or decimal string in yuan.
        prefix: start with 人民币 (no gap, as the rules require).
        zheng: the ending word, 整 or 正.
        jiao_zheng: also end amounts that stop at 角 with 整 (伍角整).

    Raises:
        ValidationError: another currency, a float, NaN, negative, 10**12 or more.

    >>> rmb_uppercase("16409.02")
    '人民币壹万陆仟肆佰零玖元零贰分'
    >>> rmb_uppercase(Money("100010000", "CNY"))
    '人民币壹亿零壹万元整'
    """
    if isinstance(amount, Money):
        if amount.currency.code != "CNY":
            raise fail(
                f"rmb_uppercase writes CNY amounts only; use chinese_uppercase for "
                f"{amount.currency.code}",
                amount,
                "amount",
            )
        money = amount
    else:
        money = Money(_check_amount(amount, "amount"), "CNY")
    _, whole, minor = _money_parts(money, "amount")
    text = _zh_amount(whole, minor, 2, _check_zheng(zheng), jiao_zheng)
    return ("人民币" if prefix else "") + text


def _zh_currency_name(currency: Currency) -> str:
    """The Chinese name from CLDR (美元, 欧元); the ISO code where CLDR has none."""
    return str(get_currency_name(currency.code, locale="zh"))


def chinese_uppercase(
    money: Money,
    *,
    prefix: bool = True,
    zheng: str = "整",
    jiao_zheng: bool = False,
) -> str:
    """Write any currency's amount in Chinese uppercase, for Chinese-language documents.

    The numerals and zero rules are those of :func:`rmb_uppercase`; the prefix is
    the currency's Chinese name from CLDR (美元, 欧元, 日元; the ISO code when
    CLDR has no Chinese name). 元 stands for the currency's main unit, as on
    Chinese invoices (美元…元…角…分). 0-decimal currencies have whole units only;
    3-decimal currencies (KWD, BHD, OMR…) add 厘 for the third place, the
    traditional Chinese unit of 0.001, so no Arabic digits enter the uppercase.

    Raises:
        ValidationError: not a Money, negative, 10**12 or more, bad ``zheng``.

    >>> chinese_uppercase(Money("12345.67", "USD"))
    '美元壹万贰仟叁佰肆拾伍元陆角柒分'
    >>> chinese_uppercase(Money("1234.5", "KWD"))
    '科威特第纳尔壹仟贰佰叁拾肆元伍角'
    """
    currency, whole, minor = _money_parts(money)
    text = _zh_amount(whole, minor, currency.minor_units, _check_zheng(zheng), jiao_zheng)
    return (_zh_currency_name(currency) if prefix else "") + text


def packages_in_words_zh(
    count: int | Decimal | str,
    unit: str = "箱",
    *,
    prefix: str = "共计",
    zheng: str = "",
) -> str:
    """Write a package count in Chinese uppercase for a packing list (装箱单).

    The common form is 共计 + uppercase number + unit (共计壹佰贰拾箱), with the
    same numerals as amounts (a leading ten is 壹拾). Pass ``prefix="合计："``
    or ``zheng="整"`` for the other forms in use.

    >>> packages_in_words_zh(120)
    '共计壹佰贰拾箱'
    >>> packages_in_words_zh(10, "托", prefix="合计：", zheng="整")
    '合计：壹拾托整'
    """
    number = _count(count)
    name = to_text(unit, "unit", max_length=10)
    if not isinstance(prefix, str):
        raise fail(f"expected text, not {type(prefix).__name__}", prefix, "prefix")
    if zheng not in ("", *_ZH_ZHENG):
        raise fail("zheng must be '', '整' or '正'", zheng, "zheng")
    return f"{prefix.strip()}{_zh_integer(number)}{name}{zheng}"
