"""`kudos inbox reject` sets any file aside as it came: never a crash, never a file stranded."""

from __future__ import annotations

from pathlib import Path

import pytest

from sites import Site

NOT_UTF8 = b"date: 2026-11-20\nfrom: ana-lima\nto: ben-okafor\nmessage: Caf\xe9 \xff\xfe thanks\n"


@pytest.mark.parametrize("content", [NOT_UTF8, b"\x00\x01\x02 binary", b"[not: yaml"])
def test_rejecting_a_file_that_is_not_utf8_or_yaml_keeps_it_whole(site: Site, content: bytes) -> None:
    inbox = site.root / "kudos/_inbox"
    inbox.mkdir(parents=True)
    (inbox / "20261120-101010-0123456789.yml").write_bytes(content)
    result = site.kudos("inbox", "reject", "20261120-101010-0123456789", "--reason", "not readable")
    assert result.returncode == 0, result.stderr
    rejected = inbox / "_rejected/20261120-101010-0123456789.yml"
    head, _, body = rejected.read_bytes().partition(b"\n")
    assert head.startswith(b"# rejected ") and head.endswith(b": not readable")
    assert body == content
    assert not (inbox / "_approving").exists() or list((inbox / "_approving").iterdir()) == []
    assert not (inbox / "20261120-101010-0123456789.yml").exists()
    listed = site.kudos("inbox", "list")
    assert "was being approved" not in listed.stderr


def test_approving_a_file_that_is_not_utf8_keeps_it_in_the_inbox(site: Site) -> None:
    inbox = site.root / "kudos/_inbox"
    inbox.mkdir(parents=True)
    (inbox / "20261120-101010-0123456789.yml").write_bytes(NOT_UTF8)
    result = site.kudos("inbox", "approve", "20261120-101010-0123456789")
    assert result.returncode == 1
    assert "file is not valid UTF-8 - save it as UTF-8" in result.stderr
    assert (inbox / "20261120-101010-0123456789.yml").read_bytes() == NOT_UTF8
    assert not list(Path(inbox / "_approving").glob("*.yml"))
