"""Submission tokens and receipt codes: random, unguessable, and stored only as sha256 hashes.

The receipt code is derived from the submission token with an HMAC under the secret key, so a
retried POST carrying the same token yields the same code without the code ever being stored.
The staff side can publish a digest over the stored sha256(receipt_code) values, and a resident
can check their code against it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

#: Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Characters in a receipt code (16 × 5 bits = 80 bits).
CODE_LENGTH = 16


def new_token() -> str:
    """Return a fresh submission token (128 random bits, hex)."""
    return secrets.token_hex(16)


def sha256_hex(value: str) -> str:
    """Return the hex sha256 of VALUE's UTF-8 bytes."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def receipt_code(token: str, secret: str) -> str:
    """Derive the receipt code of TOKEN: HMAC-SHA256 under SECRET, base32, grouped by four."""
    digest = hmac.new(secret.encode("utf-8"), b"receipt:" + token.encode("ascii"), "sha256").digest()
    number = int.from_bytes(digest[:10], "big")
    chars = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, 32)
        chars.append(ALPHABET[index])
    code = "".join(chars)
    return "-".join(code[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalize_code(text: str) -> str:
    """Canonicalise a typed receipt code: upper case, O→0, I/L→1, dashes every four characters.

    NFKC is safe here (and only here): a code is ASCII, so full-width ＡＢ１２ typed on a Japanese
    keyboard must fold to AB12.
    """
    folded = unicodedata.normalize("NFKC", text).upper()
    cleaned = folded.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    raw = "".join(ch for ch in cleaned if ch in ALPHABET)
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def code_hash(code: str) -> str:
    """Return the stored form of a receipt code: sha256 of its canonical text."""
    return sha256_hex(normalize_code(code))
