"""Generate the layout-stress corpus of order files in ``tests/corpus/orders/`` (issue 12).

The corpus is a set of real-looking export orders built to break a table layout:
1 to 1,000 lines, quantities from 1 to 10,000,000, unit prices with up to 6
decimals, descriptions from 3 to 400 characters (and one unbroken 120-character
model string), buyers whose names and addresses need Polish, Turkish, Greek,
Vietnamese, Spanish, Portuguese and Latin-extended Arabic letters, USD, EUR, JPY
(0 decimals) and KWD (3 decimals), 1 to 4 price columns on the quotation, T/T and
L/C, products with and without packing data, mixed cartons.

Every order is built with the public model (``exportdocs.Contract`` and friends), so
a file that the model refuses fails here rather than in the tests, and written with
``exportdocs.dump_order`` in the project's order-file format (JSON). Generation is
deterministic: each order draws from its own ``random.Random`` seeded with
``SEED`` and the order's name, so changing one order leaves the others' bytes alone.

Regenerate (rewrites every file; the tests read the committed files)::

    .venv/bin/python tests/corpus/make_corpus.py

The table of orders, with what each stresses, is :data:`SPECS`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import attrs

from exportdocs import (
    Contract,
    Dimensions,
    Incoterm,
    LetterOfCredit,
    LineItem,
    Money,
    OrderFile,
    Packing,
    Party,
    PaymentTerms,
    Place,
    Product,
    ShippingMarks,
    TradeTerm,
    Unit,
    dump_order,
)
from exportdocs.costing import (
    Cost,
    CostInputs,
    CostLine,
    ExchangeRate,
    Freight,
    Insurance,
    Target,
    lines_from_contract,
)
from exportdocs.samples import sample_seller

#: The seed every order's random generator starts from (with the order's name).
SEED = 20261206

#: Where the order files go.
ORDERS = Path(__file__).resolve().parent / "orders"

# -- parties -------------------------------------------------------------------------


@dataclass(frozen=True)
class Buyer:
    """A buyer and the port its goods go to."""

    party: Party
    port: Place


BUYERS: dict[str, Buyer] = {
    "DE": Buyer(
        Party(
            name="Müller & Söhne Leuchten-Großhandel GmbH",
            address=("Große Elbstraße 145", "22767 Hamburg"),
            country="DE",
            contact="Jürgen Weiß (Einkauf)",
            phone="+49 40 3890 1177",
            email="einkauf@mueller-soehne.example",
            tax_id="DE 298 114 573",
        ),
        Place("Hamburg", "DE", "port", "DEHAM"),
    ),
    "PL": Buyer(
        Party(
            name="Przedsiębiorstwo Handlowe Łódź Sp. z o.o.",
            address=("ul. Piotrkowska 123 lok. 4", "90-430 Łódź", "woj. łódzkie"),
            country="PL",
            contact="Małgorzata Wiśniewska-Żółkiewska",
            phone="+48 42 630 1122",
            email="zakupy@ph-lodz.example",
            tax_id="PL 725 182 33 41",
        ),
        Place("Gdańsk", "PL", "port", "PLGDN"),
    ),
    "TR": Buyer(
        Party(
            name="İstanbul Işıklı Aydınlatma Sanayi ve Ticaret A.Ş.",
            address=("Büyükdere Cad. No: 185, Şişli", "Ağaçlı Mah., 34394 İstanbul"),
            country="TR",
            contact="Gülşen Yıldırım (Satın Alma)",
            phone="+90 212 555 0199",
            email="satinalma@isikli.example",
        ),
        Place("Ambarlı", "TR", "port", "TRAMB"),
    ),
    "GR": Buyer(
        Party(
            name="Fotistiki Athinon A.E.",
            address=("Λεωφόρος Κηφισίας 124, Αμπελόκηποι", "115 26 Αθήνα"),
            country="GR",
            contact="Γιώργος Παπαδόπουλος",
            phone="+30 210 698 4400",
            email="agores@fotistiki.example",
        ),
        Place("Piraeus", "GR", "port", "GRPIR"),
    ),
    "VN": Buyer(
        Party(
            name="Công ty TNHH Thương mại Điện Quang Thế Kỷ Hội An",
            name_zh="世纪会安电光贸易有限公司",
            address=("Số 125 Đường Nguyễn Huệ, Phường Bến Nghé", "Quận 1, Thành phố Hồ Chí Minh"),
            country="VN",
            contact="Nguyễn Thị Phương Dung",
            phone="+84 28 3822 9911",
            email="muahang@dienquang-theky.example",
        ),
        Place("Cat Lai", "VN", "port", "VNCLI"),
    ),
    "ES": Buyer(
        Party(
            name="Iluminación Peñíscola y Compañía S.L.",
            address=("Calle de Alcalá 48, 3º izq.", "28014 Madrid"),
            country="ES",
            contact="María José Núñez Ibáñez",
            phone="+34 91 522 4410",
            email="compras@iluminacion-peniscola.example",
            tax_id="ES B12345674",
        ),
        Place("Valencia", "ES", "port", "ESVLC"),
    ),
    "BR": Buyer(
        Party(
            name="Iluminação São João Comércio e Importação Ltda.",
            address=("Avenida Paulista 1.578, Conjunto 92, Bela Vista", "01310-200 São Paulo - SP"),
            country="BR",
            contact="João Conceição (Importação)",
            phone="+55 11 3251 7788",
            email="importacao@saojoao-iluminacao.example",
        ),
        Place("Santos", "BR", "port", "BRSSZ"),
    ),
    "AE": Buyer(
        Party(
            name="Al-Nūr Ṭāhā Lighting Trading L.L.C.",
            address=("Office 1204, Al Ṣafā Tower, Shaykh Zāyid Road", "P.O. Box 12345, Dubayy"),
            country="AE",
            contact="ʿAbd al-Raḥmān Ḥamdān",
            phone="+971 4 331 2200",
            email="purchasing@alnur-taha.example",
        ),
        Place("Jebel Ali", "AE", "port", "AEJEA"),
    ),
    "KW": Buyer(
        Party(
            name="Dār al-Ḍiyāʾ General Trading Co. W.L.L.",
            address=("Block 3, Street 14, Building 22", "Shuwaikh Industrial Area, Kuwait City"),
            country="KW",
            contact="Fayṣal al-Ṣabāḥ",
            phone="+965 2483 5500",
        ),
        Place("Shuwaikh", "KW", "port", "KWSWK"),
    ),
    "JP": Buyer(
        Party(
            name="Kōyō Shōmei Kabushiki Kaisha",
            name_zh="光洋照明株式会社",
            address=("2-14-7 Shin-Yokohama, Kōhoku-ku", "Yokohama, Kanagawa 222-0033"),
            country="JP",
            contact="Satō Yūko",
            phone="+81 45 470 1234",
        ),
        Place("Yokohama", "JP", "port", "JPYOK"),
    ),
}

NINGBO = Place("Ningbo", "CN", "port", "CNNGB")

#: CNY per unit of the order's currency (the bank's buying rate).
RATES = {"USD": "7.10", "EUR": "7.72", "JPY": "0.0478", "KWD": "23.08"}

# -- products --------------------------------------------------------------------------

_WORDS = [
    "LED panel light",
    "aluminium frame",
    "flicker-free driver",
    "4000 K",
    "100-240 V AC",
    "high-bay UFO housing",
    "die-cast",
    "tempered glass lens",
    "IP65 rated",
    "120 lm/W",
    "5-year warranty",
    "CE RoHS ERP certified",
    "dimmable 0-10 V",
    "DALI optional",
    "emergency kit",
    "surface mounted",
    "recessed",
    "suspended",
    "matte white powder coating",
    "anti-glare UGR<19",
    "PIR motion sensor",
    "360°",
    "stainless steel screws",
    "silicone gasket",
    "UV-stabilised PC diffuser",
    "colour rendering Ra>80",
    "beam angle 120°",
    "cable length 1.5 m with connector",
]

_WORDS_ZH = (
    "LED平板灯",
    "铝合金边框",
    "无频闪驱动",
    "工矿灯",
    "压铸铝外壳",
    "钢化玻璃透镜",
    "防水等级IP65",
    "五年质保",
    "可调光",
    "应急电源",
    "吸顶安装",
    "嵌入式安装",
    "哑光白色喷涂",
    "防眩光",
    "人体感应",
    "不锈钢螺丝",
    "硅胶密封圈",
    "显色指数大于80",
    "光束角120度",
)

_UNITS = (Unit.PCS, Unit.PCS, Unit.PCS, Unit.SETS, Unit.ROLLS, Unit.UNITS, Unit.PAIRS)
_HS = ("94054200", "94051100", "85395200", "85365000", "94059900")
_CARTONS = ((62, 42, 36), (50, 40, 30), (40, 30, 25), (120, 80, 60), (30, 20, 15))

#: The unbroken 120-character model string (a configurator code without a space).
MODEL_120 = ("BWX-HB200-4K-IP66-DALI2-" * 6)[:120]
assert len(MODEL_120) == 120
assert " " not in MODEL_120


def _description(rng: random.Random, length: int) -> str:
    """A product description about ``length`` characters long (at least 3)."""
    if length <= 8:
        return ("LED", "Bulb A60", "T8 tube", "Lamp E27")[min(length // 3, 3)][:length]
    words: list[str] = []
    while len(", ".join(words)) < length:
        words.append(rng.choice(_WORDS))
    return ", ".join(words)[:length].rstrip(" ,")


def _description_zh(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(_WORDS_ZH) for _ in range(count))


# -- order specifications ---------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One order of the corpus: what it holds and what it stresses.

    ``quantities``, ``prices`` and ``lengths`` override the drawn values of the first
    lines (a figure the issue names, a 6-decimal price, a 400-character description).
    ``packed`` is the share of lines with packing data (0 to 1); ``terms`` the extra
    quotation price terms (each adds a column); ``payment`` ``"tt"``, ``"lc"`` or
    ``"lc-usance"``.
    """

    name: str
    lines: int
    country: str
    currency: str
    stresses: str
    incoterm: Incoterm = Incoterm.FOB
    terms: tuple[Incoterm, ...] = ()
    payment: str = "tt"
    zh: bool = False
    packed: float = 1.0
    mix: bool = True
    qty_range: tuple[int, int] = (10, 5000)
    places: int = 2
    length_range: tuple[int, int] = (20, 90)
    quantities: tuple[int, ...] = ()
    units: tuple[Unit, ...] = ()
    prices: tuple[str, ...] = ()
    lengths: tuple[int, ...] = ()
    model_string: bool = False
    remarks: int = 2
    extra: dict[str, str] = field(default_factory=dict)


