"""The WhatsApp webhook receiver: `python -m ingestion.webhook_receiver` (or `make receiver`).

Answers Meta's GET subscription check, and for each POST verifies `X-Hub-Signature-256` against the
raw body, refuses oversized bodies, lands the body durably and only then answers 200. It does no
parsing: the landing asset does that, so a body the parser cannot read yet is still kept.
Settings: WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, LANDING_DIR; secrets are never logged.
"""

import argparse
import logging
import os
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ingestion.webhook_landing_file import LandingFile
from ingestion.webhook_signature import SIGNATURE_HEADER, signature_is_valid, verification_challenge

# Meta batches up to 1,000 changes in a body; a few MiB covers that with room, and bounds memory.
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024
# A connection that sends nothing, or its body too slowly, is closed after this long: without it each idle
# connection of a flood would hold a thread for ever. Meta sends a whole body at once, well within it.
DEFAULT_REQUEST_TIMEOUT_SECONDS = 10.0
log = logging.getLogger("webhook_receiver")


class ReceiverServer(ThreadingHTTPServer):
    daemon_threads = True
    # Meta delivers in bursts; socketserver's default backlog of 5 drops the connections of a burst
    # before any handler thread sees them, and the sender then has to wait for its retry.
    request_queue_size = socket.SOMAXCONN

    def __init__(
        self,
        address: tuple[str, int],
        app_secret: str,
        verify_token: str,
        landing: LandingFile,
        max_body: int,
        request_timeout: float,
    ) -> None:
        super().__init__(address, WebhookHandler)
        self.app_secret, self.verify_token = app_secret, verify_token
        self.landing, self.max_body, self.request_timeout = landing, max_body, request_timeout


class WebhookHandler(BaseHTTPRequestHandler):
    server: ReceiverServer

    def setup(self) -> None:
        # StreamRequestHandler puts `timeout` on the connection: every read, of the request line, the headers or
        # the body, then gives up after it, and the connection is closed with nothing landed.
        self.timeout = self.server.request_timeout
        super().setup()

    def do_GET(self) -> None:
        challenge = verification_challenge(parse_qs(urlsplit(self.path).query), self.server.verify_token)
        if challenge is None:
            self._answer(HTTPStatus.FORBIDDEN, b"verification failed")
        else:
            self._answer(HTTPStatus.OK, challenge.encode("utf-8"))

    def do_POST(self) -> None:
        length_header = self.headers.get("Content-Length")
        if length_header is None or not length_header.isdigit():
            self._answer(HTTPStatus.LENGTH_REQUIRED, b"Content-Length required")
            return
        length = int(length_header)
        if length > self.server.max_body:
            self.close_connection = True  # the unread body must not be parsed as a next request
            self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"body too large")
            return
        body = self.rfile.read(length)
        if not signature_is_valid(self.server.app_secret, body, self.headers.get(SIGNATURE_HEADER)):
            self._answer(HTTPStatus.UNAUTHORIZED, b"invalid signature")
            return
        path = self.server.landing.append(body)
        log.info("landed %d bytes in %s", len(body), path.name)
        self._answer(HTTPStatus.OK, b"EVENT_RECEIVED")

    def _answer(self, status: HTTPStatus, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Request lines go to the module logger; query strings (the verify token) are dropped."""
        log.debug("%s %s", self.command, urlsplit(self.path).path)


def build_server(
    host: str,
    port: int,
    app_secret: str,
    verify_token: str,
    landing_dir: Path,
    max_body: int = DEFAULT_MAX_BODY_BYTES,
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT_SECONDS,
) -> ReceiverServer:
    if not app_secret or not verify_token:
        raise ValueError("set WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN to run the receiver")
    landing = LandingFile(landing_dir, f"{socket.gethostname()}-{os.getpid()}")
    return ReceiverServer((host, port), app_secret, verify_token, landing, max_body, request_timeout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8088)
    parser.add_argument("--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES)
    parser.add_argument("--request-timeout", type=float, default=DEFAULT_REQUEST_TIMEOUT_SECONDS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    server = build_server(
        args.host,
        args.port,
        os.environ.get("WHATSAPP_APP_SECRET", ""),
        os.environ.get("WHATSAPP_VERIFY_TOKEN", ""),
        Path(os.environ["LANDING_DIR"]),
        args.max_body_bytes,
        args.request_timeout,
    )
    log.info("receiving WhatsApp webhooks on http://%s:%d", *server.server_address[:2])
    server.serve_forever()


if __name__ == "__main__":
    main()
