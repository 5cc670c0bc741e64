"""The shared client for a source that authenticates with a bearer token (HubSpot, amoCRM)."""

from ingestion.http_client import RetrySettings, SourceClient


def bearer_client(
    source: str,
    base_url: str,
    access_token: str,
    token_variable: str,
    requests_per_second: float,
    retry: RetrySettings | None = None,
) -> SourceClient:
    """A `SourceClient` sending `Authorization: Bearer <token>`; `token_variable` names where the token came from."""
    return SourceClient(
        source=source,
        base_url=base_url,
        auth_headers={"Authorization": f"Bearer {access_token}"},
        token_variable=token_variable,
        requests_per_second=requests_per_second,
        retry=retry or RetrySettings(),
    )
