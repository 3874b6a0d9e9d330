"""The docs show the real data: tables generated from the code must match the pages."""

from __future__ import annotations

from pathlib import Path

from exportdocs import Incoterm

DOCS = Path(__file__).resolve().parent.parent / "docs"


def incoterms_table() -> str:
    """The Incoterms page's obligations table, built from ``Incoterm`` data."""

    def side(value: object) -> str:
        return "—" if value is None else str(getattr(value, "value", value)).capitalize()

    rows = [
        "| Rule | Name | Mode | Named place | Export clearance | Loading | Main carriage "
        "| Insurance (min. cover) | Unloading | Import clearance |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for rule in Incoterm:
        ob = rule.obligations
        loading = side(ob.loading) + (
            " (at own premises)" if ob.loading_only_at_seller_premises else ""
        )
        insurance = "—" if ob.insurance is None else f"{side(ob.insurance)}, {ob.min_cover.value}"
        rows.append(
            f"| {rule.code} | {rule.title} | {'any' if rule.mode.value == 'any' else 'sea/inland waterway'} "
            f"| {rule.named_place.value} | {side(ob.export_clearance)} | {loading} "
            f"| {side(ob.main_carriage)} | {insurance} | {side(ob.unloading)} "
            f"| {side(ob.import_clearance)} |"
        )
    return "\n".join(rows)


def test_incoterms_page_shows_the_data() -> None:
    page = (DOCS / "incoterms.md").read_text(encoding="utf-8")
    assert incoterms_table() in page