F = Incoterm

SPECS: tuple[Spec, ...] = (
    Spec("c01-de-usd-1line", 1, "DE", "USD", "one line, one price column", qty_range=(1, 1)),
    Spec(
        "c02-pl-eur-3lines",
        3,
        "PL",
        "EUR",
        "Polish buyer (ę ł ó ż), CFR column",
        terms=(F.CFR,),
        zh=True,
    ),
    Spec(
        "c03-tr-usd-lc",
        8,
        "TR",
        "USD",
        "Turkish letters (İ ı ş ğ), L/C at sight, CFR+CIF columns",
        terms=(F.CFR, F.CIF),
        payment="lc",
    ),
    Spec(
        "c04-gr-eur-greek",
        12,
        "GR",
        "EUR",
        "Greek-script address, 4 price columns (FOB EXW CFR CIF)",
        terms=(F.EXW, F.CFR, F.CIF),
    ),
    Spec(
        "c05-vn-usd-zh",
        15,
        "VN",
        "USD",
        "Vietnamese (ế ộ ư), Chinese buyer name and descriptions",
        zh=True,
        terms=(F.CFR,),
    ),
    Spec(
        "c06-es-eur-long-desc",
        10,
        "ES",
        "EUR",
        "descriptions 3 to 400 characters",
        lengths=(3, 400, 399, 250, 8, 120),
        length_range=(3, 400),
    ),
    Spec(
        "c07-br-usd-mixed-units",
        20,
        "BR",
        "USD",
        "totals 159,784 PCS + 815 ROLLS (mixed units), ã ç",
        quantities=(100_000, 40_000, 815, *(1_200,) * 16, 584),
        units=(Unit.PCS, Unit.PCS, Unit.ROLLS, *(Unit.PCS,) * 17),
        terms=(F.CFR, F.CIF),
    ),
    Spec(
        "c08-ae-kwd-3dec",
        9,
        "AE",
        "KWD",
        "KWD 3 decimals, Latin-extended names (ā ū ṭ ṣ)",
        places=3,
        terms=(F.CFR,),
    ),
    Spec(
        "c09-jp-jpy-0dec",
        14,
        "JP",
        "JPY",
        "JPY 0 decimals, large amounts",
        places=0,
        qty_range=(100, 80_000),
        terms=(F.CFR, F.CIF),
    ),
    Spec(
        "c10-de-usd-2mpcs",
        5,
        "DE",
        "USD",
        "a 2,000,000-pc line and a 10,000,000-pc line",
        quantities=(2_000_000, 10_000_000, 1),
        prices=("0.012345", "0.003100"),
        places=6,
    ),
    Spec(
        "c11-pl-eur-200lines-zh",
        200,
        "PL",
        "EUR",
        "200 lines, Chinese descriptions, L/C",
        zh=True,
        payment="lc",
    ),
    Spec(
        "c12-tr-usd-120model",
        6,
        "TR",
        "USD",
        "unbroken 120-character model string",
        model_string=True,
        terms=(F.CFR, F.CIF),
    ),
    Spec(
        "c13-gr-usd-unpacked",
        7,
        "GR",
        "USD",
        "no packing data on any line",
        packed=0.0,
    ),
    Spec(
        "c14-vn-usd-halfpacked",
        18,
        "VN",
        "USD",
        "half the lines without packing data, mixed cartons",
        packed=0.5,
    ),
    Spec(
        "c15-es-eur-6dec",
        25,
        "ES",
        "EUR",
        "unit prices with 6 decimals, 4 price columns",
        places=6,
        terms=(F.EXW, F.CFR, F.CIF),
        qty_range=(1000, 2_000_000),
    ),
    Spec(
        "c16-br-usd-300lines",
        300,
        "BR",
        "USD",
        "300 lines, CFR+CIF columns, L/C usance",
        terms=(F.CFR, F.CIF),
        payment="lc-usance",
    ),
    Spec(
        "c17-ae-usd-cif",
        11,
        "AE",
        "USD",
        "CIF contract with FOB-less columns, L/C",
        incoterm=F.CIF,
        terms=(F.CFR,),
        payment="lc",
    ),
    Spec(
        "c18-kw-kwd-lc",
        30,
        "KW",
        "KWD",
        "KWD 3 decimals, L/C, 4 price columns",
        places=3,
        payment="lc",
        terms=(F.EXW, F.CFR, F.CIF),
    ),
    Spec(
        "c19-jp-jpy-zh",
        22,
        "JP",
        "JPY",
        "JPY, Chinese descriptions, big quantities",
        places=0,
        zh=True,
        qty_range=(1000, 1_000_000),
    ),
    Spec(
        "c20-de-eur-1000lines",
        1000,
        "DE",
        "EUR",
        "1,000 lines",
        qty_range=(1, 20_000),
    ),
    Spec(
        "c21-pl-usd-nomix",
        40,
        "PL",
        "USD",
        "40 lines, remainders not mixed, CFR+CIF",
        mix=False,
        terms=(F.CFR, F.CIF),
        zh=True,
    ),
    Spec(
        "c22-tr-eur-small",
        2,
        "TR",
        "EUR",
        "two lines, tiny quantities and prices",
        qty_range=(1, 3),
        prices=("0.05", "0.01"),
    ),
    Spec(
        "c23-es-usd-exw",
        16,
        "ES",
        "USD",
        "EXW contract, FCA/CFR columns",
        incoterm=F.EXW,
        terms=(F.FCA, F.CFR),
    ),
    Spec(
        "c24-br-eur-120lines-lc",
        120,
        "BR",
        "EUR",
        "120 lines, L/C at sight, bilingual stress",
        payment="lc",
        zh=True,
        length_range=(40, 200),
    ),
    Spec(
        "c25-vn-kwd-mixed",
        13,
        "VN",
        "KWD",
        "KWD with Vietnamese buyer, mixed units, huge quantities",
        places=3,
        qty_range=(50_000, 10_000_000),
    ),
    Spec(
        "c26-gr-jpy-long",
        35,
        "GR",
        "JPY",
        "JPY with long descriptions and Greek address",
        places=0,
        length_range=(150, 400),
        terms=(F.CFR,),
    ),
)

