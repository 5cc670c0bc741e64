"""`python -m demo run`: the whole product on the synthetic business, offline, in one command.

It generates the business, serves its CRMs and inbox on 127.0.0.1 as the HubSpot, amoCRM and
Chatwoot APIs, and runs the pipeline the way an operator would (`python -m orchestration.run`) in a
child process pointed at those servers (the customer sheet is already in the landing directory). The
demo never imports the product: it speaks to it only through the environment and the provider
formats, as a real business's systems would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from demo.config import GenerationConfig
from demo.generate import generate
from demo.servers.amocrm import REQUESTS_PER_SECOND as AMOCRM_QUOTA
from demo.servers.amocrm import AmoCrmServer
from demo.servers.chatwoot import ACCOUNT_ID as CHATWOOT_ACCOUNT_ID
from demo.servers.chatwoot import ChatwootServer
from demo.servers.hubspot import HubSpotServer

DEMO_TOKEN = "demo-hubspot-token"
AMOCRM_TOKEN = "demo-amocrm-token"
CHATWOOT_TOKEN = "demo-chatwoot-token"
# The local inbox has no Rack::Attack in front of it: read it as fast as it answers.
CHATWOOT_REQUESTS_PER_SECOND = "2000"


def received_days(landing_dir: Path) -> list[str]:
    """The received-day folders the generator wrote (the window plus late deliveries)."""
    return sorted(folder.name for folder in (landing_dir / "whatsapp").iterdir() if folder.is_dir())


@contextmanager
def serving(data_dir: Path, amocrm_requests_per_second: int = AMOCRM_QUOTA) -> Iterator[dict[str, str]]:
    """Serve a generated business's CRMs and inbox on 127.0.0.1; yield the environment pointing at them.

    amoCRM's server answers 429 beyond its quota, as amoCRM does; the bench raises it to time the connector.
    """
    with (
        HubSpotServer(data_dir / "crm" / "hubspot", token=DEMO_TOKEN) as server,
        AmoCrmServer(
            data_dir / "crm" / "amocrm", token=AMOCRM_TOKEN, requests_per_second=amocrm_requests_per_second
        ) as amocrm,
        ChatwootServer(data_dir / "crm" / "chatwoot", token=CHATWOOT_TOKEN) as inbox,
    ):
        yield {
            "LANDING_DIR": str(data_dir / "landing"),
            "HUBSPOT_BASE_URL": server.url,
            "HUBSPOT_ACCESS_TOKEN": DEMO_TOKEN,
            "AMOCRM_BASE_URL": amocrm.url,
            "AMOCRM_ACCESS_TOKEN": AMOCRM_TOKEN,
            "CHATWOOT_BASE_URL": inbox.url,
            "CHATWOOT_API_TOKEN": CHATWOOT_TOKEN,
            "CHATWOOT_ACCOUNT_ID": CHATWOOT_ACCOUNT_ID,
            "CHATWOOT_REQUESTS_PER_SECOND": CHATWOOT_REQUESTS_PER_SECOND,
        }


def run_demo(config: GenerationConfig, data_dir: Path) -> int:
    """Generate, serve and run; return the pipeline's exit code."""
    started = time.perf_counter()
    truths = generate(config, data_dir)
    counts = truths["counts"]
    print(
        f"Generated the demo business in {data_dir}: {counts['crm_contacts']:,} contacts, "
        f"{counts['inbound_messages'] + counts['outbound_messages']:,} messages, {counts['deals']:,} deals "
        f"({time.perf_counter() - started:.0f}s)",
        flush=True,
    )
    landing_dir = data_dir / "landing"
    days = received_days(landing_dir)
    with serving(data_dir) as sources:
        print(f"Serving the demo CRM as the HubSpot API on {sources['HUBSPOT_BASE_URL']}", flush=True)
        print(f"Serving the sales desk's second CRM as the amoCRM API on {sources['AMOCRM_BASE_URL']}", flush=True)
        print(f"Serving the WhatsApp inbox as the Chatwoot API on {sources['CHATWOOT_BASE_URL']}", flush=True)
        environment = os.environ | sources
        command = [
            sys.executable,
            "-m",
            "orchestration.run",
            "--start",
            days[0],
            "--end",
            days[-1],
            "--log-file",
            str(data_dir / "pipeline.log"),
        ]
        code = subprocess.call(command, env=environment)
    print(f"Demo finished in {time.perf_counter() - started:.0f}s. Planted truths: {data_dir / 'truths.json'}")
    return code
