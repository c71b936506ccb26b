"""The transaction and decision model: pydantic, frozen, unknown fields rejected. No business logic.

Derived quantities (TPP, performance density, ECCN base, aggregate throughput) are computed here once,
as read-only properties, so nobody types them twice.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from compliance.countries import COUNTRIES


def _check_country(code: str) -> str:
    if code not in COUNTRIES:
        raise ValueError(
            f"'{code}' is not an ISO 3166-1 alpha-2 country code; use two capital letters such as 'CN', 'US' or 'MO'"
        )
    return code


CountryCode = Annotated[str, AfterValidator(_check_country)]
"""An assigned ISO 3166-1 alpha-2 code such as ``CN`` or ``MO``."""

TRANSACTION_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$"
"""Transaction ids: letters, digits and _ . : / - (no spaces), at most 100 characters."""

ECCN_PATTERN = re.compile(r"^(EAR99|[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*)$")


def _check_eccn(value: str) -> str:
    if not ECCN_PATTERN.match(value):
        raise ValueError(f"'{value}' is not an ECCN; write it like '3A090.a.1', '3D991' or 'EAR99'")
    return value


Eccn = Annotated[str, AfterValidator(_check_eccn)]
# Numbers are exact decimals; the engine compares them rounded to a millionth (compliance.facts), so no
# digit-count constraint is needed, only a bound that keeps them inside the engine's integer range.
Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]
Quantity = Annotated[Decimal, Field(ge=0, le=10**12, allow_inf_nan=False)]


def _hashable(value: Any) -> Any:
    """Lists (membership tests) become tuples, so frozen models stay hashable after a JSON round trip."""
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


class Frozen(BaseModel):
    """Base for every model: immutable, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    @classmethod
    def build(cls, **values: Any) -> Self:
        """Construct from values the engine made itself, already of the right types, without validation.

        pydantic's ``model_construct`` costs about 15 microseconds a call, a large share of a decision; this
        does the same for these plain frozen models (every field either given or defaulted to a constant).
        """
        names, defaults = _layout(cls)
        if not values.keys() <= names.keys():
            raise TypeError(f"{cls.__name__} has no fields {sorted(values.keys() - names.keys())}")
        model = cls.__new__(cls)
        # The serializer writes fields in __dict__ order: keep the declared order.
        object.__setattr__(model, "__dict__", {n: values[n] if n in values else defaults[n] for n in names})
        object.__setattr__(model, "__pydantic_fields_set__", set(values))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model


_LAYOUTS: dict[type, tuple[dict[str, None], dict[str, Any]]] = {}


def _layout(cls: type[BaseModel]) -> tuple[dict[str, None], dict[str, Any]]:
    """Field names in declared order (as dict keys, for fast membership) and constant defaults."""
    found = _LAYOUTS.get(cls)
    if found is None:
        if any(field.default_factory is not None for field in cls.model_fields.values()):
            raise TypeError(f"{cls.__name__}.build does not support default factories")
        names = dict.fromkeys(cls.model_fields)
        defaults = {n: f.default for n, f in cls.model_fields.items() if not f.is_required()}
        found = _LAYOUTS[cls] = (names, defaults)
    return found


class TransactionKind(str, Enum):
    """What the transaction is, in EAR terms (15 CFR 734.13-734.16) plus import and purchase/use."""

    EXPORT = "export"
    REEXPORT = "reexport"
    TRANSFER_IN_COUNTRY = "transfer_in_country"
    EXPORT_FROM_ABROAD = "export_from_abroad"
    DEEMED_EXPORT = "deemed_export"
    DEEMED_REEXPORT = "deemed_reexport"
    IMPORT = "import"
    PURCHASE_USE = "purchase_use"


class PartyRole(str, Enum):
    """A party's role in the transaction (EAR 748.5)."""

    EXPORTER = "exporter"
    PURCHASER = "purchaser"
    INTERMEDIATE_CONSIGNEE = "intermediate_consignee"
    ULTIMATE_CONSIGNEE = "ultimate_consignee"
    END_USER = "end_user"


class ItemCategory(str, Enum):
    """Broad item category; the rulesets key on it where no ECCN is known."""

    INTEGRATED_CIRCUIT = "integrated_circuit"
    COMPUTER = "computer"
    HBM = "hbm"
    EDA_SOFTWARE = "eda_software"
    SOFTWARE = "software"
    TECHNOLOGY = "technology"
    SEMICONDUCTOR_EQUIPMENT = "semiconductor_equipment"
    RARE_EARTH = "rare_earth"
    MAGNET = "magnet"
    CRITICAL_MINERAL = "critical_mineral"
    OTHER = "other"


