"""The way back to an anonymous complainant: their Telegram chat id, sealed.

``Complaint.handle`` is ``"v1:" + urlsafe base64(nonce ‖ AES-256-GCM(chat id))`` under a key
kept outside the database: ``SABAQ_COMPLAINTS_KEY`` (32 bytes, urlsafe base64), else
``<data dir>/complaints.key``, generated once with mode 0600. Backups carry the database and
the uploads only, never this file, so neither a database dump nor a backup opens a handle.

Why an administrator who reads the whole database learns nothing from a handle:

- the nonce is random (96 bits) for every seal, so two complaints from one chat have
  unrelated handles — they cannot even be grouped by author;
- GCM authenticates the ciphertext, so a handle cannot be forged or edited to point replies
  at another chat (``open_handle`` refuses it);
- the chat id never appears in the clear anywhere: rate limits are keyed by an HMAC of it
  under the same key (``chat_tag``), not the id.

Deployments that separate duties set ``SABAQ_COMPLAINTS_KEY`` only where the complaints bot
runs; the web panel and the database then hold nothing that opens a handle.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.config import Settings

KEY_BYTES = 32
KEY_FILE = "complaints.key"
_PREFIX = "v1:"
_NONCE_BYTES = 12
_CHAT_BYTES = 8
# Binds a ciphertext to its use: a sealed handle is never accepted as anything else.
_ASSOCIATED = b"sabaq complaint handle v1"


def _decode_key(text: str, source: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError):
        raise ValueError(f"{source}: not urlsafe base64") from None
    if len(key) != KEY_BYTES:
        raise ValueError(f"{source}: the key must be {KEY_BYTES} bytes, not {len(key)}")
    return key


@functools.lru_cache(maxsize=8)
def _key_file(path: Path) -> bytes:
    """The key in ``path``, generated there first if there is none (exclusive create, so two
    processes starting together agree on one key). Read once per process: every update of
    the complaints bot needs it (its flood limit's pseudonym), and it never changes."""
    try:
        return _decode_key(path.read_text(encoding="ascii"), str(path))
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    text = base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _decode_key(path.read_text(encoding="ascii"), str(path))
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(text + "\n")
        out.flush()
        os.fsync(out.fileno())
    return _decode_key(text, str(path))


def complaints_key(settings: Settings) -> bytes:
    """The 32-byte key that seals handles: ``SABAQ_COMPLAINTS_KEY``, else the data dir's
    ``complaints.key`` (created on first use, readable by its owner only).

    Raises:
        ValueError: the configured key or the key file is not 32 bytes of urlsafe base64.
    """
    if settings.complaints_key is not None:
        return _decode_key(settings.complaints_key.get_secret_value(), "SABAQ_COMPLAINTS_KEY")
    return _key_file(settings.data_dir / KEY_FILE)


def seal(settings: Settings, chat_id: int) -> str:
    """A new handle for ``chat_id``; a different one at every call.

    Raises:
        ValueError: ``chat_id`` does not fit in 64 bits (no Telegram chat does); the key is bad.
    """
    plain = chat_id.to_bytes(_CHAT_BYTES, "big", signed=True)
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(complaints_key(settings)).encrypt(nonce, plain, _ASSOCIATED)
    return _PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def open_handle(settings: Settings, handle: str) -> int:
    """The chat id sealed in ``handle``.

    Raises:
        ValueError: not a handle, altered, or sealed under another key.
    """
    if not handle.startswith(_PREFIX):
        raise ValueError("not a complaint handle")
    try:
        raw = base64.urlsafe_b64decode(handle[len(_PREFIX) :].encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise ValueError("not a complaint handle") from None
    if len(raw) <= _NONCE_BYTES:
        raise ValueError("not a complaint handle")
    try:
        plain = AESGCM(complaints_key(settings)).decrypt(
            raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], _ASSOCIATED
        )
    except InvalidTag:
        raise ValueError("the handle was altered or sealed under another key") from None
    if len(plain) != _CHAT_BYTES:
        raise ValueError("not a complaint handle")
    return int.from_bytes(plain, "big", signed=True)


def chat_tag(settings: Settings, purpose: str, chat_id: int) -> str:
    """A stable pseudonym of a chat for one ``purpose`` (a rate limit's key): an HMAC under
    the complaints key, so Redis or logs never hold the chat id itself."""
    message = f"{purpose}:{chat_id}".encode()
    digest = hmac.new(complaints_key(settings), message, hashlib.sha256).hexdigest()
    return digest[:32]
