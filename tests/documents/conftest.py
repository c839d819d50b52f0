"""The documents storage on both backends: the encrypted file system under a temporary folder, and
S3 against a real S3-compatible server (moto's, over HTTP on 127.0.0.1), each with a way to list
what is stored so a test can check that nothing was left behind."""
import socket
import uuid
from types import SimpleNamespace

import pytest

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"PE\x00\x00"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_server():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def _s3_client(endpoint):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                        aws_secret_access_key="testing")


@pytest.fixture(params=["filesystem", "s3"])
def doc_storage(request, settings, tmp_path):
    """The `documents` storage of this test; `.files()` lists what it holds."""
    if request.param == "filesystem":
        settings.STORAGES = {**settings.STORAGES, "documents": {
            "BACKEND": "documents.storage.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
        return SimpleNamespace(
            kind="filesystem", root=tmp_path,
            files=lambda: sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()),
            raw=lambda key: (tmp_path / key).read_bytes())
    endpoint = request.getfixturevalue("moto_server")
    s3 = _s3_client(endpoint)
    bucket = f"documents-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket)
    settings.STORAGES = {**settings.STORAGES, "documents": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": bucket, "endpoint_url": endpoint, "region_name": "us-east-1", "access_key": "testing",
        "secret_key": "testing", "object_parameters": {"ServerSideEncryption": "AES256"}, "default_acl": None,
        "querystring_auth": False, "file_overwrite": True}}}

    def files():
        return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", []))

    return SimpleNamespace(kind="s3", bucket=bucket, client=s3, files=files,
                           raw=lambda key: s3.get_object(Bucket=bucket, Key=key)["Body"].read(),
                           head=lambda key: s3.head_object(Bucket=bucket, Key=key))
