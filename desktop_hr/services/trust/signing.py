"""Ed25519 signatures without a database: key ids, fingerprints, PEM files, base64url.

Everything here works with only a public key file, so an inspector's `desktop-hr verify` (and the audit
checkpoints' check) need nothing else. The private half is handled by `keys.py`.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_ID_LENGTH = 8  # hex characters: short enough for a QR code, 2^32 keys per office is plenty


def raw_public(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: Ed25519PublicKey) -> str:
    """The first hex characters of SHA-256 of the raw public key: names a key in QR codes and files."""
    return hashlib.sha256(raw_public(public)).hexdigest()[:KEY_ID_LENGTH].upper()


def fingerprint(public: Ed25519PublicKey) -> str:
    """What is printed on certificates and shown by `keys`: SHA-256 of the raw key, 32 hex in 8 groups."""
    digest = hashlib.sha256(raw_public(public)).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """Raises ValueError on anything that is not base64url."""
    padded = text + "=" * (-len(text) % 4)
    try:
        data = base64.urlsafe_b64decode(padded.encode("ascii"))
    except (UnicodeEncodeError, ValueError) as exc:  # binascii.Error is a ValueError
        raise ValueError(str(exc)) from exc
    # Only the canonical spelling: a last character differing in its unused bits decodes to the same
    # bytes, so an altered QR text would otherwise still verify.
    if b64url(data) != text:
        raise ValueError("not canonical base64url")
    return data


def sign(private: Ed25519PrivateKey, data: bytes) -> str:
    return b64url(private.sign(data))


def is_valid(public: Ed25519PublicKey, signature: str, data: bytes) -> bool:
    try:
        public.verify(unb64url(signature), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public_pems(text: str) -> dict[str, Ed25519PublicKey]:
    """Every Ed25519 public key in a PEM text (an exported file may hold the old keys too), by key id.

    Raises ValueError when the text holds no Ed25519 public key.
    """
    found: dict[str, Ed25519PublicKey] = {}
    marker = "-----END PUBLIC KEY-----"
    for block in text.split(marker):
        start = block.find("-----BEGIN PUBLIC KEY-----")
        if start < 0:
            continue
        try:
            public = serialization.load_pem_public_key((block[start:] + marker).encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            continue
        if isinstance(public, Ed25519PublicKey):
            found[key_id(public)] = public
    if not found:
        raise ValueError("no Ed25519 public key")
    return found


def private_pem(private: Ed25519PrivateKey, passphrase: bytes | None = None) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    return private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)


def load_private_pem(data: bytes, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """Raises ValueError for a wrong passphrase, a damaged file or a key of another kind."""
    try:
        private = serialization.load_pem_private_key(data, password=passphrase)
    except TypeError as exc:  # a passphrase given for a plain file, or none for an encrypted one
        raise ValueError(str(exc)) from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return private
