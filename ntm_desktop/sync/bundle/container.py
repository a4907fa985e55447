"""The bundle container: one signed ``.ntmsync`` file (a ZIP) that carries records between computers.

Pure functions, no database: the sync service builds the payload and decides what to do with what it
reads. The format is specified in ``docs/bundle-format.md``. The work is split by step:

* :mod:`.writer`: :func:`write_bundle` (+ :class:`BundleFields`);
* :mod:`.reader`: :func:`read_bundle` → :class:`VerifiedBundle`, refusing anything doubtful;
* :mod:`.archive`: the ZIP-level guards (names, compression, decompression caps);
* :mod:`.manifest`, :mod:`.payload`: the two JSON members and their checks;
* :mod:`.trust`: :func:`check_trust`; :mod:`.receipt`: receipts; :mod:`.keys`: device keys.
"""

from __future__ import annotations

from ntm_desktop.core.files import WriteFailed
from ntm_desktop.sync.bundle.manifest import FORMAT, FORMAT_VERSION, BundleKind, Manifest, Member, Receiver
from ntm_desktop.sync.bundle.reader import (
    DEFAULT_MAX_MEMBER_BYTES,
    DEFAULT_MAX_TOTAL_BYTES,
    VerifiedBundle,
    read_bundle,
)
from ntm_desktop.sync.bundle.writer import BundleFields, bundle_file_name, write_bundle
from ntm_desktop.sync.errors import BundleSignatureInvalid, InvalidBundle, Reason
from ntm_desktop.sync.keys.trust import TrustDecision, TrustStatus, check_trust
from ntm_desktop.sync.receipts.document import (
    HeldRecord,
    Receipt,
    ReceivedBundle,
    read_receipt,
    write_receipt,
)

__all__ = [
    "DEFAULT_MAX_MEMBER_BYTES",
    "DEFAULT_MAX_TOTAL_BYTES",
    "FORMAT",
    "FORMAT_VERSION",
    "BundleFields",
    "BundleKind",
    "BundleSignatureInvalid",
    "HeldRecord",
    "InvalidBundle",
    "Manifest",
    "Member",
    "Reason",
    "Receipt",
    "ReceivedBundle",
    "Receiver",
    "TrustDecision",
    "TrustStatus",
    "VerifiedBundle",
    "WriteFailed",
    "bundle_file_name",
    "check_trust",
    "read_bundle",
    "read_receipt",
    "write_bundle",
    "write_receipt",
]
