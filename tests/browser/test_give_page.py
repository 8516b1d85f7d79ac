"""The give page (/kudos/give/) in headless Chromium: the form, its checks, and where entries go."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from browserkit import AXE_TAGS, Served, build_ok, describe, make_company

from sites import TODAY, env, make_site

DAY = "2026-11-20"
# Markdown, a hard line break, YAML's special characters and markup that must stay text.
MESSAGE = (
    "Ben stayed *late* to help: \"thank you\" #1  \n"
    "and after.\n"
    "\n"
    "- the invoice: sorted\n"
    "- the customer's <script>alert(1)</script> happy\n"
    "\n"
    "See [the notes](https://example.com/notes) — merci!"
)



def give_url(served: Served, query: str = "") -> str:
    return served.at("kudos/give/") + query


def open_form(page: Any, url: str) -> None:
    """Open the give page and wait until its form is ready (people loaded, address read)."""
    page.goto(url)
    page.wait_for_selector("#kudos-give[data-ready]", state="attached")


def pick(page: Any, field: str, typed: str, option_id: str) -> None:
    """Type into a picker and tap the match: picking is choosing, there is no Add."""
    page.click(f"#kudos-{field}")
    page.fill(f"#kudos-{field}", "")
    page.keyboard.type(typed)
    page.click(f"#kudos-{field}-options [role=option][data-id='{option_id}']")


def more(page: Any) -> None:
    """Open "title, principles, date, anonymous"."""
    page.eval_on_selector("#kudos-more", "d => { d.open = true; }")


def fill(page: Any, message: str = MESSAGE) -> None:
    pick(page, "from", "Ana", "ana-lima")
    pick(page, "to", "Ben", "ben-okafor")
    pick(page, "to", "cleo", "cleo-park")
    more(page)
    page.check("#kudos-principle-patience")
    page.fill("#kudos-title", "A: late \"rescue\"")
    page.fill("#kudos-message", message)
    page.fill("#kudos-date", DAY)


def chosen(page: Any) -> list[str]:
    return list(page.locator("#kudos-to-list > li > span").all_inner_texts())


def check_yaml_with_kudos(tmp_path: Path, path: str, text: str, site: Any = None, published: int = 5) -> dict[str, Any]:
    """Put the page's file into a fixture site and let `kudos check` judge it."""
    if site is None:
        site = make_site(tmp_path / "check")
    site.write_config()
    target = site.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result = site.kudos("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"OK: {published} published entries" in result.stderr, result.stderr
    data: dict[str, Any] = yaml.safe_load(text)
    target.unlink()
    return data


def test_filled_form_gives_yaml_kudos_check_accepts_and_a_prefilled_github_link(
    build_company: Callable[..., Served], new_page: Callable[..., Any], tmp_path: Path
) -> None:
    served = build_company(give_repo_url="https://github.com/example/handbook", give_branch="main")
    page = new_page()
    open_form(page, give_url(served))
    fill(page)
    preview = page.locator("#kudos-preview")
    assert preview.locator(".kudos-entry__message em").first.inner_text() == "late"
    assert preview.locator(".kudos-entry__message li").count() == 2
    assert preview.locator("script").count() == 0
    assert "<script>alert(1)</script>" in preview.inner_text()
    assert preview.locator(".kudos-entry__message a").get_attribute("href") == "https://example.com/notes"

    page.click("#kudos-submit")
    assert page.locator("#kudos-give-result").is_visible()
    assert page.evaluate("document.activeElement.id") == "kudos-result-heading"
    path = page.text_content("#kudos-file-name")
    assert path == f"kudos/2026/11/{DAY}-ana-lima-to-ben-okafor-cleo-park.yml"
    text = page.input_value("#kudos-yaml")
    data = check_yaml_with_kudos(tmp_path, path, text)
    assert data["message"] == MESSAGE
    assert data["title"] == "A: late \"rescue\""
    assert data["to"] == ["ben-okafor", "cleo-park"] and data["principles"] == ["patience"]

    link = page.locator("#kudos-propose")
    assert link.is_visible() and link.inner_text() == "Send it for review"
    assert page.inner_text("#kudos-propose-hint") == "Opens GitHub in a new tab."  # where the tap goes, said once
    href = urlsplit(link.get_attribute("href"))
    assert (href.scheme, href.netloc, href.path) == ("https", "github.com", "/example/handbook/new/main/kudos/2026/11")
    query = parse_qs(href.query)
    assert query["filename"] == [f"{DAY}-ana-lima-to-ben-okafor-cleo-park.yml"]
    assert query["value"] == [text]
    assert page.locator("#kudos-send").count() == 0  # no intake configured
    assert page.errors == []


def result_order(page: Any) -> list[str]:
    """The ids of the last step's visible parts, top to bottom."""
    return list(page.evaluate(
        "() => Array.from(document.querySelectorAll('#kudos-give-result [id]'))"
        ".filter(n => n.offsetParent !== null).map(n => n.id)"
    ))


def test_with_a_repository_the_proposal_link_comes_first_with_a_sentence_on_pull_requests(
    build_company: Callable[..., Served], new_page: Callable[..., Any]
) -> None:
    served = build_company(give_repo_url="https://git.example.com/team/handbook", give_host="gitlab", give_branch="live")
    page = new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    open_form(page, give_url(served))
    assert page.inner_text("#kudos-submit") == "Next: send it for review"  # what the tap leads to, in a staff member's words
    fill(page, "Thanks!")
    page.check("#kudos-anonymous")
    page.click("#kudos-submit")
    order = result_order(page)
    assert order[:4] == ["kudos-result-heading", "kudos-propose", "kudos-propose-hint", "kudos-next"]
    assert order[-2:] == ["kudos-copy", "kudos-yaml"]  # copying the YAML: always there, always last
    assert page.inner_text("#kudos-propose-hint") == "Opens GitLab in a new tab."
    # A solid button: its words in the button's own light colour, not the page's link colour.
    colours = page.eval_on_selector("#kudos-propose", "a => [getComputedStyle(a).color, getComputedStyle(a).backgroundColor]")
    assert colours[0] == "rgb(255, 255, 255)" and colours[1] != colours[0], colours
    # How a proposal works is there for whoever asks, folded away with the file.
    assert not page.locator("#kudos-how").is_visible() and not page.locator("#kudos-yaml").is_visible()
    page.click("#kudos-give-files > summary")
    assert "A pull request" in page.inner_text("#kudos-how") and page.locator("#kudos-yaml").is_visible()
    # One button at a time: "Send it for review" replaces "Next"; changing the note brings "Next" back.
    assert not page.locator("#kudos-submit").is_visible()
    page.fill("#kudos-message", "Thanks, again!")
    assert page.locator("#kudos-submit").is_visible() and not page.locator("#kudos-give-result").is_visible()
    href = urlsplit(page.get_attribute("#kudos-propose", "href"))
    assert href.path == "/team/handbook/-/new/live/kudos/2026/11"
    query = parse_qs(href.query)
    # Anonymous: the giver's id is in the file (the build needs it) but not in its name.
    assert query["file_name"] == [f"{DAY}-to-ben-okafor-cleo-park.yml"]
    assert "anonymous: true" in query["content"][0]


def test_with_nothing_configured_the_page_says_to_ask_whoever_runs_the_site_and_copy_and_download_work(
    build_company: Callable[..., Served], new_page: Callable[..., Any], tmp_path: Path
) -> None:
    served = build_company(give_repo_url="")
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    open_form(page, give_url(served))
    assert page.inner_text("#kudos-submit") == "Next: save your note"
    fill(page, "Thank you for the **calm** handover.")
    page.click("#kudos-submit")
    assert page.locator("#kudos-propose").count() == 0 and page.locator("#kudos-send").count() == 0
    assert "give it to whoever runs this site" in page.inner_text("#kudos-next")
    order = result_order(page)
    assert order[:3] == ["kudos-result-heading", "kudos-download", "kudos-next"] and order[-2:] == ["kudos-copy", "kudos-yaml"]
    text = page.input_value("#kudos-yaml")
    page.click("#kudos-give-files > summary")  # the YAML, for whoever runs the site

    page.click("#kudos-copy")
    page.wait_for_function("document.getElementById('kudos-give-status').textContent.includes('copied')")
    assert page.evaluate("navigator.clipboard.readText()") == text

    with page.expect_download() as info:
        page.click("#kudos-download")
    download = info.value
    assert download.suggested_filename == f"{DAY}-ana-lima-to-ben-okafor-cleo-park.yml"
    saved = tmp_path / "downloaded.yml"
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == text
    check_yaml_with_kudos(tmp_path, "kudos/2026/11/" + download.suggested_filename, text)


def test_give_contact_names_whom_to_give_the_file_to(
    build_company: Callable[..., Served], new_page: Callable[..., Any]
) -> None:
    served = build_company(give_repo_url="", give_contact="the #kudos channel <b>now</b>")
    page = new_page()
    open_form(page, give_url(served))
    fill(page, "Thanks!")
    page.click("#kudos-submit")
    assert page.inner_text("#kudos-next") == (
        "Download the file and give it to the #kudos channel <b>now</b>, who adds it to the site."
    )
    assert page.locator("#kudos-next b").count() == 0


def test_errors_are_listed_announced_and_linked_to_their_fields(
    build_company: Callable[..., Served], new_page: Callable[..., Any], axe_source: str
) -> None:
    served = build_company()
    page = new_page()
    open_form(page, give_url(served))
    page.fill("#kudos-message", "x" * 2001)
    more(page)
    page.fill("#kudos-title", "t" * 121)
    page.fill("#kudos-to", "Nobody")
    page.click("#kudos-submit")
    summary = page.locator("#kudos-give-errors")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "kudos-give-errors"
    items = summary.locator("li a").all_inner_texts()
    assert items == [
        "Choose who it is from.",
        "Pick a name from the list.",
        "The title is 121 characters long; shorten it to 120 or fewer.",
        "The message is 2001 characters long; shorten it to 2000 or fewer.",
    ]
    for field in ("kudos-from", "kudos-to", "kudos-title", "kudos-message"):
        assert page.get_attribute(f"#{field}", "aria-invalid") == "true"
        described = page.get_attribute(f"#{field}", "aria-describedby").split()
        assert f"{field}-error" in described
        assert page.locator(f"#{field}-error").inner_text().startswith("Error: ")
    assert "1 character too many" in page.inner_text("#kudos-message-count")
    summary.locator("li a").nth(2).click()
    assert page.evaluate("document.activeElement.id") == "kudos-title"
    assert not page.locator("#kudos-give-result").is_visible()

    page.mouse.move(0, 0)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "(tags) => axe.run(document.querySelector('main') || document.body,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(r => r.violations)",
        AXE_TAGS,
    )
    assert violations == [], describe(violations)


