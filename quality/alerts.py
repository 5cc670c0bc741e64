"""Alerts to a Slack-compatible incoming webhook (`ALERT_WEBHOOK_URL`): a JSON body `{"text": ...}`.

The URL is a secret (anyone holding it can post to the channel), so it is read at send time, never
logged, and kept out of error messages: requests' exceptions quote the URL, so only their type is
logged. A failed send returns False, so the caller can try again on its next evaluation.
"""

import logging
import os

import requests

log = logging.getLogger(__name__)

WEBHOOK_VARIABLE = "ALERT_WEBHOOK_URL"
WEBSERVER_VARIABLE = "DAGSTER_WEBSERVER_URL"
DEFAULT_WEBSERVER_URL = "http://127.0.0.1:3000"
TIMEOUT_SECONDS = 10


def run_link(run_id: str) -> str:
    """The run's page in the Dagster UI (`DAGSTER_WEBSERVER_URL`, the local webserver by default)."""
    base = os.environ.get(WEBSERVER_VARIABLE) or DEFAULT_WEBSERVER_URL
    return f"{base.rstrip('/')}/runs/{run_id}"


def send_alert(text: str) -> bool:
    """Post `text`; True when the webhook accepted it. Unset webhook: one log line, nothing sent."""
    url = os.environ.get(WEBHOOK_VARIABLE)
    if not url:
        log.info("%s is not set: alert not sent: %s", WEBHOOK_VARIABLE, text)
        return False
    try:
        response = requests.post(url, json={"text": text}, timeout=TIMEOUT_SECONDS)
    except requests.RequestException as error:
        log.warning("alert webhook unreachable (%s): alert not sent", type(error).__name__)
        return False
    if not response.ok:
        log.warning("alert webhook answered HTTP %s: alert not sent", response.status_code)
        return False
    return True
