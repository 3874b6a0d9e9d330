"""Pieces the four document builders share: context, letterhead, party boxes, words.

A builder turns the model into render blocks of formatted strings; nothing here
computes a figure. Amounts, weights and counts come from the contract (or the
cost sheet) and are only written, through the number format of the document's
language (``Ctx.numbers``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import attrs

from exportdocs._contract import Contract
from exportdocs._incoterms import TradeTerm
from exportdocs._money import Money
from exportdocs._packing import Dimensions
from exportdocs._parties import Party
from exportdocs._payment import PaymentTerms
from exportdocs._places import Place
from exportdocs._product import Product
from exportdocs._triggers import Trigger
from exportdocs._units import Unit
from exportdocs._validation import fail
from exportdocs._words import amount_in_words, chinese_uppercase, rmb_uppercase
from exportdocs.documents._labels import both, header, label
from exportdocs.documents._numformat import NumberFormat
from exportdocs.exceptions import TableTooWideError, ValidationError
from exportdocs.render import (
    Document,
    DocumentMeta,
    Format,
    Language,
    Letterhead,
    Orientation,
    Signature,
    Signatures,
    Style,
    Target,
    render,
)
from exportdocs.render import Party as Box

__all__ = [
    "Ctx",
    "TradeDocument",
    "amount_words",
    "check_contract",
    "dims_text",
    "lead_time_text",
    "letterhead_for",
    "make_context",
    "meta_for",
    "origin_text",
    "party_box",
    "payment_text",
    "place_text",
    "product_text",
    "remarks_lines",
    "signatures",
    "single_signature",
    "style_for",
    "term_text",
]


@attrs.frozen
class Ctx:
    """What every builder needs: the language, the number format and the style."""

    language: Language
    numbers: NumberFormat
    style: Style

    def label(self, key: str) -> str:
        """A label in the document's language (bilingual: ``EN 中文``)."""
        return label(key, self.language)

    def header(self, key: str) -> str:
        """A table header (bilingual: Chinese on a second line)."""
        return header(key, self.language)

    def text(self, key: str, sep: str = "\n", **fields: Any) -> str:
        """A wording with placeholders filled in; bilingual joins both with ``sep``."""
        en, zh = both(key)
        if self.language is Language.EN:
            return en.format(**fields)
        if self.language is Language.ZH:
            return zh.format(**fields)
        return en.format(**fields) + sep + zh.format(**fields)

    @property
    def zh(self) -> bool:
        """True when Chinese wording is printed (Chinese or bilingual)."""
        return self.language is not Language.EN

    @property
    def en(self) -> bool:
        """True when English wording is printed (English or bilingual)."""
        return self.language is not Language.ZH

    @property
    def grid_columns(self) -> int:
        """Pairs per row of a terms grid: bilingual labels need the room of a whole row."""
        return 2 if self.language is Language.EN_ZH else 4

    def date(self, value: dt.date) -> str:
        """A date in the document's language."""
        return self.numbers.date(value)

    def yes_no(self, allowed: bool) -> str:
        """``Allowed`` / ``Not allowed`` (允许 / 不允许)."""
        return self.label("allowed" if allowed else "not_allowed")

    def unit(self, unit: Unit) -> str:
        """A unit of measure as a column prints it: ``PCS``, ``个`` on Chinese documents."""
        return unit.zh if self.language is Language.ZH else unit.value


def _language(value: Any) -> Language:
    try:
        return Language.parse(value)
    except ValidationError:
        raise fail(
            "language must be 'en', 'zh' or 'en-zh' (bilingual)", value, "language"
        ) from None


def check_contract(contract: Any) -> Contract:
    """The contract, or a ValidationError naming what was passed instead."""
    if not isinstance(contract, Contract):
        raise fail(f"expected a Contract, not {type(contract).__name__}", contract, "contract")
    return contract


def letterhead_for(seller: Party, language: Language) -> Letterhead:
    """The seller's letterhead: name, address and contacts (Chinese name on Chinese documents)."""
    en_lines = (seller.name, *seller.address_block)
    zh_lines = seller.lines("zh")
    if language is Language.EN:
        # The country joins the last address line: a letterhead line saved for the body.
        name, address = en_lines[0], (*en_lines[1:-2], ", ".join(en_lines[-2:]))
    elif language is Language.ZH:
        name, address = zh_lines[0], zh_lines[1:]
    else:
        # The Chinese name goes under the English one: side by side it would wrap.
        name = seller.name
        address = (*([seller.name_zh] if seller.name_zh else []), ", ".join(en_lines[1:]))
        if seller.address_zh:
            address = (*address, " ".join(zh_lines[1:]))
    # Phone and e-mail on lines of their own: a long e-mail address must not wrap.
    contacts = tuple(
        f"{label(k, language)}: {v}"
        for k, v in (("tel", seller.phone), ("email", seller.email))
        if v
    )
    return Letterhead(name, (*address, *contacts))