def test_the_picker_is_an_aria_combobox_that_works_with_the_keyboard_alone(
    build_company: Callable[..., Served], new_page: Callable[..., Any], tmp_path: Path
) -> None:
    served = build_company()
    page = new_page()
    open_form(page, give_url(served))
    assert page.evaluate("document.activeElement.id") == "kudos-to"  # nobody asked for: whom to thank comes first
    to = page.locator("#kudos-to")
    assert to.get_attribute("role") == "combobox" and to.get_attribute("aria-expanded") == "false"
    page.keyboard.type("a")
    assert to.get_attribute("aria-expanded") == "true"
    options = page.locator("#kudos-to-options [role=option]")
    assert options.first.get_attribute("aria-selected") == "true"
    assert to.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    page.keyboard.press("Escape")
    assert to.get_attribute("aria-expanded") == "false"
    page.fill("#kudos-to", "")
    page.keyboard.type("Ana")
    page.keyboard.press("Enter")  # picks the highlighted match, and never sends the form
    assert chosen(page) == ["Ana Lima"]
    assert page.locator("#kudos-give-errors").is_hidden()
    page.keyboard.type("Support")  # a team, by its name
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    assert chosen(page) == ["Ana Lima", "Support"]
    remove = page.locator("#kudos-to-list button", has_text="Support")
    remove.focus()
    page.keyboard.press("Enter")
    assert chosen(page) == ["Ana Lima"]
    assert page.evaluate("document.activeElement.id") == "kudos-to"  # focus is not lost
    page.keyboard.press("Enter")  # nothing typed: on to the message
    assert page.evaluate("document.activeElement.id") == "kudos-message"
    page.keyboard.type("Thanks for the cover on Friday.")
    assert page.inner_text("#kudos-message-count") == "1,969 characters left"  # said once, in the page's own numbers
    page.keyboard.press("Tab")  # the formatting tip, folded, one stop on the way
    assert page.evaluate("document.activeElement.textContent") == "Bold, lists and links"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kudos-from"
    page.keyboard.type("dev")
    page.keyboard.press("Enter")
    page.focus("#kudos-submit")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kudos-result-heading"
    text = page.input_value("#kudos-yaml")
    data = check_yaml_with_kudos(tmp_path, page.text_content("#kudos-file-name"), text)
    assert data["from"] == "dev-iyer" and data["to"] == ["ana-lima"]


