"""The row count of every table a dbt build wrote, as `dagster/row_count` on its materialization.

dagster-dbt's `fetch_row_counts()` queries each model while dbt is still running, through an adapter of its own:
DuckDB admits no reader beside its one writer process, so here the counts are read once dbt has finished. The
materializations are therefore reported when the build ends, not model by model. Views are not counted: counting
one would run it (a staging view parses the raw JSON).
"""

from collections.abc import Iterable, Iterator
from typing import Any

import dagster as dg

from ingestion.sql_quoting import qualified
from orchestration.resources import WarehouseResource

TABLES_SQL = "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE'"


def with_row_counts(
    context: dg.AssetExecutionContext, events: Iterable[Any], warehouse: WarehouseResource
) -> Iterator[Any]:
    """`events` of a dbt build, each table's materialization carrying its row count."""
    finished = list(events)
    with warehouse.reader() as connection:
        tables = set(connection.execute(TABLES_SQL).fetchall())
        for event in finished:
            if isinstance(event, dg.Output):
                relation = tuple(context.asset_key_for_output(event.output_name).path)
                if relation in tables:
                    [(count,)] = connection.execute(f"select count(*) from {qualified(*relation)}").fetchall()
                    event = event.with_metadata({**event.metadata, "dagster/row_count": dg.MetadataValue.int(count)})
            yield event