def style_for(seller: Party, language: Language, style: Style | None) -> Style:
    """The caller's style (or the default) in ``language``, with the seller's letterhead if none."""
    if style is not None and not isinstance(style, Style):
        raise fail(f"expected a render.Style, not {type(style).__name__}", style, "style")
    base = style if style is not None else Style()
    letterhead = base.letterhead or letterhead_for(seller, language)
    return attrs.evolve(base, language=language, letterhead=letterhead)


def make_context(
    seller: Party, language: Any, style: Style | None, currency_display: Any = "code"
) -> Ctx:
    """Check the common arguments and build the builder context."""
    lang = _language(language)
    return Ctx(lang, NumberFormat(lang, currency_display), style_for(seller, lang, style))


#: The documents' names in Chinese, for the file's title in the document's language.
_KIND_ZH = {
    "Quotation": "报价单",
    "Proforma invoice": "形式发票",
    "Packing list": "装箱单",
    "Cost analysis sheet": "成本核算表",
}


def meta_for(
    kind: str, number: str, created: dt.date, author: str, language: Language
) -> DocumentMeta:
    """Metadata: title, reference in the footer, creation date = the document date.

    The title is in the document's language (``形式发票 BW-2026-0418``; both names
    in a bilingual one), as a reader's file list or PDF viewer shows it. The PDF
    file ID is derived from the document number and the English kind, so the same
    contract always gives the same bytes.
    """
    name = {
        Language.EN: kind,
        Language.ZH: _KIND_ZH[kind],
        Language.EN_ZH: f"{kind} {_KIND_ZH[kind]}",
    }[language]
    title = f"{name} {number}"
    return DocumentMeta(
        title, author=author, reference=number, created=created, identifier=f"{number}/{kind}"
    )


def party_box(
    key: str, party: Party, ctx: Ctx, *, contacts: bool = True, phone: bool = True
) -> Box:
    """A labelled party box: name, address, country, then contact details."""
    if ctx.language is Language.EN:
        lines = list(party.lines("en"))
    elif ctx.language is Language.ZH:
        lines = list(party.lines("zh"))
    else:
        lines = list(party.lines("en"))
        zh = party.lines("zh")
        if party.name_zh:
            lines.insert(1, party.name_zh)
        if party.address_zh:
            lines.extend(zh[1:])
    if contacts:
        if party.contact:
            lines.append(f"{ctx.label('attn')}: {party.contact}")
        # One line each: a long e-mail address must not break in the middle.
        lines += [
            f"{ctx.label(k)}: {v}"
            for k, v in (("tel", party.phone), ("email", party.email))
            if v and phone
        ]
    return Box(ctx.label(key), lines[:20])


def product_text(product: Product, ctx: Ctx, *, hs: bool = False, spec: bool = True) -> str:
    """Description (and specification, HS code) in the document's language."""
    en = product.description
    zh = product.description_zh or product.description
    if ctx.language is Language.EN:
        parts = [en]
    elif ctx.language is Language.ZH:
        parts = [zh]
    else:
        parts = [en] + ([zh] if product.description_zh else [])
    if spec and product.specification:
        parts.append(product.specification)
    if hs and product.hs_code is not None:
        parts.append(f"HS {product.hs_code.formatted}")
    return "\n".join(parts)


def amount_words(money: Money, ctx: Ctx) -> str:
    """The amount in words: English trade form, Chinese uppercase (大写), or both."""
    parts = []
    if ctx.en:
        parts.append(amount_in_words(money))
    if ctx.zh:
        if money.currency.code == "CNY":
            parts.append(f"大写：{rmb_uppercase(money)}")
        else:
            parts.append(f"大写：{chinese_uppercase(money)}")
    return "\n".join(parts)


def signatures(seller: Party, buyer: Party, ctx: Ctx) -> Signatures:
    """Seller's signature box and the buyer's "confirmed and accepted by" box.

    The label stays one line; the company and the signatory are printed under the line.
    """
    return Signatures(
        [
            Signature(ctx.label("for_seller"), _name(seller, ctx), seller.contact or ""),
            Signature(ctx.label("confirmed_by"), _name(buyer, ctx), buyer.contact or ""),
        ]
    )


def _name(party: Party, ctx: Ctx) -> str:
    return party.name_zh if ctx.language is Language.ZH and party.name_zh else party.name