def test_opted_out_people_are_not_offered_and_without_javascript_the_code_reads_as_code(
    build_company: Callable[..., Served], new_page: Callable[..., Any]
) -> None:
    served = build_company()
    html = served.built.page("kudos/give/")
    assert "zed-private" not in html and "Zephyrine" not in html
    (listed,) = people_files(served)
    assert "zed-private" not in listed and "Zephyrine" not in listed and "Ana Lima" in listed
    page = new_page(java_script_enabled=False)
    page.goto(give_url(served))
    assert not page.locator("#kudos-give").is_visible()
    text = page.inner_text("main, body")
    assert "This form needs JavaScript" in text
    assert "<code>" not in text and "&lt;" not in text
    assert page.locator("noscript code, .kudos-give__noscript code").count() >= 1 or "kudos/YYYY/MM/" in text
    assert page.inner_text("#kudos-give-loading") == ""


def people_files(served: Served) -> list[str]:
    """The files the give page names in data-people, read from the built site."""
    html = served.built.page("kudos/give/")
    names = re.search(r'data-people="([^"]*)"', html)
    assert names is not None
    return [served.built.page("kudos/give/" + name) for name in names.group(1).split()]


def test_people_come_from_several_files_into_the_pickers(
    build_company: Callable[..., Served], new_page: Callable[..., Any], tmp_path: Path
) -> None:
    served = build_company(give_people_per_file=2)
    files = people_files(served)
    assert len(files) == 2 and "Ana Lima" in files[1]  # Billing comes first, so Ana is in the second file
    html = served.built.page("kudos/give/")
    assert "Ana Lima" not in html and "ana-lima" not in html  # the page itself names nobody

    page = new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    open_form(page, give_url(served))
    assert sorted(p for p in fetched if p.startswith("/kudos/give/people-") and p.endswith(".json")) == [
        "/kudos/give/people-1.json", "/kudos/give/people-2.json"
    ]
    page.fill("#kudos-to", "")
    page.keyboard.type("i")  # a word of a name: Dev Iyer, from the first file
    names = page.locator("#kudos-to-options .kudos-give__option-name").all_inner_texts()
    assert names == ["Dev Iyer"]
    assert page.inner_text("#kudos-give-loading") == ""

    fill(page, "Thanks!")  # Ana (second file) thanks Ben (second) and Cleo (first)
    assert chosen(page) == ["Ben Okafor", "Cleo Park"]
    assert " ".join(page.text_content("#kudos-preview .kudos-entry__from").split()) == "ALFrom Ana Lima"  # the initials circle, then the words
    page.click("#kudos-submit")
    check_yaml_with_kudos(tmp_path, page.text_content("#kudos-file-name"), page.input_value("#kudos-yaml"))
    assert page.errors == []


