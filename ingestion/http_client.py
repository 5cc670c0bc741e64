"""The one HTTP client every connector uses: timeouts, retries with backoff, a rate limit, auth.

Retries are urllib3's `Retry`: exponential backoff on connection errors, 429 and 5xx, honouring
`Retry-After`, for every method (HubSpot's search is a POST and is as safe to repeat as a GET).
Tokens travel in headers only and are never part of a message this module writes or raises.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ingestion.errors import SourceAuthError, SourceError
from ingestion.rate_limit import RateLimiter

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


DEFAULT_RETRIES = 8


def retries_from_environment(environ: Mapping[str, str] = os.environ) -> int:
    """`SOURCE_HTTP_RETRIES`, read when a client is made (a run starts): how many retries of one request."""
    value = environ.get("SOURCE_HTTP_RETRIES", "").strip()
    if not value:
        return DEFAULT_RETRIES
    if not value.isdigit():
        raise ValueError(f"SOURCE_HTTP_RETRIES must be a whole number of retries, got {value!r}")
    return int(value)


@dataclass(frozen=True)
class RetrySettings:
    """How hard to try before giving up; the defaults ride out a minute-long 429 storm."""

    total: int = field(default_factory=retries_from_environment)
    backoff_factor: float = 0.5
    backoff_max: float = 60.0


def build_retry(settings: RetrySettings) -> Retry:
    """The urllib3 retry policy: every method, the retryable statuses, `Retry-After` honoured."""
    return Retry(
        total=settings.total,
        connect=settings.total,
        read=settings.total,
        status=settings.total,
        backoff_factor=settings.backoff_factor,
        backoff_max=settings.backoff_max,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=None,
        respect_retry_after_header=True,
        raise_on_status=False,
    )


@dataclass
class SourceClient:
    """A session bound to one source's base URL, credentials and rate limit.

    `token_variable` is the name of the environment variable the token came from, so an auth
    failure can tell the operator what to fix without ever echoing the token.
    """

    source: str
    base_url: str
    auth_headers: Mapping[str, str]
    token_variable: str
    requests_per_second: float = 10.0
    timeout_seconds: float = 30.0
    retry: RetrySettings = field(default_factory=RetrySettings)

    def __post_init__(self) -> None:
        self._limiter = RateLimiter(self.requests_per_second)
        self._session = requests.Session()
        adapter = HTTPAdapter(max_retries=build_retry(self.retry))
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.update({"Accept": "application/json", **self.auth_headers})
        # requests reads the proxy and CA-bundle variables from os.environ again on every call: a quarter of the CPU
        # of a 30 k-request pull. A run's environment does not change, so they are read once, here, for this source.
        settings = self._session.merge_environment_settings(self.base_url, {}, None, None, None)
        self._session.trust_env = False
        self._session.proxies.update(settings["proxies"])
        self._session.verify = settings["verify"]

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send one request; raise a clear `SourceError` when every retry is spent."""
        self._limiter.wait()
        url = self.base_url.rstrip("/") + path
        try:
            response = self._session.request(method, url, timeout=self.timeout_seconds, **kwargs)
        except requests.RequestException as error:
            raise SourceError(
                f"{self.source}: {method} {path} failed after {self.retry.total} retries: {type(error).__name__}"
            ) from None
        if response.status_code in (401, 403):
            raise SourceAuthError(
                f"{self.source} rejected the credentials in {self.token_variable} "
                f"(HTTP {response.status_code} on {method} {path}); check that variable"
            )
        if response.status_code >= 400:
            raise SourceError(
                f"{self.source}: {method} {path} answered HTTP {response.status_code} "
                f"after retries: {response.text[:300]}"
            )
        return response

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET a JSON document; `None` for an empty answer (amoCRM's 204 on an empty page)."""
        response = self.request("GET", path, params=params)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def close(self) -> None:
        self._session.close()
