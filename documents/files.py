"""What an uploaded file is, from its bytes (never its name), and what its name may keep.

The type is sniffed with `filetype` (pure Python magic numbers: PDF, PNG, JPEG, GIF, WebP and the
legacy Office formats in an OLE container), plus two checks of our own: an Office Open XML file is
a ZIP whose `[Content_Types].xml` and `word/`, `xl/` or `ppt/` part are there (macro-enabled ones
are refused), and plain text is UTF-8 without control characters. Anything else, an executable
with a `.pdf` name included, is not on the allow-list (`DOCUMENTS_ALLOWED_TYPES`).
"""
import re
import unicodedata
import zipfile

import filetype

SNIFF_BYTES = 8192
TEXT = "text/plain"
OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
SNIFFED = {  # filetype's answer -> the type we keep
    "application/pdf": "application/pdf",
    "image/png": "image/png",
    "image/jpeg": "image/jpeg",
    "image/gif": "image/gif",
    "image/webp": "image/webp",
    "application/msword": "application/msword",
    "application/vnd.ms-excel": "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint": "application/vnd.ms-powerpoint",
}
ALLOWED_TYPES = [*SNIFFED.values(), *OOXML.values(), TEXT]
EXTENSIONS = {
    "application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
    "application/msword": "doc", "application/vnd.ms-excel": "xls", "application/vnd.ms-powerpoint": "ppt",
    **{v: k.rstrip("/").replace("word", "docx").replace("xl", "xlsx").replace("ppt", "pptx") for k, v in OOXML.items()},
    TEXT: "txt",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sniff(file) -> str | None:
    """The content type of a seekable file from its bytes, or None when it is none we know.
    Leaves the file at its start."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if not head:
        return None
    if head.startswith(b"PK\x03\x04"):
        return _ooxml(file)
    kind = filetype.guess(head)
    if kind is not None:
        return SNIFFED.get(kind.mime)
    return TEXT if _is_text(head) else None


def _ooxml(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names or any(n.lower().endswith("vbaproject.bin") for n in names):
        return None
    for prefix, content_type in OOXML.items():
        if any(n.startswith(prefix) for n in names):
            return content_type
    return None


def _is_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a multi-byte character cut at the end of the sample is fine
        if exc.start < len(head) - 3:
            return False
        text = head[:exc.start].decode("utf-8")
    return not _CONTROL.search(text)


def clean_file_name(name: str, content_type: str) -> str:
    """The name's last part only (no folders, from either kind of slash), in NFC, without control
    characters, characters Windows refuses or leading dots, at most 150 characters, and with the
    extension of what the bytes are."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r'[<>:"|?*]', "_", base).strip().lstrip(".").strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"\s+", " ", stem).strip(" .")[:150] or "document"
    return f"{stem}.{EXTENSIONS.get(content_type, 'bin')}"