# -- building ----------------------------------------------------------------------------


def _price(rng: random.Random, places: int, currency: str) -> Decimal:
    """A unit price with ``places`` decimals, scaled to the currency."""
    base = Decimal(rng.uniform(0.2, 60)).quantize(Decimal("0.000001"))
    if currency == "JPY":
        base *= 150
    elif currency == "KWD":
        base /= 3
    elif currency == "EUR":
        base *= Decimal("0.92")
    quantum = Decimal(1).scaleb(-places)
    value = base.quantize(quantum, rounding=ROUND_HALF_UP)
    return max(value, quantum)


def _product(rng: random.Random, spec: Spec, i: int) -> Product:
    if spec.lengths and i < len(spec.lengths):
        length = spec.lengths[i]
    else:
        length = rng.randint(*spec.length_range)
    description = _description(rng, length)
    if spec.model_string and i == 0:
        description = f"Configurable high-bay, model {MODEL_120}"
    unit = spec.units[i] if i < len(spec.units) else rng.choice(_UNITS)
    packing = None
    if rng.random() < spec.packed or (spec.packed > 0 and i == 0):
        per = rng.choice((1, 2, 4, 6, 10, 12, 20, 24, 25, 40, 50, 100, 200, 500))
        packing = Packing(
            per,
            Dimensions(*rng.choice(_CARTONS)),
            net_weight_per_unit=Decimal(rng.uniform(0.01, 5)).quantize(Decimal("0.001")),
            tare_per_carton=Decimal(rng.uniform(0.5, 3)).quantize(Decimal("0.01")),
        )
    return Product(
        item_no=f"BW-{spec.name[:3].upper()}-{i + 1:04d}",
        description=description,
        description_zh=_description_zh(rng, rng.randint(1, 6)) if spec.zh else None,
        hs_code=rng.choice(_HS),
        unit=unit,
        packing=packing,
    )