def single_signature(seller: Party, ctx: Ctx, date: dt.date) -> Signatures:
    """The seller's signature box and a date box (a signature block never splits across pages)."""
    return Signatures(
        [
            Signature(ctx.label("for_seller"), _name(seller, ctx), seller.contact or ""),
            Signature(ctx.label("signature_date"), ctx.date(date)),
        ]
    )


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@attrs.frozen
class TradeDocument:
    """A built trade document: the blocks, the style to render them with, and its name.

    ``kind`` is ``quotation``, ``proforma-invoice``, ``packing-list`` or
    ``cost-sheet``; :meth:`filename` gives ``BW-2026-0418_proforma-invoice_en.pdf``.
    Rendering never changes the model; call :meth:`pdf` or :meth:`docx` as often as
    needed (the output is the same bytes every time).
    """

    kind: str
    number: str
    language: Language
    document: Document
    style: Style

    def filename(self, format: Format | str = Format.PDF) -> str:
        """``<number>_<kind>_<language>.<ext>``; characters unsafe in file names become ``-``."""
        number = _UNSAFE.sub("-", self.number).strip("-.") or "document"
        return f"{number}_{self.kind}_{self.language.value}.{Format.parse(format).value}"

    def render(self, format: Format | str = Format.PDF, target: Target = None) -> bytes | None:
        """Render as ``"pdf"`` or ``"docx"``: the bytes (target None), or write to ``target``.

        A portrait document with a table whose figures cannot fit the page even at 7 pt
        is rendered landscape (both formats measure tables alike), rather than refused.
        """
        try:
            return render(self.document, self.style, format, target)
        except TableTooWideError:
            if self.style.orientation is not Orientation.PORTRAIT:
                raise
        turned = attrs.evolve(self.style, orientation=Orientation.LANDSCAPE)
        return render(self.document, turned, format, target)

    def pdf(self, target: Target = None) -> bytes | None:
        """Render as PDF (see :meth:`render`)."""
        return self.render(Format.PDF, target)

    def docx(self, target: Target = None) -> bytes | None:
        """Render as DOCX (see :meth:`render`)."""
        return self.render(Format.DOCX, target)


def dims_text(carton: Dimensions) -> str:
    """Carton size without the unit (the column header says cm): ``62×42×36``."""
    return f"{carton.length:f}×{carton.width:f}×{carton.height:f}"


def place_text(place: Place, ctx: Ctx) -> str:
    """``Ningbo, China`` (``Ningbo, 中国`` in Chinese)."""
    country = place.country.name_in("zh") if ctx.language is Language.ZH else place.country.name
    return f"{place.name}, {country}"


def origin_text(contract: Contract, ctx: Ctx) -> str:
    """The products' country of origin: ``China`` (``中国``); different origins all listed.

    The countries come from each line's ``Product.origin``, in the order of the
    lines, each once (``China, Vietnam``; ``中国、越南``); bilingual prints the
    English names, then the Chinese.
    """
    countries = list(dict.fromkeys(item.product.origin for item in contract.items))
    en = ", ".join(country.name for country in countries)
    zh = "、".join(country.name_in("zh") for country in countries)
    if ctx.language is Language.EN:
        return en
    if ctx.language is Language.ZH:
        return zh
    return en if en == zh else f"{en} {zh}"


def term_text(term: TradeTerm, ctx: Ctx) -> str:
    """``FOB Ningbo Incoterms® 2020``, with the rule's Chinese name on Chinese documents."""
    if ctx.zh:
        return f"{term}（{term.incoterm.title_zh}）"
    return str(term)


def payment_text(payment: PaymentTerms, ctx: Ctx) -> str:
    """The payment terms phrase: English, Chinese (付款方式), or both on two lines."""
    parts = []
    if ctx.en:
        parts.append(payment.phrase())
    if ctx.zh:
        parts.append(payment.phrase_zh())
    return "\n".join(parts)


def lead_time_text(contract: Contract, ctx: Ctx) -> str:
    """``35 days after receipt of deposit`` (or of the L/C, or of the order)."""
    days = contract.lead_time_days
    if days is None:
        return ""
    payment = contract.payment
    if payment.requires_lc:
        key = "lead_time_days_lc"
    elif any(i.trigger is Trigger.ADVANCE for i in payment.instalments):
        key = "lead_time_days"
    else:
        key = "lead_time_days_plain"
    return ctx.text(key, days=days)


def remarks_lines(remarks: Sequence[str], ctx: Ctx) -> list[str]:
    """``REMARKS: 1. ...`` then ``2. ...``: the heading shares the first remark's line, so a
    page break can never leave it alone at the foot of a page."""
    numbered = [f"{n}. {r}" for n, r in enumerate(remarks, 1)]
    if not numbered:
        return []
    return [f"{ctx.label('remarks')}: {numbered[0]}", *numbered[1:]]
