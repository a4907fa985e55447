"""Digital signatures for reports: make a key, sign a PDF (PAdES) with a visible stamp, check a signed PDF.

Core code: no Qt. Signing with a USB token / smart card needs python-pkcs11 and the token's PKCS#11 driver.
"""

from ntm_desktop.signing.certificate import create_certificate, fingerprint, format_fingerprint
from ntm_desktop.signing.errors import SigningError
from ntm_desktop.signing.sign import SignResult, sign_pdf
from ntm_desktop.signing.signers import Identity, KeySigner, load_p12, load_pkcs11
from ntm_desktop.signing.verify import SignatureCheck, VerifyResult, verify_pdf

__all__ = [
    "Identity",
    "KeySigner",
    "SignResult",
    "SignatureCheck",
    "SigningError",
    "VerifyResult",
    "create_certificate",
    "fingerprint",
    "format_fingerprint",
    "load_p12",
    "load_pkcs11",
    "sign_pdf",
    "verify_pdf",
]
