"""The quotation, read back: price columns per term, packing per carton, validity, photos."""

from __future__ import annotations

import io
from pathlib import Path

import attrs
import pypdf
import pytest
from PIL import Image

from exportdocs import Contract, Incoterm, Money, Place, TradeTerm, costing, documents
from exportdocs.exceptions import RenderError, ValidationError
from exportdocs.samples import sample_cost_inputs
from tests.documents.conftest import FORMATS, LANGUAGES, contains, rendered_texts

CASES = [(lang, fmt) for lang in LANGUAGES for fmt in FORMATS]
CIF_HAMBURG = TradeTerm(Incoterm.CIF, Place.port("Hamburg", "DE"))


@pytest.fixture(scope="module")
def columns() -> tuple[documents.PriceColumn, ...]:
    quote = costing.quote(sample_cost_inputs(), ["FOB", "CIF"])
    return documents.price_columns(quote, [CIF_HAMBURG])


@pytest.fixture(scope="module")
def texts(
    contract: Contract, columns: tuple[documents.PriceColumn, ...]
) -> dict[tuple[str, str], str]:
    return rendered_texts(lambda lang: documents.quotation(contract, prices=columns, language=lang))


@pytest.mark.parametrize(("lang", "fmt"), CASES)
def test_quotation_prints_prices_per_term_and_packing(
    texts: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    text = texts[lang, fmt]
    for phrase in (
        "BW-2026-0418",
        "FOB NINGBO",
        "CIF HAMBURG",
        "18.60",  # FOB, line 1 (the contract's price)
        "17.74",  # CIF, line 1 (the costing quote)
        "25.11",  # CIF, line 9
        "1,000",  # MOQ
        "62×42×36",
        "0.094",
        "11.00",  # G.W. per carton, line 1
        "BW-SW-PIR",
        "Nordlicht Handels GmbH",
    ):
        assert contains(text, phrase), phrase
    if lang != "zh":
        for phrase in (
            "QUOTATION",
            "35 days after receipt of deposit",
            "30% T/T in advance as deposit, 70% balance against copy of B/L",
            "exchange rate and ocean freight",
        ):
            assert contains(text, phrase), phrase
    if lang != "en":
        for phrase in ("报价单", "收到定金后35天", "汇率和海运费", "LED平板灯"):
            assert contains(text, phrase), phrase
    if lang == "zh":  # bilingual documents write dates the English way
        assert contains(text, "有效期至")
        assert contains(text, "2026年12月2日")
    else:
        assert contains(text, "Valid until")
        assert contains(text, "2 Dec 2026")


def test_price_columns_come_from_the_quote(columns: tuple[documents.PriceColumn, ...]) -> None:
    quote = costing.quote(sample_cost_inputs(), ["CIF"])
    assert columns == ((CIF_HAMBURG, quote.unit_prices("CIF")),)


def test_price_columns_refuse_an_unpriced_rule() -> None:
    quote = costing.quote(sample_cost_inputs(), ["FOB"])
    with pytest.raises(ValidationError, match="this rule was not priced by the quote") as exc:
        documents.price_columns(quote, [CIF_HAMBURG])
    assert exc.value.problems[0].path == "terms[0]"


def test_quotation_refuses_a_column_of_the_wrong_length(contract: Contract) -> None:
    short = [(CIF_HAMBURG, [Money("1.00", "USD")])]
    with pytest.raises(ValidationError, match="expected 12 unit prices") as exc:
        documents.quotation(contract, prices=short)
    assert exc.value.problems[0].path == "prices[0][1]"
    with pytest.raises(ValidationError, match="expected a TradeTerm") as exc:
        documents.quotation(contract, prices=[("CIF", [Money("1", "USD")] * 12)])
    assert exc.value.problems[0].path == "prices[0][0]"


def _with_photo(contract: Contract, path: Path) -> Contract:
    product = attrs.evolve(contract.items[0].product, image=str(path))
    first = attrs.evolve(contract.items[0], product=product)
    return attrs.evolve(contract, items=(first, *contract.items[1:]))


def test_product_photo_is_embedded(contract: Contract, tmp_path: Path) -> None:
    photo = tmp_path / "panel.png"
    Image.new("RGB", (60, 60), (200, 30, 30)).save(photo)
    target = tmp_path / "q.pdf"
    documents.quotation(_with_photo(contract, photo)).pdf(target)
    reader = pypdf.PdfReader(target)
    assert sum(len(page.images) for page in reader.pages) == 1


def test_missing_photo_raises_and_leaves_no_file(contract: Contract, tmp_path: Path) -> None:
    doc = documents.quotation(_with_photo(contract, tmp_path / "missing.png"))
    with pytest.raises(RenderError, match=r"missing\.png"):
        doc.pdf(tmp_path / "q.pdf")
    assert list(tmp_path.iterdir()) == []


def test_photos_can_be_left_out(contract: Contract, tmp_path: Path) -> None:
    doc = documents.quotation(_with_photo(contract, tmp_path / "missing.png"), photos=False)
    assert doc.pdf()[:5] == b"%PDF-"


def test_price_columns_built_on_the_contract_prices() -> None:
    # The FOB column is the contract's 18.60; CFR adds the freight per unit the quote found
    # (17.68 - 15.86 = 1.82) and CIF divides by 1 - 110% x 0.3%: 20.42 / 0.9967 = 20.4876...
    from exportdocs import TradeTerm, costing, documents
    from exportdocs.samples import HAMBURG, sample_contract, sample_cost_inputs

    contract = sample_contract()
    quote = costing.quote(sample_cost_inputs(contract))
    cfr, cif = documents.price_columns(
        quote, [TradeTerm("CFR", HAMBURG), TradeTerm("CIF", HAMBURG)], base=contract
    )
    assert [str(p.amount) for p in cfr[1][:2]] == ["20.42", "21.64"]
    assert [str(p.amount) for p in cif[1][:2]] == ["20.49", "21.71"]
    for item, c, i in zip(contract.items, cfr[1], cif[1], strict=True):
        assert item.unit_price <= c <= i


def test_quotation_has_its_own_number_and_date(contract: Contract) -> None:
    doc = documents.quotation(contract, number="BW-Q-2026-0311", date="2026-10-22")
    assert doc.number == "BW-Q-2026-0311"
    assert doc.filename("pdf") == "BW-Q-2026-0311_quotation_en.pdf"
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(_io(doc.pdf())).pages)
    # pypdf reads the right-aligned value before its label: "BW-Q-2026-0311Quotation No.:".
    assert contains(text, "BW-Q-2026-0311Quotation No.:")
    assert contains(text, "22 Oct 2026Date:")
    assert not contains(text, "BW-2026-0418")


def test_quotation_number_and_date_are_validated(contract: Contract) -> None:
    with pytest.raises(ValidationError) as exc:
        documents.quotation(contract, number="  ")
    assert exc.value.problems[0].path == "number"
    with pytest.raises(ValidationError) as exc:
        documents.quotation(contract, date="2026-12-03")  # after valid_until, 2 Dec
    assert exc.value.problems[0].path == "valid_until"
    with pytest.raises(ValidationError) as exc:
        documents.quotation(contract, date="22/10/2026")
    assert exc.value.problems[0].path == "date"


def _io(data: bytes | None) -> io.BytesIO:
    assert data is not None
    return io.BytesIO(data)
