"""The trade units a quantity may be given in: a fixed, documented set."""

from __future__ import annotations

from exportdocs._validation import ParseEnum

__all__ = ["Unit"]


class Unit(ParseEnum):
    """A unit of quantity as printed on trade documents.

    Each member carries its English plural code (the value), its Chinese name and
    whether it counts items or packing units (UCP 600 Art. 30(b): quantities that
    are not counted, such as KGS or MTRS, get a 5 % tolerance under an L/C).

    ======  =====  =========  ==========
    code    zh     counted    meaning
    ======  =====  =========  ==========
    PCS     个     yes        pieces
    SETS    套     yes        sets
    PAIRS   双     yes        pairs
    UNITS   台     yes        units (machines, appliances)
    DOZ     打     yes        dozens
    CTNS    箱     yes        cartons
    BOXES   盒     yes        boxes
    BAGS    袋     yes        bags
    ROLLS   卷     yes        rolls
    PKGS    件     yes        packages
    KGS     千克   no         kilograms
    MT      吨     no         metric tons
    LBS     磅     no         pounds
    MTRS    米     no         metres
    YDS     码     no         yards
    SQM     平方米 no         square metres
    CBM     立方米 no         cubic metres
    LTRS    升     no         litres
    ======  =====  =========  ==========

    >>> Unit.parse("pcs"), Unit.parse("PC"), Unit.KGS.zh
    (<Unit.PCS: 'PCS'>, <Unit.PCS: 'PCS'>, '千克')
    """

    PCS = "PCS"
    SETS = "SETS"
    PAIRS = "PAIRS"
    UNITS = "UNITS"
    DOZ = "DOZ"
    CTNS = "CTNS"
    BOXES = "BOXES"
    BAGS = "BAGS"
    ROLLS = "ROLLS"
    PKGS = "PKGS"
    KGS = "KGS"
    MT = "MT"
    LBS = "LBS"
    MTRS = "MTRS"
    YDS = "YDS"
    SQM = "SQM"
    CBM = "CBM"
    LTRS = "LTRS"

    @property
    def zh(self) -> str:
        """The Chinese name printed on Chinese documents."""
        return _ZH[self]

    @property
    def counted(self) -> bool:
        """True for units that count items or packages (no UCP 600 Art. 30(b) tolerance)."""
        return self not in _MEASURED

    @property
    def singular(self) -> str:
        """The singular form used after a quantity of one (``1 CTN``)."""
        return _SINGULAR.get(self, self.value)

    # ``parse`` accepts a Unit, its code, or a common singular or spelled-out alias.

    @classmethod
    def _key(cls, text: str) -> str:
        return text.strip().upper().rstrip(".")

    @classmethod
    def _aliases(cls) -> dict[str, Unit]:
        return _ALIASES

    @classmethod
    def _refusal(cls, value: object) -> str:
        return "unknown unit; use one of " + ", ".join(u.value for u in cls)


_ZH = {
    Unit.PCS: "个",
    Unit.SETS: "套",
    Unit.PAIRS: "双",
    Unit.UNITS: "台",
    Unit.DOZ: "打",
    Unit.CTNS: "箱",
    Unit.BOXES: "盒",
    Unit.BAGS: "袋",
    Unit.ROLLS: "卷",
    Unit.PKGS: "件",
    Unit.KGS: "千克",
    Unit.MT: "吨",
    Unit.LBS: "磅",
    Unit.MTRS: "米",
    Unit.YDS: "码",
    Unit.SQM: "平方米",
    Unit.CBM: "立方米",
    Unit.LTRS: "升",
}
_MEASURED = frozenset(
    {Unit.KGS, Unit.MT, Unit.LBS, Unit.MTRS, Unit.YDS, Unit.SQM, Unit.CBM, Unit.LTRS}
)
_SINGULAR = {
    Unit.PCS: "PC",
    Unit.SETS: "SET",
    Unit.PAIRS: "PAIR",
    Unit.UNITS: "UNIT",
    Unit.CTNS: "CTN",
    Unit.BOXES: "BOX",
    Unit.BAGS: "BAG",
    Unit.ROLLS: "ROLL",
    Unit.PKGS: "PKG",
    Unit.KGS: "KG",
    Unit.LBS: "LB",
    Unit.MTRS: "MTR",
    Unit.YDS: "YD",
    Unit.LTRS: "LTR",
}
_ALIASES = {
    "PC": Unit.PCS,
    "PIECE": Unit.PCS,
    "PIECES": Unit.PCS,
    "SET": Unit.SETS,
    "PAIR": Unit.PAIRS,
    "PRS": Unit.PAIRS,
    "UNIT": Unit.UNITS,
    "DOZEN": Unit.DOZ,
    "DZ": Unit.DOZ,
    "CTN": Unit.CTNS,
    "CARTON": Unit.CTNS,
    "CARTONS": Unit.CTNS,
    "BOX": Unit.BOXES,
    "BAG": Unit.BAGS,
    "ROLL": Unit.ROLLS,
    "PKG": Unit.PKGS,
    "PACKAGE": Unit.PKGS,
    "PACKAGES": Unit.PKGS,
    "KG": Unit.KGS,
    "TON": Unit.MT,
    "TONS": Unit.MT,
    "MTS": Unit.MT,
    "LB": Unit.LBS,
    "M": Unit.MTRS,
    "MTR": Unit.MTRS,
    "METER": Unit.MTRS,
    "METRE": Unit.MTRS,
    "METERS": Unit.MTRS,
    "METRES": Unit.MTRS,
    "YD": Unit.YDS,
    "M2": Unit.SQM,
    "M3": Unit.CBM,
    "L": Unit.LTRS,
    "LTR": Unit.LTRS,
}


def to_unit(value: Unit | str) -> Unit:
    """The Unit ``value`` names (see :meth:`Unit.parse`); a field converter."""
    return Unit.parse(value)