def hold_people(page: Any) -> list[Any]:
    """Hold back the people's files (the page asks for all of them at once) until the test lets them through."""
    held: list[Any] = []
    page.route("**/kudos/give/people-*.json", lambda route: held.append(route))  # noqa: PLW0108 - Playwright needs a Python function
    return held


def wait_for_held(page: Any, held: list[Any], files: int = 2) -> None:
    deadline = time.monotonic() + 10
    while len(held) < files and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    assert len(held) == files


def open_with_people_held(build_company: Callable[..., Served], new_page: Callable[..., Any], query: str = "") -> tuple[Any, list[Any]]:
    """Open the give page of a company whose people come in two files, both held back (asked for at once)."""
    served = build_company(give_people_per_file=2)
    page = new_page()
    held = hold_people(page)
    page.goto(give_url(served, query), wait_until="domcontentloaded")
    wait_for_held(page, held)
    return page, held


def test_the_form_is_there_before_the_people_arrive_and_names_typed_early_wait_quietly_in_the_field(
    build_company: Callable[..., Served], new_page: Callable[..., Any]
) -> None:
    page, held = open_with_people_held(build_company, new_page, "?to=ben-okafor")
    # Nothing has arrived, yet every field is there to use.
    for field in ("#kudos-to", "#kudos-message", "#kudos-from", "#kudos-submit"):
        assert page.locator(field).is_visible(), field
        page.focus(field)
        assert page.evaluate("document.activeElement.id") == field[1:]
    assert page.get_attribute("#kudos-give", "data-ready") is None
    assert page.inner_text("#kudos-give-loading") == ""  # no "Loading" banner on arrival
    page.fill("#kudos-message", "Thanks for covering my shift!")
    page.click("#kudos-submit")  # too soon to check whom it is from: said, nothing else happens
    page.wait_for_function("document.getElementById('kudos-give-status').textContent.includes('still on its way')")
    assert not page.locator("#kudos-give-result").is_visible() and not page.locator("#kudos-give-errors").is_visible()
    assert page.inner_text("#kudos-to-pending") == ""  # said only to someone who types a name
    page.click("#kudos-to")
    page.keyboard.type("Ana")
    assert page.inner_text("#kudos-to-pending") == "Loading names…"
    assert page.get_attribute("#kudos-to-pending", "role") == "status"

    for route in held:
        route.continue_()
    page.wait_for_selector("#kudos-give[data-ready]", state="attached")
    assert page.inner_text("#kudos-to-pending") == ""
    # The names fill the picker under the typing; the address's Ben is chosen; what was typed stays.
    ids = page.locator("#kudos-to-options [role=option]").evaluate_all("os => os.map(o => o.dataset.id)")
    assert ids == ["ana-lima"]
    assert chosen(page) == ["Ben Okafor"]
    assert page.input_value("#kudos-message") == "Thanks for covering my shift!"
    assert page.evaluate("document.activeElement.id") == "kudos-to"  # the focus stays where the reader is
    assert page.errors == []


