"""Every fixed wording the trade documents print, in English and Chinese.

One table, so the four documents use the same words for the same thing and a
translation is fixed in one place. A bilingual document prints both forms, the
English first (``PROFORMA INVOICE 形式发票``); table headers put the Chinese on
a second line so the columns stay narrow.

>>> from exportdocs.render import Language
>>> label("proforma_invoice", Language.EN_ZH)
'PROFORMA INVOICE 形式发票'
>>> label("qty", Language.ZH), header("qty", Language.EN_ZH)
('数量', 'QTY\\n数量')
"""

from __future__ import annotations

from exportdocs._validation import fail
from exportdocs.render import Language

__all__ = ["LABELS", "both", "header", "label"]

#: key -> (English, Chinese)
LABELS: dict[str, tuple[str, str]] = {
    # titles
    "quotation": ("QUOTATION", "报价单"),
    "proforma_invoice": ("PROFORMA INVOICE", "形式发票"),
    "packing_list": ("PACKING LIST", "装箱单"),
    "cost_sheet": ("COST ANALYSIS SHEET", "成本核算表"),
    # header info
    "quotation_no": ("Quotation No.", "报价单号"),
    "pi_no": ("PI No.", "发票号"),
    "pl_no": ("P/L No.", "装箱单号"),
    "invoice_no": ("Invoice No.", "发票号"),
    "reference": ("Reference", "参考号"),
    "date": ("Date", "日期"),
    "valid_until": ("Valid until", "有效期至"),
    "buyer_po": ("Buyer's PO No.", "买方订单号"),
    "internal": ("INTERNAL — do not send to the buyer", "内部资料，请勿发给客户"),
    # parties
    "seller": ("SELLER", "卖方"),
    "buyer": ("BUYER", "买方"),
    "to": ("TO", "致"),
    "consignee": ("CONSIGNEE", "收货人"),
    "notify": ("NOTIFY PARTY", "通知人"),
    "attn": ("Attn.", "联系人"),
    "tel": ("Tel.", "电话"),
    "email": ("E-mail", "邮箱"),
    "tax_id": ("Tax ID", "税号"),
    # terms
    "terms": ("TERMS", "条款"),
    "price_term": ("Price term", "价格条款"),
    "port_of_loading": ("Port of loading", "装运港"),
    "port_of_discharge": ("Port of discharge", "目的港"),
    "shipment": ("Latest shipment", "最迟装运期"),
    "lead_time": ("Lead time", "交货期"),
    "lead_time_days": ("{days} days after receipt of deposit", "收到定金后{days}天"),
    "lead_time_days_lc": ("{days} days after receipt of the L/C", "收到信用证后{days}天"),
    "lead_time_days_plain": ("{days} days after order confirmation", "确认订单后{days}天"),
    "partial_shipment": ("Partial shipment", "分批装运"),
    "transhipment": ("Transhipment", "转运"),
    "allowed": ("Allowed", "允许"),
    "not_allowed": ("Not allowed", "不允许"),
    "payment_terms": ("Payment terms", "付款方式"),
    "packing": ("Packing", "包装"),
    "insurance": ("Insurance", "保险"),
    "insured_amount": ("Sum insured", "保险金额"),
    "shipping_marks": ("SHIPPING MARKS", "唛头"),
    "remarks": ("REMARKS", "备注"),
    "bank_details": ("BANK DETAILS FOR T/T", "电汇银行资料"),
    "bank_details_lc": ("BENEFICIARY'S BANK (for the L/C)", "受益人银行（信用证通知行）"),
    "bank_details_tt_lc": (
        "BANK DETAILS FOR T/T; BENEFICIARY'S BANK (for the L/C)",
        "电汇银行资料；受益人银行（信用证通知行）",
    ),
    "country_of_origin": ("Country of origin", "原产地"),
    "payment_schedule": ("PAYMENT TERMS", "付款方式"),
    "origin": ("Origin", "原产地"),
    # bank
    "BENEFICIARY": ("Beneficiary", "收款人"),
    "BENEFICIARY ADDRESS": ("Beneficiary address", "收款人地址"),
    "BANK": ("Bank", "银行名称"),
    "BANK ADDRESS": ("Bank address", "银行地址"),
    "SWIFT/BIC": ("SWIFT/BIC", "SWIFT代码"),
    "A/C NO.": ("A/C No.", "账号"),
    "IBAN": ("IBAN", "IBAN"),
    "INTERMEDIARY BANK": ("Intermediary bank", "中转行"),
    "CURRENCY": ("Currency", "币种"),
    # item columns
    "no": ("NO.", "序号"),
    "photo": ("PHOTO", "图片"),
    "item_no": ("ITEM NO.", "货号"),
    "description": ("DESCRIPTION", "品名及规格"),
    "hs_code": ("HS CODE", "海关编码"),
    "qty": ("QTY", "数量"),
    "unit": ("UNIT", "单位"),
    "moq": ("MOQ", "起订量"),
    "unit_price": ("UNIT PRICE", "单价"),
    "amount": ("AMOUNT", "金额"),
    "qty_per_ctn": ("QTY/CTN", "每箱\n数量"),
    "carton_size": ("CARTON (CM)", "外箱尺寸\n(厘米)"),
    "cbm_per_ctn": ("CBM/CTN", "每箱体积\n(立方米)"),
    "gw_per_ctn": ("G.W./CTN (KG)", "每箱毛重\n(千克)"),
    "c_no": ("C/NO.", "箱号"),
    "ctns": ("CTNS", "箱数"),
    "total_qty": ("TOTAL QTY", "总数量"),
    "nw_kg": ("N.W. (KG)", "净重\n(千克)"),
    "gw_kg": ("G.W. (KG)", "毛重\n(千克)"),
    # Packing-list headers: English words short enough to wrap above a narrow figure column.
    "ctn_qty": ("QTY PER CTN", "每箱\n数量"),
    "carton": ("Carton", "外箱"),
    "ctn_nw": ("N.W. PER CTN (KG)", "每箱\n净重\n(千克)"),
    "ctn_gw": ("G.W. PER CTN (KG)", "每箱\n毛重\n(千克)"),
    "total_nw_kg": ("TOTAL N.W. (KG)", "总净重\n(千克)"),
    "total_gw_kg": ("TOTAL G.W. (KG)", "总毛重\n(千克)"),
    "meas": ("MEAS. (CM)", "外箱尺寸\n(厘米)"),
    "cbm": ("CBM", "体积\n(立方米)"),
    "mixed": ("mixed carton", "混装箱"),
    "mixed_note": (
        "({ctn}) = mixed carton: one row for every item it holds, with that item's quantity and "
        "share of the weights and volume; counted once in the totals.",
        "（{ctn}）= 混装箱：所装每个货号各列一行，列出该货号的数量及其所占重量和体积；合计中只计一次。",
    ),
    # totals
    "total": ("TOTAL", "合计"),
    "subtotal": ("SUBTOTAL", "小计"),
    "discount": ("DISCOUNT", "折扣"),
    "total_amount": ("TOTAL AMOUNT", "总金额"),
    "total_packages": ("TOTAL PACKAGES", "总件数"),
    "total_nw": ("TOTAL N.W.", "总净重"),
    "total_gw": ("TOTAL G.W.", "总毛重"),
    "total_meas": ("TOTAL MEAS.", "总体积"),
    "cartons": ("CARTONS", "箱"),
    "kgs": ("KGS", "千克"),
    "cbm_unit": ("CBM", "立方米"),
    "packages_summary": (
        "{ctns} CARTONS, N.W. {nw} KGS, G.W. {gw} KGS, MEAS. {cbm} CBM",
        "共{ctns}箱，净重{nw}千克，毛重{gw}千克，体积{cbm}立方米",
    ),
    "export_carton": ("Export cartons", "出口纸箱"),
    # quotation notes
    "validity_note": (
        "Prices are based on the exchange rate and ocean freight of the quotation date and may be "
        "adjusted if either changes before the order is confirmed.",
        "本报价按报价日的汇率和海运费计算，订单确认前如汇率或运费变动，价格可相应调整。",
    ),
    "incoterms_note": ("Prices per Incoterms® 2020.", "价格条款按《2020年国际贸易术语解释通则》。"),
    # signatures
    "for_seller": ("For and on behalf of the SELLER", "卖方（签字盖章）"),
    "confirmed_by": ("Confirmed and accepted by the BUYER", "买方确认（签字盖章）"),
    "signature_date": ("Date", "日期"),
    "authorised_signature": ("Authorised signature", "授权签字"),
    # cost sheet
    "assumptions": ("ASSUMPTIONS", "核算依据"),
    "cost_inputs": ("PURCHASE COST PER UNIT", "单位采购成本"),
    "domestic_costs": ("DOMESTIC COSTS (PER SHIPMENT)", "国内费用（整票）"),
    "rule_prices": ("PRICES PER INCOTERMS® RULE", "各贸易术语报价"),
    "line_income": ("INCOME PER LINE", "各行收入"),
    "line_cost": ("COST, PROFIT AND MARGIN PER LINE", "各行成本与利润"),
    "sensitivity": ("EXCHANGE-RATE SENSITIVITY (ORDER)", "汇率敏感性（整单）"),
    "approval": ("APPROVAL", "审批"),
    "approval_required": ("APPROVAL REQUIRED", "需经理审批"),
    "approval_not_required": ("No approval required", "无需审批"),
    "approved_by": ("Approved by", "审批人"),
    "prepared_by": ("Prepared by", "制表人"),
    "purchase_price": ("PURCHASE PRICE INCL. VAT", "含税采购价"),
    "vat_rate": ("VAT", "增值税率"),
    "rebate_rate": ("REBATE", "退税率"),
    "ex_vat": ("EX-VAT PRICE", "不含税价"),
    "rebate": ("REFUND/UNIT", "单位退税额"),
    "real_cost": ("REAL COST/UNIT", "实际成本/单位"),
    "list_price": ("LIST PRICE", "底价"),
    "category": ("COST", "费用项目"),
    "allocation": ("ALLOCATED BY", "分摊方式"),
    "by_volume": ("volume", "按体积"),
    "by_value": ("value", "按货值"),
    "by_quantity": ("quantity", "按数量"),
    "by_weight": ("weight", "按重量"),
    "invoice_value": ("INVOICE VALUE", "发票金额"),
    "commission": ("COMMISSION", "佣金"),
    "commission_col": ("COMM.", "佣金"),
    "insurance_col": ("INSUR.", "保险费"),
    "freight": ("FREIGHT", "运费"),
    "destination_costs": ("DEST. COSTS", "目的地费用"),
    "net_income": ("NET INCOME", "净收入"),
    "goods_cost": ("GOODS COST", "货物成本"),
    "domestic": ("DOMESTIC", "国内费用"),
    "bank_charges": ("BANK", "银行费用"),
    "total_cost": ("TOTAL COST", "总成本"),
    "profit": ("PROFIT", "利润"),
    "margin": ("MARGIN", "销售利润率"),
    "markup": ("MARKUP", "成本利润率"),
    "exchange_cost": ("EXCH. COST", "换汇成本"),
    "flag": ("NEEDS APPROVAL", "需审批"),
    "yes": ("yes", "是"),
    "fx_change": ("RATE CHANGE", "汇率变动"),
    "fx_rate": ("EXCHANGE RATE", "汇率"),
    "order": ("ORDER", "整单"),
    "method": ("Method", "核算方法"),
    "exchange_rate": ("Exchange rate", "汇率"),
    "target": ("Target", "目标利润"),
    "bank_rate": ("Bank charges", "银行费率"),
    "commission_rate": ("Commission", "佣金"),
    "insurance_rate": ("Insurance", "保险"),
    "freight_basis": ("Freight", "海运费"),
    "approval_rule": ("Approval if", "审批条件"),
    "price_precision": ("Price precision", "报价精度"),
    "containers": ("Containers", "集装箱"),
    "quantity": ("Quantity", "数量"),
    "currency_quote": ("Quote currency", "报价币种"),
    "reason_thin": (
        "{where}: {basis} {value} is below {threshold}",
        "{where}：{basis} {value} 低于 {threshold}",
    ),
    "reason_list": (
        "{where}: {term} price {value} is below the list price {threshold}",
        "{where}：{term}价格 {value} 低于底价 {threshold}",
    ),
    "line_n": ("line {n}", "第{n}行"),
    "margin_on_sale": ("margin on sale", "销售利润率"),
    "markup_on_cost": ("markup on cost", "成本利润率"),
}


def _pair(key: str) -> tuple[str, str]:
    try:
        return LABELS[key]
    except KeyError:
        raise fail("no such document label", key, "key") from None


def label(key: str, language: Language, sep: str = " ") -> str:
    """The label in ``language``; bilingual gives both, English first, joined by ``sep``."""
    en, zh = _pair(key)
    if language is Language.EN:
        return en
    if language is Language.ZH:
        return zh
    return en if en == zh else f"{en}{sep}{zh}"


def header(key: str, language: Language) -> str:
    """A table column header: bilingual headers put the Chinese on a second line."""
    return label(key, language, "\n")


def both(key: str) -> tuple[str, str]:
    """The (English, Chinese) pair, for wordings with placeholders."""
    return _pair(key)
