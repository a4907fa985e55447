"""Is this certificate the person (or the organisation) printed on the document?

Certificates from Vietnamese CAs often carry names in capitals without diacritics ("NGUYEN VAN A"), and
organisations abbreviated ("UBND XÃ BẰNG THÀNH"), so names are compared case-insensitively, without
diacritics, and with "Ủy ban nhân dân" and "UBND" taken as the same words. A note in brackets after the
name printed on the document is not part of it: the sample commune's documents are issued by "Ủy ban nhân
dân Xã Bằng Thành (dữ liệu mẫu)", and a certificate made for "Ủy ban nhân dân xã Bằng Thành" seals them
(a certificate's own name is compared whole).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ntm_desktop.core.errors import InvalidInput
from ntm_desktop.core.i18n import tr
from ntm_desktop.core.text import fold, without_note

_ABBREVIATIONS = ((re.compile(r"\buy ban nhan dan\b"), "ubnd"),)
_BODY_AND_UNIT_WORD = re.compile(r"^((?:Ủy|Uỷ) ban nhân dân|UBND)\s+(Xã|Phường|Đặc khu)\b")


def person_key(name: str) -> str:
    """``"NGUYEN VAN A"`` and ``"Nguyễn Văn A"`` give the same key."""
    return fold(name)


def organisation_key(name: str) -> str:
    key = fold(name.replace(".", " "))
    for pattern, short in _ABBREVIATIONS:
        key = pattern.sub(short, key)
    return " ".join(key.split())


def organisation_in_text(name: str) -> str:
    """The organisation as a sentence names it: "Ủy ban nhân dân Xã Bằng Thành (dữ liệu mẫu)" → "Ủy ban
    nhân dân xã Bằng Thành" (the unit word lower-case after the body, the note left out)."""
    return _BODY_AND_UNIT_WORD.sub(lambda m: f"{m[1]} {m[2].lower()}", without_note(name))


def same_person(holder: str, printed: str) -> bool:
    return bool(person_key(holder)) and person_key(holder) == person_key(printed)


def same_organisation(holder_names: Iterable[str], printed: str) -> bool:
    """The note is left out of the name printed on the document (the commune's own words for itself), not
    of a certificate's: "UBND xã X (cũ)" on a certificate is not "UBND xã X"."""
    wanted = organisation_key(without_note(printed))
    return bool(wanted) and any(organisation_key(n) == wanted for n in holder_names if n)


def require_signer(holder: str, printed: str) -> None:
    """Refuse (exit 3) a certificate that is not the person printed under the signature."""
    if not same_person(holder, printed):
        raise InvalidInput(
            tr(
                "The certificate belongs to {holder}, but the report is signed by {printed}. "
                "Sign with {printed}'s own certificate, or choose {holder} as the signer.",
                holder=holder or "?",
                printed=printed,
            ),
            field="signer",
        )


def require_organisation(holder_names: Iterable[str], printed: str) -> None:
    """Refuse (exit 3) a seal certificate that is not the organisation that issued the document."""
    names = [n for n in holder_names if n]
    if not same_organisation(names, printed):
        raise InvalidInput(
            tr(
                "The certificate belongs to {holder}, but the document was issued by {printed}. "
                "Seal it with {printed}'s own certificate.",
                holder=" / ".join(dict.fromkeys(names)) or "?",
                printed=organisation_in_text(printed) or "?",
            ),
            field="organisation",
        )
