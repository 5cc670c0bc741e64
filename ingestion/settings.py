"""A source's settings from the environment, read when a run starts, never at import.

A source with none of its variables set is simply not configured (skipped); one with only some
set is a mistake the operator must hear about, by variable name, never by value.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass


class SourceConfigError(ValueError):
    """A source is partly configured; the message names the variables to set."""


@dataclass(frozen=True)
class SourceVariables:
    source: str
    names: tuple[str, ...]

    def read(self, environ: Mapping[str, str] = os.environ) -> dict[str, str] | None:
        """The variables' values, or None when the source is not configured at all."""
        values = {name: environ.get(name, "").strip() for name in self.names}
        if not any(values.values()):
            return None
        missing = [name for name, value in values.items() if not value]
        if missing:
            raise SourceConfigError(
                f"{self.source} is partly configured: set {', '.join(missing)} "
                f"(or unset all of {', '.join(self.names)} to skip {self.source})"
            )
        return values


HUBSPOT = SourceVariables("hubspot", ("HUBSPOT_BASE_URL", "HUBSPOT_ACCESS_TOKEN"))
AMOCRM = SourceVariables("amocrm", ("AMOCRM_BASE_URL", "AMOCRM_ACCESS_TOKEN"))
CHATWOOT = SourceVariables("chatwoot", ("CHATWOOT_BASE_URL", "CHATWOOT_API_TOKEN", "CHATWOOT_ACCOUNT_ID"))


def optional_rate(name: str, default: float, environ: Mapping[str, str] = os.environ) -> float:
    """A request rate from an optional variable (a self-hosted server whose limit was raised), else `default`."""
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        rate = float(value)
    except ValueError:
        rate = 0.0
    if rate <= 0:
        raise SourceConfigError(f"{name} must be a positive number of requests per second")
    return rate
