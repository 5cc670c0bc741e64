"""One ephemeral GX Core context per process, with pandas data frames as batches.

GX 1.x has no DuckDB data source, and the audits never need one: the metric tables are small, so
they are read into a frame and validated here. Nothing is written to disk: suites are built in
Python each run, so no generated JSON churns in git. The Makefile sets `GX_ANALYTICS_ENABLED=false`:
GX must not try to phone home from a pipeline.
"""

import functools
from typing import Any

import great_expectations as gx
import pandas as pd
from great_expectations.core import ExpectationSuiteValidationResult
from great_expectations.data_context.types.base import ProgressBarsConfig


@functools.cache
def _batch_definition() -> Any:
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("audits").add_dataframe_asset("metric_frame")
    return asset.add_batch_definition_whole_dataframe("whole_frame")


def validate_frame(
    frame: pd.DataFrame, suite_name: str, expectations: list[gx.expectations.Expectation]
) -> ExpectationSuiteValidationResult:
    """Validate `frame` against an ad-hoc suite; COMPLETE results name every failing row."""
    batch = _batch_definition().get_batch(batch_parameters={"dataframe": frame})
    suite = gx.ExpectationSuite(name=suite_name, expectations=expectations)
    return batch.validate(suite, result_format="COMPLETE")