def test_a_failure_to_load_the_people_is_said_and_customers_are_still_offered(
    build_company: Callable[..., Served], new_page: Callable[..., Any]
) -> None:
    page, held = open_with_people_held(build_company, new_page)  # both files asked for, neither arrived
    assert page.locator("#kudos-give").is_visible()
    assert page.get_attribute("#kudos-give-loading", "role") == "status"
    held[0].continue_()
    held[1].abort()

    page.wait_for_selector("#kudos-give[data-ready]", state="attached")
    assert "could not be loaded" in page.inner_text("#kudos-give-loading")
    page.click("#kudos-from")
    page.keyboard.type("cust")
    assert page.locator("#kudos-from-options [role=option]").evaluate_all("os => os.map(o => o.dataset.id)") == ["customer"]
    assert page.inner_text("#kudos-from-pending") == ""
    page.keyboard.type("x")
    assert page.locator("#kudos-from-options [role=option]").count() == 0  # nothing half-filled
    assert page.errors == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def intake(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    processes: list[subprocess.Popen[bytes]] = []

    def start(root: Path, port: int, origin: str, token: str, *extra: str) -> None:
        token_file = tmp_path / "token"
        token_file.write_text(token + "\n", encoding="utf-8")
        os.chmod(token_file, 0o600)
        log = open(tmp_path / "intake.log", "wb")  # noqa: SIM115 - closed with the process
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "kudoswall.cli", "inbox", "serve", "--port", str(port),
             "--token-file", str(token_file), "--allow-origin", origin, "--log-level", "warning", *extra],
            cwd=root, env=env(), stdout=log, stderr=subprocess.STDOUT,
        ))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise AssertionError((tmp_path / "intake.log").read_text())

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=15)


def intake_site(
    tmp_path: Path, serve: Callable[[Path], str], intake: Callable[..., Any], **options: Any
) -> tuple[Any, str, str, int]:
    """A fixture company whose give page sends to a real intake on 127.0.0.1: (site, url, token, port)."""
    port = _free_port()
    site = make_company(tmp_path / "company", give_intake_url=f"http://127.0.0.1:{port}/api/kudos", **options)
    url = serve(build_ok(site).site_dir)
    token = secrets.token_urlsafe(24)
    intake(site.root, port, url.rstrip("/"), token)
    return site, url, token, port


def test_with_an_intake_send_comes_first_then_waiting_for_approval_and_where_it_will_appear(
    tmp_path: Path, serve: Callable[[Path], str], new_page: Callable[..., Any], intake: Callable[..., Any]
) -> None:
    site, url, token, _port = intake_site(tmp_path, serve, intake)
    page = new_page()
    open_form(page, url + "kudos/give/")
    assert page.inner_text("#kudos-submit") == "Send"
    fill(page)
    page.click("#kudos-submit")  # checks, writes the file and sends it: one tap
    page.wait_for_function("document.getElementById('kudos-give-status').textContent.includes('access code')")
    assert page.locator("#kudos-token").is_visible()
    assert page.evaluate("document.activeElement.id") == "kudos-token"
    page.fill("#kudos-token", token)
    page.click("#kudos-send")
    page.wait_for_function("document.getElementById('kudos-next').textContent.includes('once it is approved')")
    order = result_order(page)
    assert order[:2] == ["kudos-result-heading", "kudos-next"] and order[-2:] == ["kudos-copy", "kudos-yaml"]
    # Sent, said plainly first; the reference, file and YAML folded away for whoever runs the site.
    assert page.inner_text("#kudos-result-heading") == "Sent!"
    assert page.inner_text("#kudos-next").startswith("Sent! Ben Okafor, Cleo Park will see it on the wall")
    assert not page.locator("#kudos-yaml").is_visible() and not page.locator("#kudos-reference").is_visible()
    page.click("#kudos-give-files > summary")
    (stored,) = sorted((site.root / "kudos/_inbox").glob("[0-9]*.yml"))
    assert stored.stem in page.inner_text("#kudos-reference") and stored.stem not in page.inner_text("#kudos-next")
    assert page.locator("#kudos-yaml").is_visible()
    wall = page.locator("#kudos-next a")
    assert wall.inner_text() == "the wall" and urlsplit(wall.evaluate("a => a.href")).path == "/kudos/"
    assert yaml.safe_load(stored.read_text(encoding="utf-8"))["message"] == MESSAGE

    # The next visit remembers who gives and the access code: one tap sends.
    again = page.context.new_page()
    open_form(again, url + "kudos/give/?to=cleo-park")
    assert again.input_value("#kudos-from") == "Ana Lima"
    assert again.evaluate("document.activeElement.id") == "kudos-message"
    again.keyboard.type("Thanks for yesterday!")
    again.click("#kudos-submit")
    again.wait_for_function("document.getElementById('kudos-next').textContent.includes('once it is approved')")
    assert len(list((site.root / "kudos/_inbox").glob("[0-9]*.yml"))) == 2

    approved = site.kudos("inbox", "approve", "--all")
    assert approved.returncode == 0, approved.stderr
    assert site.kudos("check").returncode == 0
    assert page.errors == []