class EndUse(str, Enum):
    """The stated or known end use."""

    CIVIL = "civil"
    DATA_CENTER = "data_center"
    IAAS = "iaas"
    RESEARCH = "research"
    SUPERCOMPUTER = "supercomputer"
    ADVANCED_NODE_FAB = "advanced_node_fab"
    AI_TRAINING = "ai_training"
    MILITARY = "military"
    WMD = "wmd"
    TECHNICAL_EVALUATION = "technical_evaluation"
    UNKNOWN = "unknown"


class PublicBasis(str, Enum):
    """Why technology is outside the EAR's release controls (15 CFR 734.3(b)(3), 734.7-734.8)."""

    FUNDAMENTAL_RESEARCH = "fundamental_research"
    PUBLISHED = "published"
    EDUCATIONAL = "educational"


class AuthorizationKind(str, Enum):
    """A licence, a licence exception claimed, or a notification acknowledged."""

    LICENSE = "license"
    EXCEPTION = "exception"


class Listing(Frozen):
    """A party's listing declared by the user (for example from their own screening tool)."""

    list: str = Field(description="List code such as EL, MEU, SDN, UVL, CN-UEL, CN-CCL")
    footnote: int | None = Field(default=None, ge=1, le=9, description="Entity List footnote (1, 4, 5)")


class Owner(Frozen):
    """A direct or indirect owner of a party, with its share."""

    name: str = Field(min_length=1, max_length=300)
    country: CountryCode | None = None
    percent: Percent
    listings: tuple[Listing, ...] = ()


class Party(Frozen):
    """A party to the transaction."""

    name: str = Field(min_length=1, max_length=300)
    role: PartyRole
    country: CountryCode
    address: str | None = Field(default=None, max_length=500)
    headquarters_country: CountryCode | None = None
    ultimate_parent_country: CountryCode | None = None
    owners: tuple[Owner, ...] = ()
    nationality: CountryCode | None = Field(
        default=None, description="Most recent country of citizenship (deemed exports)"
    )
    permanent_residency: CountryCode | None = None
    us_citizen: bool = False
    green_card_holder: bool = False
    protected_individual: bool = False
    military_end_user: bool = False
    listings: tuple[Listing, ...] = ()

    @property
    def hq_country(self) -> str:
        """Headquarters country, defaulting to the party's own country."""
        return self.headquarters_country or self.country

    @property
    def parent_country(self) -> str:
        """Ultimate parent's headquarters country, defaulting to the headquarters country."""
        return self.ultimate_parent_country or self.hq_country

    @property
    def foreign_person(self) -> bool:
        """Not a US citizen, green-card holder or protected individual (15 CFR 772.1)."""
        return not (self.us_citizen or self.green_card_holder or self.protected_individual)


