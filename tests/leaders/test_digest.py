"""`kudos digest`: each format posted to a real HTTP server on 127.0.0.1, and its payload checked."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from conftest import AS_OF, PEOPLE
from sites import Site


class Hook:
    """An incoming webhook: records each POST and answers with `status`."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, bytes]] = []
        self.status = 200
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                hook.requests.append((self.path, self.headers.get("Content-Type", ""), self.rfile.read(length)))
                self.send_response(hook.status)
                self.end_headers()
                self.wfile.write(b"ok" if hook.status < 300 else b"invalid_payload")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/services/T000/B000/s3cret"

    def json(self, n: int = -1) -> Any:
        return json.loads(self.requests[n][2])


@pytest.fixture
def hook() -> Iterator[Hook]:
    made = Hook()
    thread = threading.Thread(target=made.server.serve_forever, daemon=True)
    thread.start()
    yield made
    made.server.shutdown()
    made.server.server_close()


@pytest.fixture
def company(leaders_site: Site) -> Site:
    people = json.loads(json.dumps(PEOPLE))
    people["zed-private"]["birthday"] = "11-01"  # opted out: never celebrated
    people["cleo-park"].update(birthday="10-20", celebrate=False)
    people["olga-gone"]["birthday"] = "11-02"  # left on 2026-10-31
    leaders_site.people(people)
    leaders_site.entry("2026/11/hostile.yml", date="2026-11-24", giver="customer", to=["ana-lima"],
                       title="<!channel> & *all* [click](http://evil.test) <b>hi</b>",
                       message="A customer wrote in.")
    leaders_site.extra_config["site_url"] = "https://handbook.acme.test/"
    return leaders_site


def digest(site: Site, *args: str) -> str:
    result = site.kudos("digest", "--as-of", AS_OF, "--since", "60d", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_slack_payload_is_block_kit_with_escaped_mrkdwn(company: Site, hook: Hook) -> None:
    digest(company, "--format", "slack", "--post", hook.url)
    path, content_type, _ = hook.requests[0]
    assert path == "/services/T000/B000/s3cret" and content_type == "application/json"
    payload = hook.json()
    assert payload["blocks"][0]["type"] == "header"
    assert payload["blocks"][0]["text"]["text"] == "Kudos from 27 September 2026 to 25 November 2026"
    text = "\n".join(b["text"]["text"] for b in payload["blocks"] if b["type"] == "section")
    assert all(b["text"]["type"] == "mrkdwn" for b in payload["blocks"] if b["type"] == "section")
    assert "&lt;!channel&gt; &amp; *all* [click](http://evil.test) &lt;b&gt;hi&lt;/b&gt;" in text
    assert "<!channel>" not in text and "<b>" not in text
    # Anonymous and opted-out givers are "a colleague"; customers are "a customer".
    assert "|Covering a shift>*: for Ana Lima, from a colleague, 12 October 2026" in text
    assert "for Dev Iyer, from a colleague, 10 October 2026" in text
    assert "|Made her week>*: for Cleo Park, from a customer" in text
    assert "<https://handbook.acme.test/kudos/2026/11/#k" in text
    assert "Happy birthday, Ana Lima! (21 November 2026)" in text
    assert "Dev Iyer: 6 years with us (23 November 2026)" in text
    everything = json.dumps(payload)
    for hidden in ("Zephyrine", "Olga", "Happy birthday, Cleo", "@acme.test"):
        assert hidden not in everything


def test_teams_payload_is_an_adaptive_card_message(company: Site, hook: Hook) -> None:
    digest(company, "--format", "teams", "--post", hook.url)
    payload = hook.json()
    assert payload["type"] == "message"
    attachment = payload["attachments"][0]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    texts = [i["text"] for b in card["body"] for i in (b.get("items") or [b])]
    assert "Covering a shift" in texts and "for Ana Lima, from a colleague, 12 October 2026" in texts
    # Adaptive Cards show no HTML; their Markdown (links, emphasis) is escaped.
    assert r"<!channel\> & \*all\* \[click\]\(http://evil.test\) <b\>hi</b\>" in texts
    assert card["actions"][0]["url"] == "https://handbook.acme.test/kudos/"
    assert "Zephyrine" not in json.dumps(payload)


def test_markdown_and_html_payloads(company: Site, hook: Hook) -> None:
    digest(company, "--format", "markdown", "--post", hook.url)
    markdown = hook.json()["text"]
    assert markdown.startswith("# Kudos from 27 September 2026 to 25 November 2026")
    assert "\\<\\!channel\\> & \\*all\\* \\[click\\]\\(http://evil\\.test\\)" in markdown
    assert "- **Covering a shift**" not in markdown  # with a site_url every title links to its entry
    assert "[Covering a shift](https://handbook.acme.test/kudos/2026/10/#k" in markdown
    digest(company, "--format", "html", "--post", hook.url)
    _, content_type, body = hook.requests[-1]
    assert content_type == "text/html; charset=utf-8"
    html = body.decode()
    assert "&lt;!channel&gt; &amp; *all* [click](http://evil.test) &lt;b&gt;hi&lt;/b&gt;" in html
    assert "<b>" not in html and "Zephyrine" not in html


def test_a_failed_post_is_a_failure_that_keeps_the_webhook_secret(company: Site, hook: Hook) -> None:
    hook.status = 400
    result = company.kudos("digest", "--as-of", AS_OF, "--format", "slack", "--post", hook.url)
    assert result.returncode == 1
    assert "answered 400" in result.stderr and "invalid_payload" in result.stderr
    assert "s3cret" not in result.stderr + result.stdout
    hook.server.shutdown()
    hook.server.server_close()
    result = company.kudos("digest", "--as-of", AS_OF, "--post", hook.url)
    assert result.returncode == 1 and "could not post to http://127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr


def test_printed_without_post_and_since_is_checked(company: Site) -> None:
    result = company.kudos("digest", "--as-of", AS_OF, "--since", "7d")
    assert result.returncode == 0
    assert result.stdout.startswith("# Kudos from 19 November 2026 to 25 November 2026")
    assert "Covering a shift" not in result.stdout  # 12 October is before the week
    bad = company.kudos("digest", "--as-of", AS_OF, "--since", "a week")
    assert bad.returncode == 2 and "7d, 2w" in bad.stderr
