"""Names and e-mail addresses in the one form two records of the same person share, for keying.

The folding matches dbt's `normalise_text` macro (Arabic letter variants, tashkeel and tatweel, Cyrillic
ё), so a name matches here exactly when the keyword rules would call the texts equal, plus Unicode NFKC
and case folding, which SQL cannot do portably.
"""

import re
import unicodedata

# أ إ آ → ا, ى → ي, ة → ه, ё → е (written as escapes: the letters look like Latin ones)  # noqa: RUF003
_FOLDED = str.maketrans("\u0623\u0625\u0622\u0649\u0629\u0451", "\u0627\u0627\u0627\u064a\u0647\u0435")
_REMOVED = dict.fromkeys(map(ord, "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"))
_WHITESPACE = re.compile(r"\s+")


def normalise_email(text: str) -> str:
    """The address trimmed and lower-cased; '' when it cannot be an address."""
    email = text.strip().lower()
    return email if "@" in email and not _WHITESPACE.search(email) else ""


def normalise_name(text: str) -> str:
    """NFKC, case-folded, Arabic and Cyrillic variants folded, whitespace collapsed to single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLDED).translate(_REMOVED)
    return _WHITESPACE.sub(" ", folded).strip()


def split_name_email(identifier: str) -> tuple[str, str]:
    """(name, email) of a `name <email>` identifier as the raw layer stores it; ('', '') when not that shape."""
    name, separator, rest = identifier.rpartition(" <")
    if not separator or not rest.endswith(">"):
        return "", ""
    return name, rest[:-1]