def test_the_date_starts_at_the_sites_day_not_the_browsers_and_yesterday_is_one_tap(
    build_company: Callable[..., Served], new_page: Callable[..., Any]
) -> None:
    served = build_company(timezone="Asia/Tokyo")
    page = new_page()
    page.clock.set_fixed_time("2026-11-24T20:00:00Z")  # already the 25th in Tokyo
    open_form(page, give_url(served))
    assert page.input_value("#kudos-date") == "2026-11-25"
    more(page)
    page.click("[data-days-ago='1']")
    assert page.input_value("#kudos-date") == "2026-11-24"
    assert page.inner_text("#kudos-preview time") == "November 24, 2026"  # as the wall spells the day


def test_a_busy_inbox_is_waited_for_and_the_same_entry_sent_again_once(
    tmp_path: Path, serve: Callable[[Path], str], new_page: Callable[..., Any], intake: Callable[..., Any]
) -> None:
    """The first answer is a 429 with Retry-After (as the real inbox gives when busy); the page says
    so, waits that long by its own clock and sends the same entry again, with the same key."""
    site, url, token, port = intake_site(tmp_path, serve, intake)
    page = new_page()
    page.clock.install(time=f"{TODAY}T12:00:00Z")
    keys: list[str] = []

    def busy_once(route: Any) -> None:
        request = route.request
        if request.method != "POST":
            route.continue_()
            return
        keys.append(request.headers.get("idempotency-key", ""))
        if len(keys) == 1:
            route.fulfill(status=429, headers={
                "Retry-After": "40", "Access-Control-Allow-Origin": url.rstrip("/"),
                "Access-Control-Expose-Headers": "Retry-After", "Access-Control-Allow-Credentials": "true",
            }, content_type="application/json", body='{"error": "busy"}')
        else:
            route.continue_()  # to the real inbox

    page.route(f"http://127.0.0.1:{port}/api/kudos", busy_once)
    open_form(page, url + "kudos/give/")
    page.evaluate("t => localStorage.setItem('kudos-intake-token', t)", token)  # the code, given before
    fill(page)
    page.click("#kudos-submit")
    page.wait_for_function("document.getElementById('kudos-give-status').textContent.includes('40 seconds')")
    assert len(keys) == 1 and len(keys[0]) == 32
    page.clock.run_for(39_000)
    assert len(keys) == 1  # not before its time
    page.clock.run_for(2_000)
    page.wait_for_function("document.getElementById('kudos-next').textContent.includes('once it is approved')")
    assert keys == [keys[0], keys[0]]
    assert len(list((site.root / "kudos/_inbox").glob("[0-9]*.yml"))) == 1
    assert page.errors == []