class Item(Frozen):
    """One line item. Performance figures are dense (non-sparse) datasheet values."""

    description: str = Field(min_length=1, max_length=300)
    category: ItemCategory
    model: str | None = Field(default=None, max_length=100)
    manufacturer: str | None = Field(default=None, max_length=200)
    eccn: Eccn | None = None
    hs_code: str | None = Field(default=None, pattern=r"^[0-9]{4,10}$")
    quantity: Quantity = Decimal(1)
    value: Quantity | None = Field(default=None, description="Total line value in USD")
    origin_country: CountryCode | None = None
    designer_country: CountryCode | None = None
    dense_tops: dict[int, Quantity] = Field(
        default_factory=dict,
        description="Dense TOPS/TFLOPS per operand bit length, e.g. {8: 1979, 16: 989.5}",
    )
    stated_tpp: Quantity | None = Field(default=None, description="TPP when the datasheet states it")
    applicable_die_area_mm2: Quantity | None = None
    designed_for_datacenter: bool | None = None
    dram_bandwidth_gbps: Quantity | None = None
    interconnect_bandwidth_gbps: Quantity | None = None
    memory_bandwidth_density: Quantity | None = Field(
        default=None, description="GB/s per mm^2 of package or stack (3A090.c)"
    )
    copackaged_with_logic: bool = False
    us_controlled_content_pct: Percent | None = None
    made_with_us_technology: bool = False
    produced_by_us_origin_plant: bool = False
    china_origin_content_pct: Percent | None = None
    element: str | None = Field(default=None, pattern=r"^[A-Z][a-z]?$")
    public_basis: PublicBasis | None = None
    source_code: bool = False

    @model_validator(mode="after")
    def _tpp_typed_once(self) -> Item:
        computed = self.computed_tpp
        if self.stated_tpp is not None and computed is not None and abs(self.stated_tpp - computed) > Decimal("0.5"):
            raise ValueError(
                f"stated_tpp {self.stated_tpp} disagrees with dense_tops (max TOPS x bits = {computed}); "
                "give one of them"
            )
        for bits in self.dense_tops:
            if bits not in (4, 8, 16, 32, 64):
                raise ValueError(f"dense_tops: bit length {bits} is not one of 4, 8, 16, 32, 64")
        return self

    @cached_property
    def computed_tpp(self) -> Decimal | None:
        """TPP = max over precisions of dense TOPS x bit length (3A090 Technical Note 1)."""
        if not self.dense_tops:
            return None
        return max(tops * bits for bits, tops in self.dense_tops.items())

    @cached_property
    def tpp(self) -> Decimal | None:
        """Total processing performance, stated or computed."""
        return self.stated_tpp if self.stated_tpp is not None else self.computed_tpp

    @cached_property
    def performance_density(self) -> Decimal | None:
        """TPP / applicable die area (3A090 Technical Note 4)."""
        tpp = self.tpp
        area = self.applicable_die_area_mm2
        if tpp is None or not area:
            return None
        return tpp / area

    @property
    def eccn_base(self) -> str | None:
        """The five-character ECCN without paragraphs, e.g. '3A090'."""
        return self.eccn.split(".")[0] if self.eccn else None

    @property
    def total_fp64_pflops(self) -> Decimal | None:
        """Quantity x dense FP64 TFLOPS / 1000 (supercomputer test, 15 CFR 772.1)."""
        tops = self.dense_tops.get(64)
        return None if tops is None else tops * self.quantity / 1000

    @property
    def total_fp32_pflops(self) -> Decimal | None:
        """Quantity x dense FP32 TFLOPS / 1000."""
        tops = self.dense_tops.get(32)
        return None if tops is None else tops * self.quantity / 1000

    @cached_property
    def total_tpp(self) -> Decimal | None:
        """Quantity x TPP, for cluster checks."""
        tpp = self.tpp
        return None if tpp is None else tpp * self.quantity


class Authorization(Frozen):
    """A licence held or a licence exception claimed. It resolves the findings it covers."""

    kind: AuthorizationKind
    authority: str = Field(description="Issuing authority, e.g. BIS or MOFCOM", min_length=1)
    number: str | None = Field(default=None, description="Licence number or NAC notification number")
    code: str | None = Field(default=None, description="Licence exception code, e.g. NAC, ACA, HBM")
    covers_rules: tuple[str, ...] = Field(default=(), description="Rule ids covered; empty = any of its authority")
    eccns: tuple[Eccn, ...] = Field(default=(), description="ECCNs covered; empty = every item")
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @model_validator(mode="after")
    def _exception_has_code(self) -> Authorization:
        if self.kind is AuthorizationKind.EXCEPTION and not self.code:
            raise ValueError("a licence exception needs its code, such as 'NAC' or 'ACA'")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class Certifications(Frozen):
    """Exporter certifications for the 2026 case-by-case policy (15 CFR 742.6(b)(10), 91 FR 1684)."""

    commercially_available_in_us: bool = False
    us_supply_sufficient: bool = False
    no_foundry_diversion: bool = False
    china_volume_within_half_of_us: bool = False
    consignee_kyc_and_remote_access_controls: bool = False
    us_third_party_testing: bool = False

    @property
    def all_given(self) -> bool:
        """All six certifications are given."""
        return all(getattr(self, name) for name in type(self).model_fields)


class Transaction(Frozen):
    """A hypothetical transaction to evaluate."""

    transaction_id: str = Field(min_length=1, max_length=100, pattern=TRANSACTION_ID_PATTERN)
    date: dt.date
    kind: TransactionKind
    export_country: CountryCode
    destination_country: CountryCode
    end_use: EndUse = EndUse.UNKNOWN
    parties: tuple[Party, ...] = Field(min_length=1)
    items: tuple[Item, ...] = Field(min_length=1)
    authorizations: tuple[Authorization, ...] = ()
    certifications: Certifications = Certifications()
    description: str | None = Field(default=None, max_length=2000)


