"""Dry containers as data, and how many a shipment needs.

The loadable volume and the payload limit of each box are *planning* figures,
not the box's nominal capacity: cartons never fill a container's inner volume,
and road-weight limits at destination often cap the cargo well below the box's
payload (about 17 t in a 20' and 19 t in a 40' for the US and Canada). Both
limits are plain data on :class:`ContainerSpec` and can be changed per quote.
The count is an upper-bound estimate: a real stowage plan depends on the
carton dimensions.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

import attrs

from exportdocs._validation import ParseEnum, check, collecting, fail, to_decimal, to_positive

__all__ = ["ContainerEstimate", "ContainerSpec", "ContainerType", "estimate_containers"]

_KG_PER_T = Decimal(1000)


class ContainerType(ParseEnum):
    """The three dry-container sizes used for most general cargo.

    Each carries a default practical loadable volume (m³) and a payload limit
    (kg): 20GP 28 m³ / 28,000 kg, 40GP 58 m³ / 26,500 kg, 40HQ 68 m³ /
    26,500 kg (the upper end of the practical volume, the lower end of the
    payload range of common boxes). ``parse`` takes the code in any case, and also
    ``"20'"``, ``"40"`` or ``"40HC"``.

    >>> ContainerType.parse("40hq").default_max_cbm
    Decimal('68')
    """

    GP20 = "20GP"
    GP40 = "40GP"
    HQ40 = "40HQ"

    @property
    def default_max_cbm(self) -> Decimal:
        """Practical loadable volume in m³."""
        return _DEFAULTS[self][0]

    @property
    def default_max_payload_kg(self) -> Decimal:
        """Payload limit of the box in kg."""
        return _DEFAULTS[self][1]

    @property
    def inner_cbm(self) -> Decimal:
        """Nominal internal volume in m³ (for display; never loadable in full)."""
        return _DEFAULTS[self][2]

    @classmethod
    def _key(cls, text: str) -> str:
        return text.strip().upper().replace(" ", "").replace("'", "")

    @classmethod
    def _aliases(cls) -> dict[str, ContainerType]:
        return _ALIASES

    @classmethod
    def _refusal(cls, value: object) -> str:
        return "unknown container type; use one of " + ", ".join(m.value for m in cls)


_DEFAULTS = {
    ContainerType.GP20: (Decimal(28), Decimal(28000), Decimal("33.2")),
    ContainerType.GP40: (Decimal(58), Decimal(26500), Decimal("67.7")),
    ContainerType.HQ40: (Decimal(68), Decimal(26500), Decimal("76.3")),
}
#: Other spellings of the codes (``"20'"`` and ``"40 HC"`` normalise to these keys).
_ALIASES = {
    "20": ContainerType.GP20,
    "20DC": ContainerType.GP20,
    "40": ContainerType.GP40,
    "40DC": ContainerType.GP40,
    "40HC": ContainerType.HQ40,
}


def _container_type(value: ContainerType | str) -> ContainerType:
    return ContainerType.parse(value)


@attrs.frozen(field_transformer=collecting)
class ContainerSpec:
    """A container type with the limits used to plan a shipment.

    >>> ContainerSpec.of("20GP")
    ContainerSpec(type=<ContainerType.GP20: '20GP'>, max_cbm=Decimal('28'), max_payload_kg=Decimal('28000'))
    >>> ContainerSpec.of("20GP", max_payload_kg=17000).max_payload_kg  # US road limit
    Decimal('17000')
    """

    type: ContainerType = attrs.field(converter=_container_type)
    max_cbm: Decimal = attrs.field(converter=to_positive)
    max_payload_kg: Decimal = attrs.field(converter=to_positive)

    def __attrs_post_init__(self) -> None:
        check(self)

    @classmethod
    def of(
        cls,
        container: ContainerType | str,
        *,
        max_cbm: Decimal | int | str | None = None,
        max_payload_kg: Decimal | int | str | None = None,
    ) -> ContainerSpec:
        """The type's default limits, with either one overridden."""
        kind = ContainerType.parse(container)
        return cls(
            kind,
            kind.default_max_cbm if max_cbm is None else max_cbm,
            kind.default_max_payload_kg if max_payload_kg is None else max_payload_kg,
        )

    def __str__(self) -> str:
        return f"{self.type.value} (≤ {self.max_cbm:f} m³, ≤ {self.max_payload_kg:f} kg)"


@attrs.frozen
class ContainerEstimate:
    """How many containers a shipment needs, and which limit decided it.

    ``limited_by`` is ``"volume"`` or ``"weight"``.
    """

    spec: ContainerSpec
    count: int
    cbm: Decimal
    gross_weight_kg: Decimal
    limited_by: str

    @property
    def volume_used(self) -> Decimal:
        """Share of the loadable volume used, as a fraction (0.5 = half full)."""
        return self.cbm / (self.spec.max_cbm * self.count)

    def __str__(self) -> str:
        return f"{self.count} × {self.spec.type.value}"


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def estimate_containers(
    cbm: Decimal | int | str,
    gross_weight_kg: Decimal | int | str,
    spec: ContainerSpec | ContainerType | str,
) -> ContainerEstimate:
    """Containers needed for a shipment: the larger of the volume and the weight counts.

    At least one container is needed for any cargo.

    >>> print(estimate_containers("15.000", "2500", "20GP"))
    1 × 20GP
    >>> e = estimate_containers("60", "30000", "20GP")
    >>> e.count, e.limited_by
    (3, 'volume')
    >>> estimate_containers("20", "40000", "20GP").limited_by
    'weight'
    """
    volume = to_decimal(cbm, "cbm")
    weight = to_decimal(gross_weight_kg, "gross_weight_kg")
    if volume < 0:
        raise fail("must not be negative", cbm, "cbm")
    if weight < 0:
        raise fail("must not be negative", gross_weight_kg, "gross_weight_kg")
    if not isinstance(spec, ContainerSpec):
        spec = ContainerSpec.of(spec)
    by_volume = _ceil(volume / spec.max_cbm)
    by_weight = _ceil(weight / spec.max_payload_kg)
    count = max(by_volume, by_weight, 1)
    limited_by = "weight" if by_weight > by_volume else "volume"
    return ContainerEstimate(spec, count, volume, weight, limited_by)


def revenue_tons(cbm: Decimal, gross_weight_kg: Decimal) -> Decimal:
    """LCL freight tons, weight or measure (W/M): the larger of m³ and metric tons."""
    return max(cbm, gross_weight_kg / _KG_PER_T)
