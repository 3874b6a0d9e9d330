"""A realistic sample order, for the demo, the examples, the tests and the benchmarks.

Ningbo Brightway Lighting, a maker of LED lighting in Ningbo, sells twelve
items to Nordlicht Handels GmbH, an importer in Hamburg: FOB Ningbo, 30% T/T
deposit and 70% against copy of B/L, shipped in one 40' container, with a part carton and two
mixed cartons at the end. Every figure is deterministic (fixed dates, numbers).

>>> contract = sample_contract()
>>> print(contract.total, contract.total_packages, contract.packing_plan.cbm)
41690.30 USD 526 40.498
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from exportdocs._contract import Contract
from exportdocs._incoterms import Incoterm, TradeTerm
from exportdocs._marks import ShippingMarks
from exportdocs._money import Money
from exportdocs._packing import Dimensions, Packing
from exportdocs._parties import BankAccount, Party
from exportdocs._payment import PaymentTerms
from exportdocs._places import Place
from exportdocs._product import LineItem, Product
from exportdocs._units import Unit
from exportdocs._validation import fail
from exportdocs.costing import (
    Cost,
    CostInputs,
    ExchangeRate,
    Freight,
    Insurance,
    Target,
    lines_from_contract,
)

__all__ = [
    "sample_buyer",
    "sample_contract",
    "sample_cost_inputs",
    "sample_items",
    "sample_seller",
]

NINGBO = Place.port("Ningbo", "CN", locode="CNNGB")
HAMBURG = Place.port("Hamburg", "DE", locode="DEHAM")


def sample_seller() -> Party:
    """The exporter: an LED lighting maker in Ningbo with a USD account for T/T."""
    return Party(
        name="Ningbo Brightway Lighting Co., Ltd.",
        name_zh="宁波明途照明有限公司",
        address=("No. 88 Jinshan Road, Yinzhou District", "Ningbo, Zhejiang 315100"),
        address_zh=("浙江省宁波市鄞州区金山路88号", "邮编 315100"),
        country="CN",
        contact="Lily Chen (Sales Manager)",
        phone="+86 574 8765 4321",
        email="lily.chen@brightway-lighting.example",
        tax_id="91330212MA2AB3CD4E",
        bank=BankAccount(
            beneficiary="Ningbo Brightway Lighting Co., Ltd.",
            beneficiary_address=(
                "No. 88 Jinshan Road, Yinzhou District",
                "Ningbo, Zhejiang 315100, China",
            ),
            bank_name="Bank of China, Ningbo Branch",
            bank_address=("139 Yaohang Street", "Ningbo, Zhejiang, China"),
            swift="BKCHCNBJ92A",
            account_number="3581 5863 7412",
        ),
    )


def sample_buyer() -> Party:
    """The importer in Hamburg."""
    return Party(
        name="Nordlicht Handels GmbH",
        address=("Großer Burstah 31", "20457 Hamburg"),
        country="DE",
        contact="Jonas Becker (Purchasing)",
        phone="+49 40 3011 2277",
        email="einkauf@nordlicht-handel.example",
        tax_id="DE 312 456 789",
    )


_CARTON_L = Dimensions(62, 42, 36)
_CARTON_M = Dimensions(50, 40, 30)
_CARTON_S = Dimensions(40, 30, 25)

#: (item no., description, description zh, HS code, qty, unit, price, units/ctn, carton,
#:  N.W. per unit kg, tare kg, list price)
_LINES: tuple[tuple[str, str, str, str, int, Unit, str, int, Dimensions, str, str, str], ...] = (
    (
        "BW-P6060-40",
        "LED panel light 600×600 mm, 40 W, 4000 K, 4,000 lm, white frame",
        "LED平板灯 600×600毫米 40瓦 4000K",
        "9405.42.00",
        400,
        Unit.PCS,
        "18.60",
        4,
        _CARTON_L,
        "2.35",
        "1.60",
        "17.50",
    ),
    (
        "BW-P3012-36",
        "LED panel light 300×1200 mm, 36 W, 4000 K, flicker-free driver",
        "LED平板灯 300×1200毫米 36瓦",
        "9405.42.00",
        202,
        Unit.PCS,
        "19.80",
        4,
        _CARTON_L,
        "2.60",
        "1.60",
        "18.90",
    ),
    (
        "BW-DL6-12",
        'LED downlight 6", 12 W, 3000 K, cut-out 150 mm, IP44',
        "LED筒灯 6寸 12瓦 3000K",
        "9405.11.00",
        1210,
        Unit.PCS,
        "4.35",
        40,
        _CARTON_M,
        "0.26",
        "1.20",
        "4.10",
    ),
    (
        "BW-DL4-9",
        'LED downlight 4", 9 W, 4000 K, cut-out 100 mm',
        "LED筒灯 4寸 9瓦 4000K",
        "9405.11.00",
        1000,
        Unit.PCS,
        "3.20",
        50,
        _CARTON_M,
        "0.18",
        "1.20",
        "3.00",
    ),
    (
        "BW-A60-9",
        "LED bulb A60, E27, 9 W, 806 lm, 2700 K, frosted",
        "LED球泡灯 A60 E27 9瓦",
        "8539.52.00",
        6020,
        Unit.PCS,
        "0.68",
        100,
        _CARTON_M,
        "0.045",
        "0.90",
        "0.62",
    ),
    (
        "BW-GU10-5",
        "LED spotlight GU10, 5 W, 38°, 2700 K, dimmable",
        "LED射灯 GU10 5瓦 可调光",
        "8539.52.00",
        3010,
        Unit.PCS,
        "0.92",
        100,
        _CARTON_S,
        "0.040",
        "0.70",
        "0.85",
    ),
    (
        "BW-ST5050-5M",
        "LED strip SMD5050, 5 m reel, 12 V, 60 LEDs/m, IP65, RGB",
        "LED灯带 5050 5米 12伏 RGB",
        "9405.42.00",
        815,
        Unit.ROLLS,
        "3.95",
        50,
        _CARTON_S,
        "0.150",
        "0.80",
        "3.70",
    ),
    (
        "BW-FL50",
        "LED floodlight 50 W, 5,500 lm, IP66, die-cast aluminium housing",
        "LED投光灯 50瓦 IP66 压铸铝",
        "9405.42.00",
        300,
        Unit.PCS,
        "7.40",
        10,
        _CARTON_M,
        "0.95",
        "1.10",
        "6.90",
    ),
    (
        "BW-HB150",
        "LED high-bay light UFO 150 W, 1-10 V dimming, 120 lm/W",
        "LED工矿灯 UFO 150瓦",
        "9405.42.00",
        120,
        Unit.PCS,
        "24.50",
        2,
        _CARTON_L,
        "3.10",
        "1.80",
        "23.00",
    ),
    (
        "BW-T8-120",
        "LED tube T8, 1200 mm, 18 W, G13, glass, 4000 K",
        "LED灯管 T8 1.2米 18瓦",
        "8539.52.00",
        2525,
        Unit.PCS,
        "1.15",
        25,
        _CARTON_L,
        "0.21",
        "1.40",
        "1.05",
    ),
    (
        "BW-EM-3H",
        "LED emergency bulkhead light, 3 h autonomy, IP65",
        "LED应急防水灯 3小时",
        "9405.42.00",
        405,
        Unit.PCS,
        "6.80",
        20,
        _CARTON_M,
        "0.52",
        "1.00",
        "6.40",
    ),
    (
        "BW-SW-PIR",
        "PIR motion sensor switch, 360°, 230 V, ceiling mount",
        "人体红外感应开关 360度",
        "8536.50.00",
        612,
        Unit.PCS,
        "1.45",
        100,
        _CARTON_S,
        "0.080",
        "0.80",
        "1.35",
    ),
)


def sample_items(lines: int = 12) -> tuple[LineItem, ...]:
    """The twelve line items, in USD, with their packing.

    With another number of ``lines``, the twelve are repeated (or cut) to that many,
    each item number suffixed with its line number so they stay unique: a long order
    for benchmarks and for trying pagination.

    >>> long = sample_items(1000)
    >>> len(long), long[0].product.item_no, long[999].product.item_no
    (1000, 'BW-P6060-40-0001', 'BW-DL4-9-1000')
    """
    if isinstance(lines, bool) or not isinstance(lines, int) or lines < 1:
        raise fail("expected a whole number of lines, at least 1", lines, "lines")
    base = _twelve()
    if lines == len(base):
        return base
    width = len(str(lines))
    out = []
    for i in range(lines):
        item = base[i % len(base)]
        product = attrs.evolve(item.product, item_no=f"{item.product.item_no}-{i + 1:0{width}d}")
        out.append(attrs.evolve(item, product=product))
    return tuple(out)


def _twelve() -> tuple[LineItem, ...]:
    items = []
    for no, desc, desc_zh, hs, qty, unit, price, per, carton, nw, tare, lst in _LINES:
        product = Product(
            item_no=no,
            description=desc,
            description_zh=desc_zh,
            hs_code=hs,
            unit=unit,
            packing=Packing(per, carton, net_weight_per_unit=nw, tare_per_carton=tare),
            moq=Decimal(per * 10),
            list_price=Money(lst, "USD"),
        )
        items.append(LineItem(product=product, quantity=qty, unit_price=Money(price, "USD")))
    return tuple(items)


def sample_contract(**changes: Any) -> Contract:
    """The sample order as a contract; keyword arguments replace fields (``attrs.evolve``).

    >>> sample_contract(payment=PaymentTerms.tt_in_advance()).payment.phrase()
    '100% T/T in advance'
    """
    contract = Contract(
        number="BW-2026-0418",
        date=dt.date(2026, 11, 2),
        seller=sample_seller(),
        buyer=sample_buyer(),
        items=sample_items(),
        trade_term=TradeTerm(Incoterm.FOB, NINGBO),
        payment=PaymentTerms.tt_deposit("30", balance="copy_bl"),
        port_of_loading=NINGBO,
        port_of_discharge=HAMBURG,
        buyer_reference="NLH-PO-26-0977",
        shipment_date=dt.date(2026, 12, 20),
        lead_time_days=35,
        partial_shipment=False,
        transhipment=True,
        marks=ShippingMarks.standard("NLH", "PO NLH-PO-26-0977", "HAMBURG"),
        valid_until=dt.date(2026, 12, 2),
        remarks=(
            "Quality: CE and RoHS compliant; 2-year warranty from the date of shipment.",
            "Quantity: exactly as ordered; no more-or-less allowance.",
        ),
    )
    return attrs.evolve(contract, **changes) if changes else contract


#: Purchase price per unit from the factory floor or supplier, CNY including 13% VAT, and the
#: export VAT rebate rate of the item's HS code. The A60 bulb is bought dear on purpose: its
#: margin at the quoted price is thin, so the cost sheet asks for the manager's approval.
_PURCHASE: dict[str, tuple[str, str]] = {
    "BW-P6060-40": ("104.50", "13%"),
    "BW-P3012-36": ("112.00", "13%"),
    "BW-DL6-12": ("24.60", "13%"),
    "BW-DL4-9": ("17.80", "13%"),
    "BW-A60-9": ("5.20", "13%"),
    "BW-GU10-5": ("5.10", "13%"),
    "BW-ST5050-5M": ("21.90", "13%"),
    "BW-FL50": ("41.80", "13%"),
    "BW-HB150": ("139.00", "13%"),
    "BW-T8-120": ("6.40", "13%"),
    "BW-EM-3H": ("38.50", "13%"),
    "BW-SW-PIR": ("8.20", "9%"),
}


def sample_cost_inputs(contract: Contract | None = None) -> CostInputs:
    """The cost inputs behind the sample order: purchase prices, domestic costs, freight.

    Domestic costs are per shipment in CNY; ocean freight is USD 3,150 per 40HQ to
    Hamburg (for the CFR/CIF price columns of the quotation); the bank buying rate is
    7.10 CNY per USD.

    >>> from exportdocs import costing
    >>> prices = [item.unit_price for item in sample_contract().items]
    >>> print(costing.analyse(sample_cost_inputs(), prices).approval)
    approval needed: line 5: margin on sale 2.66% is below 5.00%
    """
    contract = contract if contract is not None else sample_contract()
    lines = lines_from_contract(
        contract,
        {no: Money(price, "CNY") for no, (price, _) in _PURCHASE.items()},
        rebate_rates={no: rebate for no, (_, rebate) in _PURCHASE.items()},
    )
    return CostInputs(
        lines=lines,
        exchange_rate=ExchangeRate(
            "USD", "7.10", as_of=dt.date(2026, 11, 2), source="Bank of China buying rate"
        ),
        costs=[
            Cost("inland_freight", Money("2800.00", "CNY")),
            Cost("port_handling", Money("1650.00", "CNY")),
            Cost("customs_declaration", Money("300.00", "CNY")),
            Cost("inspection", Money("600.00", "CNY")),
            Cost("other", Money("250.00", "CNY")),
        ],
        freight=Freight.per_container(Money("3150.00", "USD"), "40HQ"),
        insurance=Insurance("0.3%"),
        bank_rate="0.15%",
        target=Target.margin("15%"),
        incoterm=contract.trade_term.incoterm,
    )