def _payment(spec: Spec, date: dt.date) -> PaymentTerms:
    if spec.payment == "tt":
        return PaymentTerms.tt_deposit("30", "copy_bl")
    lc = LetterOfCredit(
        issuing_bank="Commerzbank AG, Hamburg" if spec.country == "DE" else "HSBC Bank plc, London",
        expiry_date=date + dt.timedelta(days=90),
        expiry_place="China",
        latest_shipment=date + dt.timedelta(days=60),
        number=f"LC{date:%y%m%d}{len(spec.name):02d}",
        tolerance_plus=5,
        tolerance_minus=5,
    )
    if spec.payment == "lc-usance":
        return PaymentTerms.lc_usance(90, lc)
    return PaymentTerms.lc_at_sight(lc)


def _estimated(line: CostLine) -> CostLine:
    """A cost line of an unpacked product, with the CBM and weight a forwarder estimated."""
    if line.cbm is not None:
        return line
    cbm = (line.quantity * Decimal("0.0015")).quantize(Decimal("0.001"))
    weight = (line.quantity * Decimal("0.35")).quantize(Decimal("0.01"))
    return attrs.evolve(line, cbm=max(cbm, Decimal("0.001")), gross_weight=weight)


def build(spec: Spec) -> OrderFile:
    """The order file of ``spec`` (deterministic: seeded with ``SEED`` and the name)."""
    rng = random.Random(f"{SEED}:{spec.name}")
    buyer = BUYERS[spec.country]
    date = dt.date(2026, 11, 2) + dt.timedelta(days=rng.randint(0, 30))
    items = []
    for i in range(spec.lines):
        product = _product(rng, spec, i)
        if i < len(spec.quantities):
            quantity = spec.quantities[i]
        else:
            low, high = spec.qty_range
            quantity = rng.randint(low, high) if high else rng.randint(10, 900)
        if i < len(spec.prices):
            price = Decimal(spec.prices[i])
        else:
            price = _price(rng, spec.places, spec.currency)
        items.append(LineItem(product, quantity, Money(price, spec.currency)))
    all_packed = all(item.product.packing is not None for item in items)
    marks = ShippingMarks.standard(
        buyer.party.name.split()[0][:6].upper(), f"PO {spec.name.upper()}", buyer.port.name.upper()
    )
    if not all_packed:
        # Issue 12 #9: "C/NO. 1-UP" needs every line packed; unpacked orders leave it out.
        marks = ShippingMarks(tuple(m for m in marks.main if "C/NO" not in m))
    remarks = (
        "Quality: CE and RoHS compliant; 2-year warranty from the date of shipment.",
        "Quantity: exactly as ordered; no more-or-less allowance.",
        "Packing: export cartons on fumigated pallets, stretch-wrapped, corner protectors.",
    )[: spec.remarks]
    trade_place = NINGBO if spec.incoterm in (F.FOB, F.EXW, F.FCA) else buyer.port
    if spec.incoterm is F.EXW:
        trade_place = Place("Ningbo", "CN", "inland")
    contract = Contract(
        number=f"BW-{date:%Y}-{spec.name[:3].upper()}{rng.randint(100, 999)}",
        date=date,
        seller=sample_seller(),
        buyer=buyer.party,
        items=tuple(items),
        trade_term=TradeTerm(spec.incoterm, trade_place),
        payment=_payment(spec, date),
        port_of_loading=NINGBO,
        port_of_discharge=buyer.port,
        buyer_reference=f"PO-{spec.name.upper()}",
        shipment_date=date + dt.timedelta(days=45),
        lead_time_days=35,
        partial_shipment=False,
        transhipment=True,
        marks=marks,
        valid_until=date + dt.timedelta(days=30),
        remarks=remarks,
        mix_remainders=spec.mix,
    )
    rate = Decimal(RATES[spec.currency])
    purchase = {
        item.product.item_no: Money(
            (item.unit_price.amount * rate * Decimal(rng.uniform(0.55, 0.95))).quantize(
                Decimal("0.0001")
            ),
            "CNY",
        )
        for item in items
    }
    costing = CostInputs(
        lines=[_estimated(line) for line in lines_from_contract(contract, purchase)],
        exchange_rate=ExchangeRate(spec.currency, RATES[spec.currency], as_of=date),
        quote_currency=spec.currency,
        costs=[
            Cost("inland_freight", Money("2800.00", "CNY")),
            Cost("port_handling", Money("1650.00", "CNY")),
            Cost("customs_declaration", Money("300.00", "CNY")),
        ],
        freight=Freight.per_container(
            Money((Decimal(3150) * Decimal("7.10") / rate).quantize(Decimal(1)), spec.currency),
            "40HQ",
        ),
        insurance=Insurance("0.3%"),
        bank_rate="0.15%",
        target=Target.margin("15%"),
        incoterm=spec.incoterm,
        price_places=spec.places,
    )
    terms = tuple(
        TradeTerm(rule, NINGBO if rule in (F.FOB, F.FCA) else buyer.port) for rule in spec.terms
    )
    terms = tuple(
        TradeTerm(t.incoterm, Place("Ningbo", "CN", "inland")) if t.incoterm is F.EXW else t
        for t in terms
    )
    return OrderFile(contract, costing, terms)


def main(
    argv: list[str] | None = None, write: Callable[[OrderFile, Path], None] = dump_order
) -> int:
    """Write every order of :data:`SPECS` to :data:`ORDERS` (``<name>.json``)."""
    ORDERS.mkdir(parents=True, exist_ok=True)
    for old in ORDERS.glob("*.json"):
        old.unlink()
    for spec in SPECS:
        write(build(spec), ORDERS / f"{spec.name}.json")
        print(f"{spec.name}: {spec.lines} lines, {spec.country}, {spec.currency}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