class ScreeningHit(Frozen):
    """One candidate list entry a party name was matched against."""

    list: str = Field(description="List code, e.g. EL, MEU, SDN, CN-UEL")
    entry_name: str
    matched_name: str = Field(description="The name or alias that matched")
    level: str = Field(description="'listed' (exact or alias match) or 'review' (fuzzy)")
    score: float = Field(ge=0, le=100)
    why: str
    footnotes: tuple[int, ...] = ()
    citation: str | None = None
    source: str | None = Field(default=None, description="List file and snapshot date")


class PartyScreening(Frozen):
    """What screening found about one party as of a date; these become party facts for the rules."""

    listed: bool = False
    entity_listed: bool = False
    el_footnote1: bool = False
    el_footnote4: bool = False
    el_footnote5: bool = False
    meu_listed: bool = False
    sdn_listed: bool = False
    cn_uel_listed: bool = False
    cn_control_listed: bool = False
    listed_owner_pct: Decimal = Decimal(0)
    screening_review: bool = False
    screening_match: str | None = None
    hits: tuple[ScreeningHit, ...] = ()


class Severity(str, Enum):
    """How serious a finding is; ordered."""

    INFO = "info"
    REVIEW = "review"
    LICENSE_REQUIRED = "license_required"
    PROHIBITED = "prohibited"

    @property
    def rank(self) -> int:
        """Position in the order info < review < license_required < prohibited."""
        return _SEVERITY_RANK[self.value]


class Outcome(str, Enum):
    """A decision's overall outcome. ``error`` is never clear: evaluation failed closed."""

    CLEAR = "clear"
    INFO = "info"
    REVIEW = "review"
    LICENSE_REQUIRED = "license_required"
    PROHIBITED = "prohibited"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order clear < info < review < license_required < prohibited < error."""
        return _OUTCOME_RANK[self.value]


_SEVERITY_RANK = {"info": 1, "review": 2, "license_required": 3, "prohibited": 4}
_OUTCOME_RANK = {"clear": 0, **_SEVERITY_RANK, "error": 5}


class ReviewPolicy(str, Enum):
    """Licence review policy where the rule states it."""

    PRESUMPTION_OF_DENIAL = "presumption_of_denial"
    CASE_BY_CASE = "case_by_case"
    PRESUMPTION_OF_APPROVAL = "presumption_of_approval"
    NO_LICENCES_IN_PRINCIPLE = "no_licences_in_principle"


class Evidence(Frozen):
    """One comparison the condition made, with the value it saw."""

    path: str
    operator: str
    actual: Annotated[Any, AfterValidator(_hashable)] = None
    expected: Annotated[Any, AfterValidator(_hashable)] = None
    result: bool | None = Field(description="True, False, or None when the fact was missing")
    text: str


class DerivedFact(Frozen):
    """A fact a derive rule added, and by which rule."""

    name: str
    rule_id: str
    item: int | None = None
    party: int | None = None
    evidence: tuple[Evidence, ...] = ()


class Finding(Frozen):
    """One rule that applies to the transaction, with why."""

    rule_id: str
    title: str
    severity: Severity
    jurisdiction: str
    authority: str
    citation: str
    url: str | None = None
    confidence: str
    confidence_note: str | None = None
    explanation: str
    remedy: str | None = None
    item: int | None = None
    party: int | None = None
    evidence: tuple[Evidence, ...] = ()
    derived_from: tuple[DerivedFact, ...] = ()
    review_policy: ReviewPolicy | None = None
    license_exceptions: tuple[str, ...] = ()
    authorized_by: str | None = None
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    tags: tuple[str, ...] = ()


class NearMiss(Frozen):
    """A rule that did not fire, and the comparisons that stopped it."""

    rule_id: str
    title: str
    severity: Severity | None
    item: int | None = None
    party: int | None = None
    blocking: tuple[Evidence, ...]
    text: str


class Decision(Frozen):
    """One transaction's decision."""

    transaction_id: str
    as_of: dt.date
    outcome: Outcome
    findings: tuple[Finding, ...] = ()
    authorized: tuple[Finding, ...] = ()
    derived: tuple[DerivedFact, ...] = ()
    errors: tuple[str, ...] = ()
    ruleset_digest: str
    scenarios: tuple[str, ...] = ()
    screening_lists: tuple[str, ...] = ()