def test_an_idea_is_sent_to_the_intake_and_approved_into_the_ideas_folder(
    tmp_path: Path, serve: Callable[[Path], str], new_page: Callable[..., Any], intake: Callable[..., Any]
) -> None:
    site, url, token, _port = intake_site(tmp_path, serve, intake)
    page = new_page()
    page.goto(url + "kudos/give/?idea=1")
    page.wait_for_selector("#kudos-idea:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "kudos-idea-heading"
    assert not page.locator("#kudos-give").is_visible()  # the idea's own form, alone
    send = page.locator("#kudos-idea-send")
    assert not send.is_visible()  # nothing to send before the idea is written
    page.fill("#kudos-idea-text", "Write a short thank-you on the receipt")
    page.select_option("#kudos-idea-by", "ben-okafor")
    page.fill("#kudos-idea-tags", "customers")
    page.click("#kudos-idea-make")
    assert send.is_visible()
    send.click()
    page.wait_for_function("document.getElementById('kudos-idea-status').textContent.includes('access code')")
    assert page.evaluate("document.activeElement.id") == "kudos-idea-token"
    page.fill("#kudos-idea-token", token)
    send.click()
    page.wait_for_function("document.getElementById('kudos-idea-status').textContent.includes('Thank you!')")
    (stored,) = sorted((site.root / "kudos/_inbox").glob("[0-9]*.yml"))
    assert stored.stem in page.inner_text("#kudos-idea-status")
    assert yaml.safe_load(stored.read_text(encoding="utf-8")) == {
        "idea": "Write a short thank-you on the receipt", "by": "ben-okafor", "tags": ["customers"],
    }
    approved = site.kudos("inbox", "approve", "--all")
    assert approved.returncode == 0, approved.stderr
    assert "kudos/ideas/" in approved.stdout
    assert site.kudos("check").returncode == 0
    assert page.errors == []


RING = """() => {
  const probe = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgb = css => { probe.clearRect(0, 0, 1, 1); probe.fillStyle = '#000'; probe.fillStyle = css; probe.fillRect(0, 0, 1, 1);
                       return [...probe.getImageData(0, 0, 1, 1).data].slice(0, 3).map(v => v / 255); };
  const field = getComputedStyle(document.activeElement);
  const error = document.createElement('p'); error.className = 'kudos-give__error';
  document.querySelector('#kudos-give').append(error);
  return {ring: rgb(field.outlineColor), width: parseFloat(field.outlineWidth), style: field.outlineStyle,
          page: rgb(getComputedStyle(document.body).backgroundColor), error: rgb(getComputedStyle(error).color)};
}"""


def _contrast(a: list[float], b: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_reads_as_focus_not_as_an_error(sample_site: Served, new_page: Callable[..., Any], scheme: str) -> None:
    """On the sample site (deep orange accent) a red ring around the first field looked like a validation error:
    focus is 3:1 on the page, in no error's colour."""
    page = new_page(color_scheme=scheme)
    open_form(page, give_url(sample_site))
    page.focus("#kudos-to")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # from the keyboard, as :focus-visible asks
    seen = page.evaluate(RING)
    assert seen["style"] == "solid" and seen["width"] >= 2, seen
    assert _contrast(seen["ring"], seen["page"]) >= 3, seen
    ring, error = seen["ring"], seen["error"]
    assert max(abs(a - b) for a, b in zip(ring, error, strict=True)) > 0.25, f"the ring wears the error's colour: {seen}"
    assert not (ring[0] > ring[1] + 0.25 and ring[0] > ring[2] + 0.25), f"the ring is red: {seen}"


def box(page: Any, selector: str) -> dict[str, float]:
    found: dict[str, float] = page.locator(selector).bounding_box()
    return found


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_on_a_wide_screen_the_note_grows_beside_the_form_and_stays_in_view(
    build_company: Callable[..., Served], new_page: Callable[..., Any], theme: str
) -> None:
    served = build_company(**({"theme": {"name": "mkdocs"}} if theme == "mkdocs" else {}))
    page = new_page(viewport={"width": 1920, "height": 1080})
    open_form(page, give_url(served))
    submit = box(page, "#kudos-submit")
    assert submit["y"] + submit["height"] <= 1080, submit  # opened from the menu, the button is in view at once
    open_form(page, give_url(served, "?to=ben-okafor"))
    # No handbook navigation beside it (Material's, as on the other kudos pages): the form and the note share the screen.
    assert page.evaluate(
        "() => [...document.querySelectorAll('.md-sidebar--primary')].every(s => !s.offsetWidth"
        " || getComputedStyle(s).visibility === 'hidden')"
    )
    message, preview = box(page, "#kudos-message"), box(page, ".kudos-give__preview")
    assert preview["x"] >= message["x"] + message["width"], (message, preview)
    assert preview["y"] < message["y"] + message["height"]  # beside it, not under it
    # The note is the page's centre: wider than the fields, and with them it fills the screen, no empty half.
    note, form = box(page, "#kudos-preview article"), box(page, "#kudos-give")
    assert note["width"] >= 0.45 * form["width"] and note["width"] > message["width"], (note, message, form)
    assert note["x"] + note["width"] >= form["x"] + 0.9 * form["width"] and note["height"] >= 400, (note, form)
    if theme == "material":  # (the plain theme keeps its contents column)
        assert form["width"] >= 0.9 * 1920 and note["width"] >= 0.45 * 1920, form
    before = box(page, "#kudos-preview article")["height"]
    page.fill("#kudos-message", "Thank you for staying late.\n\n" * 12)
    assert box(page, "#kudos-preview article")["height"] > before + 100  # the note grows as you type
    assert box(page, "#kudos-submit")["y"] < message["y"] + 1000  # the button stays near the fields
    more(page)
    page.locator("#kudos-give-other").scroll_into_view_if_needed()
    shown = box(page, ".kudos-give__preview")
    # Kept in view while the form scrolls (a note taller than the fields scrolls with them, and fills the view).
    assert shown["y"] < 200 and shown["y"] + shown["height"] > 700, shown
    # (The plain theme's highlight.js comes from a CDN, which the tests' browser cannot reach.)
    assert [e for e in page.errors if "hljs" not in e] == []


def test_on_a_phone_the_note_comes_between_whom_and_the_message_so_it_takes_shape_above_the_words(
    material_site: Served, new_page: Callable[..., Any]
) -> None:
    page = new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    open_form(page, give_url(material_site))
    to, preview, message = box(page, "#kudos-to"), box(page, ".kudos-give__preview"), box(page, "#kudos-message")
    assert to["y"] + to["height"] <= preview["y"] and preview["y"] + preview["height"] <= message["y"], (to, preview, message)
    assert preview["width"] > 330
    assert box(page, "#kudos-more")["y"] + box(page, "#kudos-more")["height"] <= box(page, "#kudos-submit")["y"]
    # Its names link to their pages, but the keyboard goes from whom straight on to the message.
    pick(page, "to", "Ben", "ben-okafor")
    page.focus("#kudos-to")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kudos-message"


def test_a_staff_member_reads_no_developer_words_unless_they_open_a_disclosure(
    build_company: Callable[..., Served], new_page: Callable[..., Any]
) -> None:
    served = build_company(give_repo_url="https://github.com/example/handbook", give_branch="main")
    page = new_page()
    open_form(page, give_url(served))
    jargon = ("Markdown", "YAML", "GitHub", "pull request", "propose", "repository")
    shown = page.inner_text("#kudos-main")
    assert [word for word in jargon if word in shown] == []
    page.click(".kudos-give__tip > summary")
    assert "Markdown works" in page.inner_text("#kudos-main")  # there for whoever asks

    fill(page, "Thanks!")
    page.click("#kudos-submit")
    shown = page.inner_text("#kudos-give-result")
    assert [word for word in jargon if word in shown] == ["GitHub"]
    assert shown.count("GitHub") == 1  # only to say where the button goes


def test_before_anything_is_written_the_preview_is_an_inviting_blank_note(
    material_site: Served, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_form(page, give_url(material_site))
    note = page.locator("#kudos-preview article.kudos-entry")
    assert note.locator(".kudos-entry__to").inner_text() == "Who made your day?"
    # Ruled lines waiting for words: said to a screen reader, not written on the paper.
    blank = note.locator(".kudos-give__placeholder")
    assert blank.text_content() == "Nothing written yet." and blank.inner_text().strip() in ("", "Nothing written yet.")
    assert blank.evaluate("p => getComputedStyle(p).backgroundImage").startswith("linear-gradient")
    assert blank.locator(".kudos-visually-hidden").evaluate("s => s.getBoundingClientRect().width") < 2
    assert "appears here" not in note.inner_text()
    # The note is where you write: its blank lines lead to the message, its name to whom you thank.
    blank.click()
    assert page.evaluate("document.activeElement.id") == "kudos-message"
    note.locator(".kudos-entry__to").click()
    assert page.evaluate("document.activeElement.id") == "kudos-to"
    assert note.locator(".kudos-avatar--blank").count() == 1 and note.locator(".kudos-avatar--customer").count() == 0
    assert "From you" in note.locator(".kudos-entry__from").inner_text()
    page.fill("#kudos-message", "Thank you for the *calm* handover.")
    assert note.locator(".kudos-give__placeholder").count() == 0
    assert note.locator(".kudos-entry__message em").inner_text() == "calm"
    pick(page, "to", "Ben", "ben-okafor")
    assert note.locator(".kudos-entry__to").inner_text() == "Ben Okafor"
    assert note.locator(".kudos-avatar--blank").count() == 0
    # Said to a screen reader; on screen the chosen name shows it, with no box left under the button.
    page.wait_for_function("document.getElementById('kudos-give-count-status').textContent === 'Ben Okafor added. 1 chosen.'")
    assert page.text_content("#kudos-give-status") == ""


def test_the_button_is_the_sites_pill_the_count_is_said_once_and_arrival_focus_is_quiet(
    material_site: Served, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_form(page, give_url(material_site))
    # The same pill, colours and pencil as "Thank someone" on every other page.
    button = page.locator("#kudos-submit").evaluate("""b => { const s = getComputedStyle(b);
        return {radius: parseFloat(s.borderTopLeftRadius), height: b.getBoundingClientRect().height,
                icon: getComputedStyle(b, '::before').content, bg: s.backgroundColor,
                action: getComputedStyle(document.body).getPropertyValue('--kudos-action-bg')}; }""")
    assert button["radius"] >= button["height"] / 2 - 1, button
    assert "\u270e" in button["icon"], button
    probe = page.evaluate("c => { const p = document.createElement('p'); p.style.color = c; document.body.append(p);"
                          " return getComputedStyle(p).color; }", button["action"].strip())
    assert button["bg"] == probe, button
    # The fields are quiet rounded boxes, one thin line (not a heavy frame), still 3:1 against the page.
    field = page.locator("#kudos-message").evaluate("t => { const s = getComputedStyle(t);"
                                                   " return [parseFloat(s.borderTopWidth), parseFloat(s.borderTopLeftRadius)]; }")
    assert field[0] <= 1.5 and field[1] >= 6, field
    # The cursor waits in To, marked quietly; the full ring comes with the first move.
    ring = "() => ({id: document.activeElement.id, width: parseFloat(getComputedStyle(document.activeElement).outlineWidth)})"
    assert page.evaluate(ring) == {"id": "kudos-to", "width": 2}
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(ring) == {"id": "kudos-to", "width": 3}
    # "2,000 characters left", once; still announced through the field's description.
    assert page.inner_text("#kudos-message-count") == "2,000 characters left"
    assert "kudos-message-count" in (page.get_attribute("#kudos-message", "aria-describedby") or "")
    page.fill("#kudos-message", "x" * 20)
    assert page.inner_text("#kudos-message-count") == "1,980 characters left"
