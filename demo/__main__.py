"""Command line: `python -m demo generate --out DIR`, `serve --data DIR`, and `run --data-dir DIR`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

from demo.config import GenerationConfig
from demo.generate import generate
from demo.run import run_demo
from demo.servers.hubspot import HubSpotServer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("generate", help="write the synthetic business to a directory")
    make.add_argument("--out", type=Path, required=True)
    make.add_argument("--seed", type=int, default=7)
    make.add_argument("--scale", type=float, default=1.0, help="1.0 = ~5k contacts, 200k messages, 4k deals")
    make.add_argument("--start", type=date.fromisoformat, default=date(2025, 11, 1))
    make.add_argument("--months", type=int, default=12)
    make.add_argument("--contacts", type=int, default=None, help="CRM contacts, instead of the scale's")
    run = commands.add_parser("run", help="generate, serve, and run the whole pipeline on it (make demo)")
    run.add_argument("--data-dir", type=Path, required=True)
    run.add_argument("--seed", type=int, default=7)
    run.add_argument("--scale", type=float, default=1.0)
    serve = commands.add_parser("serve", help="serve a generated directory's CRM data as the HubSpot API")
    serve.add_argument("--data", type=Path, required=True)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=0, help="0 picks a free port")
    serve.add_argument(
        "--token",
        default=None,
        help="bearer token to accept (default: $HUBSPOT_ACCESS_TOKEN or 'demo-token')",
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if args.command == "run":
        sys.exit(run_demo(GenerationConfig(seed=args.seed, scale=args.scale), args.data_dir))
    if args.command == "generate":
        started = time.perf_counter()
        config = GenerationConfig(
            seed=args.seed, scale=args.scale, start=args.start, months=args.months, contacts=args.contacts
        )
        truths = generate(config, args.out)
        counts = truths["counts"]
        print(
            f"wrote {args.out}: {counts['crm_contacts']} contacts, "
            f"{counts['inbound_messages'] + counts['outbound_messages']} messages, {counts['deals']} deals "
            f"in {time.perf_counter() - started:.1f}s"
        )
        return
    token = args.token or os.environ.get("HUBSPOT_ACCESS_TOKEN") or "demo-token"
    with HubSpotServer(args.data / "crm" / "hubspot", token=token, host=args.host, port=args.port) as server:
        print(server.url, flush=True)
        server.wait()


if __name__ == "__main__":
    main()
