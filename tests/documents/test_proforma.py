"""The proforma invoice, read back from the PDF and the DOCX in English, Chinese and both."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from babel.numbers import get_currency_name, get_currency_symbol

from exportdocs import (
    Contract,
    Incoterm,
    Money,
    PaymentTerms,
    Place,
    TradeTerm,
    documents,
    rmb_uppercase,
)
from exportdocs.exceptions import ValidationError
from tests.documents.conftest import FORMATS, LANGUAGES, contains, read_back, rendered_texts

CASES = [(lang, fmt) for lang in LANGUAGES for fmt in FORMATS]
EN_WORDS = "SAY US DOLLARS FORTY-ONE THOUSAND SIX HUNDRED NINETY AND CENTS THIRTY ONLY"
# The Chinese words start with CLDR's name of the currency (美元), read from babel.
ZH_WORDS = get_currency_name("USD", locale="zh") + "肆万壹仟陆佰玖拾元叁角"


@pytest.fixture(scope="module")
def texts(contract: Contract) -> dict[tuple[str, str], str]:
    return rendered_texts(lambda lang: documents.proforma_invoice(contract, language=lang))


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_pi_prints_every_figure_of_the_contract(
    texts: dict[tuple[str, str], str], contract: Contract, lang: str, fmt: str
) -> None:
    text = texts[lang, fmt]
    for phrase in ("BW-2026-0418", "NLH-PO-26-0977", "41,690.30", "12,507.09", "29,183.21"):
        assert contains(text, phrase), phrase
    for amount in ("7,440.00", "3,999.60", "5,263.50", "4,093.60", "3,219.25", "887.40"):
        assert contains(text, amount), amount
    for price in ("18.60", "0.68", "1.45"):
        assert contains(text, price), price
    for item in contract.items:
        assert contains(text, item.product.item_no)
        assert contains(text, f"{item.quantity:,}")
    assert contains(text, "9405.42.00")
    assert contains(text, "15,804")  # PCS
    assert contains(text, "815")  # ROLLS


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_pi_prints_bank_marks_ports_and_packing(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    text = texts[lang, fmt]
    for phrase in (
        "BKCHCNBJ92A",
        "3581 5863 7412",
        "Bank of China, Ningbo Branch",
        "C/NO. 1-526",
        "MADE IN CHINA",
        "Hamburg",
        "Ningbo",
        "FOB Ningbo Incoterms® 2020",
        "3,920.16",
        "4,618.76",
        "40.498",
    ):
        assert contains(text, phrase), phrase


@pytest.mark.parametrize("fmt", FORMATS)
def test_english_pi_has_english_words_and_terms(
    texts: dict[tuple[str, str], str], fmt: str
) -> None:
    text = texts["en", fmt]
    for phrase in (
        "PROFORMA INVOICE",
        EN_WORDS,
        "30% T/T in advance as deposit",
        "70% balance against copy of B/L",
        "USD 12,507.09",
        "USD 29,183.21",
        "USD 41,690.30",
        "Not allowed",
        "2 Nov 2026",
        "20 Dec 2026",
        "2 Dec 2026",
        "Confirmed and accepted by the BUYER",
        "For and on behalf of the SELLER",
        "Jonas Becker (Purchasing)",
        "LED panel light 600×600 mm",
        "35 days after receipt of deposit",
    ):
        assert contains(text, phrase), phrase
    assert not contains(text, ZH_WORDS)
    assert not contains(text, "形式发票")


@pytest.mark.parametrize("fmt", FORMATS)
def test_chinese_pi_uses_chinese_names_phrases_and_uppercase(
    texts: dict[tuple[str, str], str], fmt: str
) -> None:
    text = texts["zh", fmt]
    for phrase in (
        "形式发票",
        ZH_WORDS,
        "宁波明途照明有限公司",
        "30%电汇预付定金",
        "70%余款凭提单副本电汇付清",
        "LED平板灯",
        "不允许",
        "2026年11月2日",
        "SWIFT代码",
        "买方确认",
    ):
        assert contains(text, phrase), phrase
    assert not contains(text, EN_WORDS)
    assert not contains(text, "PROFORMA INVOICE")


@pytest.mark.parametrize("fmt", FORMATS)
def test_bilingual_pi_shows_both(texts: dict[tuple[str, str], str], fmt: str) -> None:
    text = texts["en-zh", fmt]
    for phrase in (
        "PROFORMA INVOICE 形式发票",
        EN_WORDS,
        ZH_WORDS,
        "30% T/T in advance as deposit",
        "30%电汇预付定金",
        "Ningbo Brightway Lighting Co., Ltd.",
        "宁波明途照明有限公司",
        "LED panel light 600×600 mm",
        "LED平板灯",
    ):
        assert contains(text, phrase), phrase


def test_seller_insurance_and_sum_insured_on_a_cif_pi(contract: Contract) -> None:
    hamburg = Place.port("Hamburg", "DE", locode="DEHAM")
    cif = attrs.evolve(contract, trade_term=TradeTerm(Incoterm.CIF, hamburg), insurance=None)
    strings = [s for _, s in documents.proforma_invoice(cif).document.strings()]
    text = "\n".join(strings)
    assert contains(text, "Institute Cargo Clauses (C)")
    assert contains(text, "Sum insured: USD 45,859.33")  # 110% of 41,690.30
    assert contains(text, "TOTAL CIF HAMBURG")


def test_no_insurance_block_where_the_buyer_insures(contract: Contract) -> None:
    text = "\n".join(s for _, s in documents.proforma_invoice(contract).document.strings())
    assert "Institute Cargo Clauses" not in text


def test_rmb_contract_gets_rmb_uppercase(contract: Contract) -> None:
    items = tuple(
        attrs.evolve(i, unit_price=Money(i.unit_price.amount, "CNY")) for i in contract.items
    )
    rmb = attrs.evolve(contract, items=items)
    text = "\n".join(
        s for _, s in documents.proforma_invoice(rmb, language="zh").document.strings()
    )
    assert rmb_uppercase(rmb.total) in text
    assert "人民币肆万壹仟陆佰玖拾元叁角" in text


def test_currency_symbol_on_request(contract: Contract) -> None:
    doc = documents.proforma_invoice(contract, currency_display="symbol")
    text = "\n".join(s for _, s in doc.document.strings())
    assert get_currency_symbol("USD", locale="en_US") + "41,690.30" in text  # CLDR's $
    assert "USD 41,690.30" not in text


def test_document_numbers_and_creation_date_come_from_the_contract(contract: Contract) -> None:
    doc = documents.proforma_invoice(contract)
    assert doc.document.meta.reference == "BW-2026-0418"
    assert doc.document.meta.created.date().isoformat() == "2026-11-02"
    assert doc.pdf() == documents.proforma_invoice(contract).pdf()


def test_bad_arguments_are_refused_with_paths(contract: Contract) -> None:
    with pytest.raises(ValidationError, match="language must be 'en', 'zh' or 'en-zh'") as exc:
        documents.proforma_invoice(contract, language="fr")
    assert exc.value.problems[0].path == "language"
    with pytest.raises(ValidationError, match="expected a Contract, not dict") as exc:
        documents.proforma_invoice({"number": "x"})
    assert exc.value.problems[0].path == "contract"
    with pytest.raises(ValidationError, match="currency_display must be 'code' or 'symbol'"):
        documents.proforma_invoice(contract, currency_display="name")


def test_line_amounts_are_the_models_never_recomputed(contract: Contract) -> None:
    # A price with 4 decimals: the line amount is the model's (rounded once, half-up).
    first = attrs.evolve(contract.items[0], unit_price=Money("18.6049", "USD"))
    odd = attrs.evolve(contract, items=(first, *contract.items[1:]))
    text = "\n".join(s for _, s in documents.proforma_invoice(odd).document.strings())
    assert odd.items[0].amount.amount == Decimal("7441.96")
    assert "18.6049" in text
    assert "7,441.96" in text
    assert f"{odd.total.amount:,}" in text


def _without_packing(contract: Contract, lines: slice = slice(None)) -> Contract:
    items = list(contract.items)
    for i in range(len(items))[lines]:
        items[i] = attrs.evolve(items[i], product=attrs.evolve(items[i].product, packing=None))
    return attrs.evolve(contract, items=tuple(items))


@pytest.mark.parametrize("fmt", FORMATS)
def test_pi_for_products_without_packing_keeps_the_marks_open(contract: Contract, fmt: str) -> None:
    # Standard marks say "C/NO. 1-UP"; with no packing data the count is open, and the
    # PI prints the marks as the trade writes them until it is known (it used to fail
    # with "total_cartons: cannot number the cartons", naming neither marks nor packing).
    open_order = _without_packing(contract)
    assert open_order.marks.has_placeholder
    text = read_back(documents.proforma_invoice(open_order, language="en"), fmt)
    assert contains(text, "C/NO. 1-UP")


# -- bank block and country of origin ------------------------------------------------------

BENEFICIARY_ADDRESS = "No. 88 Jinshan Road, Yinzhou District, Ningbo, Zhejiang 315100, China"
BANK_ADDRESS_LABEL = {
    "en": "Beneficiary address",
    "zh": "收款人地址",
    "en-zh": "Beneficiary address 收款人地址",
}
LC_TITLE = {
    "en": "BENEFICIARY'S BANK (for the L/C)",
    "zh": "受益人银行（信用证通知行）",
    "en-zh": "BENEFICIARY'S BANK (for the L/C) 受益人银行（信用证通知行）",
}
ORIGIN = {
    "en": "Country of origin China",
    "zh": "原产地 中国",
    "en-zh": "Country of origin 原产地 China 中国",
}


def _strings(contract: Contract, lang: str = "en") -> str:
    doc = documents.proforma_invoice(contract, language=lang)
    return "\n".join(s for _, s in doc.document.strings())


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_tt_bank_block_prints_the_beneficiary_address(
    texts: dict[tuple[str, str], str], contract: Contract, lang: str, fmt: str
) -> None:
    assert contract.seller.bank is not None
    assert ", ".join(contract.seller.bank.beneficiary_address) == BENEFICIARY_ADDRESS
    text = texts[lang, fmt]
    assert contains(text, f"{BANK_ADDRESS_LABEL[lang]} {BENEFICIARY_ADDRESS}")
    assert not contains(text, "信用证通知行")


@pytest.fixture(scope="module")
def lc_contract(contract: Contract) -> Contract:
    return attrs.evolve(contract, payment=PaymentTerms.lc_at_sight())


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_lc_pi_prints_the_beneficiarys_bank_for_the_credit(
    lc_contract: Contract, lang: str, fmt: str
) -> None:
    text = read_back(documents.proforma_invoice(lc_contract, language=lang), fmt)
    assert contains(text, LC_TITLE[lang])
    for phrase in ("Bank of China, Ningbo Branch", "BKCHCNBJ92A", "3581 5863 7412"):
        assert contains(text, phrase), phrase
    assert contains(text, f"{BANK_ADDRESS_LABEL[lang]} {BENEFICIARY_ADDRESS}")
    assert not contains(text, "BANK DETAILS FOR T/T")


def test_deposit_by_tt_and_balance_by_lc_titles_the_block_for_both(contract: Contract) -> None:
    mixed = attrs.evolve(contract, payment=PaymentTerms.lc_at_sight(deposit="30"))
    assert "BANK DETAILS FOR T/T; BENEFICIARY'S BANK (for the L/C)" in _strings(mixed)
    assert "电汇银行资料；受益人银行（信用证通知行）" in _strings(mixed, "zh")


def test_no_bank_block_for_a_collection(contract: Contract) -> None:
    dp = attrs.evolve(contract, payment=PaymentTerms.dp())
    text = _strings(dp)
    assert "BKCHCNBJ92A" not in text
    assert "BANK DETAILS" not in text
    assert "BENEFICIARY'S BANK" not in text


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_pi_prints_the_country_of_origin(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    assert contains(texts[lang, fmt], ORIGIN[lang])


def test_different_origins_are_all_listed(contract: Contract) -> None:
    items = list(contract.items)
    items[1] = attrs.evolve(items[1], product=attrs.evolve(items[1].product, origin="VN"))
    items[4] = attrs.evolve(items[4], product=attrs.evolve(items[4].product, origin="CN"))
    mixed = attrs.evolve(contract, items=tuple(items))
    assert "China, Vietnam" in _strings(mixed)
    assert "中国、越南" in _strings(mixed, "zh")
    assert "China, Vietnam 中国、越南" in _strings(mixed, "en-zh")
    only_vn = attrs.evolve(
        contract,
        items=tuple(
            attrs.evolve(i, product=attrs.evolve(i.product, origin="VN")) for i in contract.items
        ),
    )
    text = _strings(only_vn)
    assert "Vietnam" in text
    assert "China, Vietnam" not in text


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Proforma invoice BW-2026-0418"),
        ("zh", "形式发票 BW-2026-0418"),
        ("en-zh", "Proforma invoice 形式发票 BW-2026-0418"),
    ],
)
def test_the_file_title_is_in_the_documents_language(
    contract: Contract, language: str, title: str
) -> None:
    import io
    import zipfile

    from pypdf import PdfReader

    doc = documents.proforma_invoice(contract, language=language)
    assert PdfReader(io.BytesIO(doc.pdf() or b"")).metadata.title == title
    core = zipfile.ZipFile(io.BytesIO(doc.docx() or b"")).read("docProps/core.xml").decode()
    assert f"<dc:title>{title}</dc:title>" in core
