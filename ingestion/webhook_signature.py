"""Meta's webhook handshake and signature, as pure functions the receiver and its tests share."""

import hashlib
import hmac
from collections.abc import Mapping

SIGNATURE_HEADER = "X-Hub-Signature-256"


def expected_signature(app_secret: str, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of the raw body keyed by the app secret>`, as Meta sends it."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _utf8(text: str) -> bytes:
    """Bytes to compare: `hmac.compare_digest` refuses str with non-ASCII characters (a TypeError, not a
    mismatch), and a header or query value is whatever the sender put there."""
    return text.encode("utf-8", "surrogateescape")


def signature_is_valid(app_secret: str, body: bytes, header_value: str | None) -> bool:
    """Compare in constant time, so the check leaks nothing about the secret through timing."""
    if not header_value:
        return False
    return hmac.compare_digest(_utf8(expected_signature(app_secret, body)), _utf8(header_value.strip()))


def verification_challenge(query: Mapping[str, list[str]], verify_token: str) -> str | None:
    """The `hub.challenge` to echo when Meta's GET subscription check carries our token, else None."""

    def first(name: str) -> str:
        return (query.get(name) or [""])[0]

    if first("hub.mode") == "subscribe" and hmac.compare_digest(_utf8(first("hub.verify_token")), _utf8(verify_token)):
        return first("hub.challenge")
    return None
