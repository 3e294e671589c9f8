"""A costing base made ready once: years, buckets, health enrolment, advancement groups (memoized)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bargaining.domain.costing.calendar import Year, contract_years
from bargaining.domain.costing.model import AdvancementRule, Classification, CostingBase
from bargaining.domain.costing.prepare import Bucket, BucketKey, Group, Rule, advancement_groups, fold_roster
from bargaining.domain.errors import Invalid


@dataclass(slots=True)
class Prepared:
    """The base ready for costing many sets of terms; build it with `prepare(base)`."""

    base: CostingBase
    years: tuple[Year, ...]
    classes: dict[str, Classification]
    buckets: tuple[Bucket, ...]
    health_heads: dict[tuple[str, str], int]
    _groups: dict[tuple[BucketKey, tuple[Rule, ...], tuple[int, ...]], tuple[tuple[Group, ...], ...]] = field(
        default_factory=dict
    )
    _still: dict[BucketKey, tuple[Group, ...]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)

    def groups(
        self, bucket: Bucket, rules: tuple[Rule, ...], limits: tuple[int, ...]
    ) -> tuple[tuple[Group, ...], ...]:
        """The bucket's advancement groups per year under these rules and limits (computed once)."""
        key = (bucket.key, rules, limits)
        found = self._groups.get(key)
        if found is None:
            found = advancement_groups(bucket, self.years, rules, limits, self.base.settings.term_start)
            self._groups[key] = found
        return found

    def still(self, bucket: Bucket) -> tuple[Group, ...]:
        """The bucket as one group that never moves (costing without step advancement)."""
        found = self._still.get(bucket.key)
        if found is None:
            w = bucket.totals
            zero = (w.hours * 0,)
            found = (Group(0, (), zero, zero, zero, zero, w.hours, w.fte),)
            self._still[bucket.key] = found
        return found


def _check_schedules(base: CostingBase) -> None:
    """Each schedule has distinct steps with positive rates, and a date for an annual-date rule."""
    for index, classification in enumerate(base.classifications):
        schedule, where = classification.schedule, f"classifications[{index}]"
        numbers = [step.number for step in schedule.steps]
        if not numbers or len(set(numbers)) != len(numbers):
            raise Invalid(f"{where}.steps: give distinct steps", field=f"{where}.steps")
        if any(step.rate <= 0 for step in schedule.steps):
            raise Invalid(f"{where}.steps: rates must be more than zero", field=f"{where}.steps")
        if schedule.advancement is AdvancementRule.ANNUAL_DATE and schedule.advancement_date is None:
            field_name = f"{where}.advancement_date"
            raise Invalid(f"{field_name}: the annual-date rule needs a date", field=field_name)


def _health_heads(base: CostingBase) -> dict[tuple[str, str], int]:
    """Enrolled employees per (classification, tier); unknown tiers are errors."""
    tiers = {premium.tier for premium in base.settings.health}
    for index, row in enumerate(base.roster):
        if row.health_tier is not None and row.health_tier not in tiers:
            where = f"roster[{index}].health_tier"
            raise Invalid(f"{where} ({row.key}): unknown health tier {row.health_tier!r}", field=where)
    counts = Counter((row.classification, row.health_tier) for row in base.roster if row.health_tier)
    return {(code, tier): n for (code, tier), n in counts.items() if tier is not None}


def prepare(base: CostingBase) -> Prepared:
    """Check the base and fold it for costing (errors name the field, e.g. 'roster[3].step')."""
    years = contract_years(base.settings)
    _check_schedules(base)
    buckets = fold_roster(base)
    return Prepared(
        base,
        years,
        {c.code: c for c in base.classifications},
        tuple(buckets.values()),
        _health_heads(base),
    )
