"""The completeness standard's 100-record sample, validated row by row with GX.

The standard prescribes checking a random sample by hand; here the sample is drawn by the hash of
each record's id, so it is random with respect to the data yet the same on every re-run (an
auditor can reproduce it). Only the 100 rows reach pandas, never the contact tables themselves.
"""

from dataclasses import dataclass, field

import great_expectations as gx
import pandas as pd

from quality.gx_runtime import validate_frame

SAMPLE_SIZE = 100

# The allowed lists travel with the sample (one list per row, all equal) so the check needs one query.
SAMPLE_SQL = f"""
with records as (
    select 'csv_sheet:' || csv_row_id as record_id, contact_name, industry, product_interest, budget_range,
           preferred_contact_time, first_contact_text as first_contact, last_follow_up_date
    from staging.stg_csv__contacts
    union all
    select 'hubspot:' || hubspot_contact_id, contact_name, industry, product_interest, budget_range,
           preferred_contact_time, strftime(created_at, '%Y-%m-%d %H:%M'), last_follow_up_date
    from staging.stg_hubspot__contacts
    where not is_archived
)
select records.*,
       (select list(industry) from seeds.seed_allowed_industries) as allowed_industries,
       (select list(allowed_value) from seeds.seed_allowed_contact_options where field_name = 'budget_range')
           as allowed_budget_ranges,
       (select list(allowed_value) from seeds.seed_allowed_contact_options where field_name = 'preferred_contact_time')
           as allowed_contact_times
from records
order by md5(record_id)
limit {SAMPLE_SIZE}
"""

MINUTE_PATTERN = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}"


@dataclass(frozen=True)
class SampleResult:
    size: int
    complete: int
    failures_by_field: dict[str, int] = field(default_factory=dict)

    @property
    def completeness(self) -> float | None:
        return self.complete / self.size if self.size else None

    def as_metadata(self) -> dict[str, object]:
        failing = ", ".join(f"{name} {count}" for name, count in sorted(self.failures_by_field.items()))
        return {
            "record_sample_size": self.size,
            "sample_completeness": self.completeness if self.completeness is not None else "no records",
            "sample_failures_by_field": failing or "none",
        }


def _allowed(frame: pd.DataFrame, column: str) -> list[str]:
    return list(frame[column].iloc[0]) if not frame.empty else []


def sample_expectations(frame: pd.DataFrame) -> list[gx.expectations.Expectation]:
    """DESIGN §6's required fields, each present and valid."""
    present = [
        gx.expectations.ExpectColumnValuesToNotBeNull(column=column, meta={"field": column})
        for column in ("contact_name", "product_interest", "last_follow_up_date", "first_contact")
    ]
    in_lists = [
        gx.expectations.ExpectColumnValuesToBeInSet(
            column=column, value_set=_allowed(frame, allowed), meta={"field": column}
        )
        for column, allowed in (
            ("industry", "allowed_industries"),
            ("budget_range", "allowed_budget_ranges"),
            ("preferred_contact_time", "allowed_contact_times"),
        )
    ]
    to_the_minute = gx.expectations.ExpectColumnValuesToMatchRegex(
        column="first_contact", regex=MINUTE_PATTERN, meta={"field": "first_contact_minute"}
    )
    return [*present, *in_lists, to_the_minute]


def validate_sample(frame: pd.DataFrame) -> SampleResult:
    """A row is complete when no expectation lists it; nulls fail the set and regex checks too."""
    if frame.empty:
        return SampleResult(size=0, complete=0)
    frame = frame.reset_index(drop=True)
    data = frame.drop(columns=["allowed_industries", "allowed_budget_ranges", "allowed_contact_times"])
    result = validate_frame(data, "customer_data_completeness_sample", sample_expectations(frame))
    failing_rows: set[int] = set()
    failures: dict[str, int] = {}
    for item in result.results:
        rows = set(item.result.get("unexpected_index_list") or [])
        if item.expectation_config.meta["field"] in ("industry", "budget_range", "preferred_contact_time"):
            # GX skips nulls in set checks: a blank picklist field is incomplete as well.
            rows |= set(data.index[data[item.expectation_config.kwargs["column"]].isna()])
        if rows:
            failures[item.expectation_config.meta["field"]] = len(rows)
        failing_rows |= rows
    return SampleResult(size=len(data), complete=len(data) - len(failing_rows), failures_by_field=failures)
