"""Where document files live: Django's storage API, the `documents` alias of `STORAGES`.

- `EncryptedFileSystemStorage` (the embedded default, under `var/documents`): each file is
  encrypted at rest with AES-256-GCM in fixed-size chunks, streamed in both directions, so a 50 MB
  file never sits in memory. The layout of a stored file:

      header  = MAGIC (8) | key id (8) | nonce prefix (8) | chunk size (4, big-endian)
      chunk i = AES-GCM(key, nonce = nonce prefix | i (4, big-endian),
                        plaintext chunk, associated data = header | i | last-flag)

  Each chunk is authenticated with its position and whether it is the last one, so chunks cannot
  be reordered, dropped or the file cut short without the read failing. The key id (the first 8
  bytes of SHA-256 of the key) picks the key among `DOCUMENTS_ENCRYPTION_KEYS`: the first key
  encrypts, all decrypt (rotation).
- S3-compatible object storage (production): django-storages' `S3Storage`, with server-side
  encryption asked on every upload (`object_parameters`, see `rwc.settings.base.documents_storage`).

Files are written under random keys (`new_key`); nothing of a file's name reaches storage.
"""
import base64
import hashlib
import io
import os
import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages

MAGIC = b"RWCDOC1\n"
CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
HEADER_SIZE = len(MAGIC) + 8 + 8 + 4
STORAGE_ALIAS = "documents"


def documents_storage():
    return storages[STORAGE_ALIAS]


def new_key() -> str:
    """A random storage key: 128 bits, in a two-level fan-out so no directory grows huge."""
    token = secrets.token_hex(16)
    return f"{token[:2]}/{token}"


class DecryptionError(Exception):
    """The stored file is not what was written: wrong key, or changed or cut short."""


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:8]


def parse_keys(values) -> list[bytes]:
    keys = []
    for value in values or []:
        try:
            key = base64.urlsafe_b64decode(value.strip().encode())
        except (ValueError, TypeError):
            key = b""
        if len(key) != 32:
            raise ImproperlyConfigured("Each DOCUMENTS_ENCRYPTION_KEYS entry is 32 bytes, URL-safe base64.")
        keys.append(key)
    return keys


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class _Buffered(io.RawIOBase):
    """A readable stream that yields its bytes from `_next_piece()` as asked."""

    def __init__(self):
        self._pending = b""
        self._done = False

    def readable(self):
        return True

    def _next_piece(self) -> bytes | None:
        raise NotImplementedError

    def readinto(self, buffer):
        while not self._pending and not self._done:
            piece = self._next_piece()
            if piece is None:
                self._done = True
            else:
                self._pending = piece
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class EncryptingReader(_Buffered):
    """Reads a plaintext stream as the encrypted file format, one chunk at a time."""

    def __init__(self, source, key: bytes, chunk_size: int = CHUNK_SIZE):
        super().__init__()
        self._source, self._aes, self._chunk_size = source, AESGCM(key), chunk_size
        self._prefix = os.urandom(8)
        self._header = MAGIC + _key_id(key) + self._prefix + chunk_size.to_bytes(4, "big")
        self._index = -1  # the header comes first
        self._ahead = None

    def _read_chunk(self) -> bytes:
        data, wanted = b"", self._chunk_size
        while len(data) < wanted:  # a stream may return less than asked before its end
            more = self._source.read(wanted - len(data))
            if not more:
                break
            data += more
        return data

    def _next_piece(self):
        if self._index == -1:
            self._index = 0
            self._ahead = self._read_chunk()
            return self._header
        if self._ahead is None:
            return None
        current = self._ahead
        following = self._read_chunk() if len(current) == self._chunk_size else b""
        last = not following
        nonce = self._prefix + self._index.to_bytes(4, "big")
        piece = self._aes.encrypt(nonce, current, _aad(self._header, self._index, last))
        self._index += 1
        self._ahead = None if last else following
        return piece


class DecryptingReader(_Buffered):
    """Reads an encrypted file as its plaintext, checking every chunk (DecryptionError if any fails)."""

    def __init__(self, raw, keys: list[bytes]):
        super().__init__()
        self._raw = raw
        header = raw.read(HEADER_SIZE)
        if len(header) != HEADER_SIZE or not header.startswith(MAGIC):
            raise DecryptionError("not an encrypted document file")
        key_id = header[len(MAGIC):len(MAGIC) + 8]
        key = next((k for k in keys if _key_id(k) == key_id), None)
        if key is None:
            raise DecryptionError("no key for this file (DOCUMENTS_ENCRYPTION_KEYS)")
        self._header, self._aes = header, AESGCM(key)
        self._prefix = header[len(MAGIC) + 8:len(MAGIC) + 16]
        self._block = int.from_bytes(header[-4:], "big") + TAG_SIZE
        self._index = 0
        self._ahead = self._read_block()
        self._finished = False

    def _read_block(self) -> bytes:
        data = b""
        while len(data) < self._block:
            more = self._raw.read(self._block - len(data))
            if not more:
                break
            data += more
        return data

    def _next_piece(self):
        if self._finished:
            return None
        current = self._ahead
        following = self._read_block() if len(current) == self._block else b""
        last = not following
        nonce = self._prefix + self._index.to_bytes(4, "big")
        try:
            piece = self._aes.decrypt(nonce, current, _aad(self._header, self._index, last))
        except Exception as exc:  # cryptography's InvalidTag, or a block too short to hold a tag
            raise DecryptionError("the file was changed or cut short") from exc
        self._index += 1
        self._ahead = following
        self._finished = last
        return piece

    def close(self):
        self._raw.close()
        super().close()


class EncryptedFileSystemStorage(FileSystemStorage):
    """A file system storage that encrypts on write and decrypts on read (see the module's text).

    `keys`: URL-safe base64 keys of 32 bytes; default `settings.DOCUMENTS_ENCRYPTION_KEYS`."""

    def __init__(self, keys=None, **kwargs):
        kwargs.setdefault("location", str(settings.DOCUMENTS_ROOT))
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        super().__init__(**kwargs)
        self._configured_keys = keys

    @property
    def keys(self) -> list[bytes]:
        keys = parse_keys(self._configured_keys if self._configured_keys is not None
                          else settings.DOCUMENTS_ENCRYPTION_KEYS)
        if not keys:
            raise ImproperlyConfigured("Set DOCUMENTS_ENCRYPTION_KEYS to store documents on the file system.")
        return keys

    def _save(self, name, content):
        content.seek(0)
        encrypted = File(io.BufferedReader(EncryptingReader(content, self.keys[0]), CHUNK_SIZE), name=name)
        return super()._save(name, encrypted)

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Documents are written through save(), never opened for writing.")
        raw = super()._open(name, "rb")
        try:
            return File(io.BufferedReader(DecryptingReader(raw.file, self.keys), CHUNK_SIZE), name=name)
        except Exception:
            raw.close()
            raise

    def url(self, name):  # never served from a public address
        raise NotImplementedError("Documents are served only through the access-checked API.")
