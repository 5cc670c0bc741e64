"""`python -m bench.ingest_rates webhooks|connectors WAREHOUSE`: ingestion records per second.

`webhooks` lands every received day of `LANDING_DIR` into an empty warehouse, pinned to one CPU,
through the same `land_days` the Dagster asset calls: parsing, quarantine and the DuckDB writes.
`connectors` pulls every configured CRM source (the demo servers, from the environment) through
the same clients and landers as the assets, at their configured request rates. Each prints one
JSON line of figures. CPU seconds are printed beside wall seconds because the machine is shared.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from ingestion.landing import LandingSummary
from ingestion.raw_store import RawStore
from ingestion.timestamps import utc_now
from orchestration.run_window import landed_days


def _clock() -> tuple[float, float]:
    times = os.times()
    return time.perf_counter(), times.user + times.system


def _rate(records: int, started: tuple[float, float]) -> dict[str, float]:
    wall, cpu = (now - then for now, then in zip(_clock(), started, strict=True))
    return {
        "records": records,
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "per_second": round(records / wall),
        "per_cpu_second": round(records / cpu),
    }


def webhooks(warehouse: Path) -> dict[str, float]:
    from ingestion.whatsapp_webhooks import land_days

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    landing = Path(os.environ["LANDING_DIR"])
    connection = duckdb.connect(str(warehouse), config={"threads": 1})
    store = RawStore(connection)
    started = _clock()
    summaries = land_days(store, landing, landed_days(landing), utc_now())
    figures = _rate(sum(s.read for s in summaries), started)
    connection.close()
    return figures | {"quarantined": sum(s.quarantined for s in summaries)}


def connectors(warehouse: Path) -> dict[str, float]:
    from ingestion.amocrm import land_contacts as amocrm_contacts
    from ingestion.amocrm import land_events, land_leads, land_pipelines
    from ingestion.chatwoot import land_agents, land_conversations, land_csat_responses
    from ingestion.hubspot import land_contacts, land_deals
    from orchestration.resources import AmoCrmResource, ChatwootResource, HubSpotResource

    clients = {
        "hubspot": HubSpotResource().client(),
        "amocrm": AmoCrmResource().client(),
        "chatwoot": ChatwootResource().api(),
    }
    landers: dict[str, tuple[Callable[..., LandingSummary | list[LandingSummary]], ...]] = {
        "hubspot": (land_contacts, land_deals),
        "amocrm": (amocrm_contacts, land_leads, land_events, land_pipelines),
        "chatwoot": (land_conversations, land_agents, land_csat_responses),
    }
    figures: dict[str, float] = {}
    total, started_all = 0, _clock()
    with RawStore.open(warehouse) as store:
        for source, client in clients.items():
            if client is None:
                continue
            started, records = _clock(), 0
            for lander in landers[source]:
                result = lander(store, client, utc_now())
                records += sum(s.read for s in (result if isinstance(result, list) else [result]))
            client.close()
            figures[f"{source}_per_second"] = _rate(records, started)["per_second"]
            total += records
    return figures | _rate(total, started_all)


if __name__ == "__main__":
    kind, target = sys.argv[1], Path(sys.argv[2])
    print(json.dumps({"webhooks": webhooks, "connectors": connectors}[kind](target)))
