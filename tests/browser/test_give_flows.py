"""The give page as people reach it, in Chromium at phone and desktop sizes: every address
parameter fills the form and the file, hostile ones are dropped, one tap from each kind of page
reaches a filled form, the type-ahead keeps up with 5,000 people, and the preview is the note."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from browserkit import Served, build_ok

from sites import Site, make_little_things_site, make_site

SIZES = {"phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
         "desktop": {"viewport": {"width": 1280, "height": 900}}}


@pytest.fixture(scope="module")
def little(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> Served:
    site = make_little_things_site(tmp_path_factory.mktemp("give-little") / "src")
    built = build_ok(site)
    return Served(built, serve(built.site_dir), site)


def ready(page: Any, url: str, giver: str | None = "ana-lima") -> None:
    """Open the give page as someone whose From this device remembers, and wait until it is filled in."""
    if giver:
        page.goto(url.split("?")[0])
        page.evaluate("id => localStorage.setItem('kudos-give-from', id)", giver)
    page.goto(url)
    page.wait_for_selector("form[data-kudos-give][data-ready], #kudos-newcard[data-ready], #kudos-idea:not([hidden])",
                           state="attached")


def chosen(page: Any) -> list[str]:
    return list(page.locator("#kudos-to-list > li > span").all_inner_texts())


def made(page: Any, message: str = "Thank you!", site: Site | None = None) -> dict[str, Any]:
    """Write the message, make the file, and read it back; with `site`, `kudos check` accepts it there too."""
    page.fill("#kudos-message", message)
    page.click("#kudos-submit")
    page.wait_for_selector("#kudos-give-result:not([hidden])")
    data: dict[str, Any] = yaml.safe_load(page.input_value("#kudos-yaml"))
    if site is not None:
        accepted(site, page.text_content("#kudos-file-name"), page.input_value("#kudos-yaml"))
    return data


def on_phone(new_page: Callable[..., Any], served: Served, query: str) -> tuple[Any, Site]:
    """The give page of `served` (a site kept as source), opened on a phone with `query` and filled in."""
    assert served.site is not None
    page = new_page(**SIZES["phone"])
    ready(page, served.at("kudos/give/" + query))
    return page, served.site


def accepted(site: Site, path: str, text: str) -> None:
    """`kudos check` accepts the page's file in the site it came from."""
    target = site.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    try:
        result = site.kudos("check")
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        target.unlink()


def note_of(served: Served, recipients: str) -> str:
    """A note (not a card's signature: those have no Me too) that thanks `recipients`."""
    html = served.built.page("kudos/2026/11/")
    for found in re.finditer(rf'data-kudos-id="(k[0-9a-f]{{10}})" data-recipients="{recipients}"', html):
        if f"?also={found[1]}" in html[found.start(): html.index("</article>", found.start())]:
            return found[1]
    raise AssertionError(f"no note to {recipients}")


@pytest.mark.parametrize("size", list(SIZES))
def test_to_fills_people_teams_and_a_customer_and_the_file_carries_them(
    little: Served, new_page: Callable[..., Any], size: str
) -> None:
    page = new_page(**SIZES[size])
    ready(page, little.at("kudos/give/?to=ben-okafor&to=team:support&to=customer&to=ben-okafor"))
    assert chosen(page) == ["Ben Okafor", "Support", "a customer"]
    assert page.input_value("#kudos-from") == "Ana Lima"
    assert page.evaluate("document.activeElement.id") == "kudos-message"  # whom to thank is known: write
    assert little.site is not None
    data = made(page, site=little.site)
    assert data["to"] == ["ben-okafor", "team:support", "customer"] and data["from"] == "ana-lima"
    assert page.errors == []


def test_card_campaign_and_slot_fill_the_form_and_the_file(little: Served, new_page: Callable[..., Any]) -> None:
    page, site = on_phone(new_page, little, "?card=ben-birthday-2026")
    assert page.input_value("#kudos-card") == "ben-birthday-2026" and chosen(page) == ["Ben Okafor"]
    data = made(page, "Happy birthday!", site)
    assert data["card"] == "ben-birthday-2026" and data["to"] == ["ben-okafor"]

    ready(page, little.at("kudos/give/?campaign=csw-2026&slot=right&to=cleo-park"))
    assert page.input_value("#kudos-campaign") == "csw-2026" and page.is_checked("#kudos-slot-right")
    assert page.input_value("#kudos-date") == "2026-10-09"  # a campaign's notes are dated inside it
    data = made(page, "Thanks for the week.", site)
    assert (data["campaign"], data["slot"], str(data["date"])) == ("csw-2026", "right", "2026-10-09")
    assert page.errors == []


def test_principle_ticks_the_principle_a_principle_page_asked_for(little: Served, new_page: Callable[..., Any]) -> None:
    page, site = on_phone(new_page, little, "?principle=patience&principle=no-such-one&principle=../x&to=ben-okafor")
    assert page.is_checked("#kudos-principle-patience") and page.locator("#kudos-more").get_attribute("open") is not None
    assert page.locator("input[name=principles]:checked").count() == 1
    assert page.locator("#kudos-preview .kudos-chip[data-principle=patience]").count() == 1  # the note shows it
    data = made(page, "So patient with me.", site)
    assert data["principles"] == ["patience"] and data["to"] == ["ben-okafor"]
    assert page.errors == []


def test_also_makes_a_co_sign_that_the_build_shows_inside_its_note_and_never_as_a_wall_item(
    little: Served, new_page: Callable[..., Any], tmp_path: Path
) -> None:
    note = note_of(little, "ben-okafor")
    page = new_page(**SIZES["phone"])
    ready(page, little.at(f"kudos/give/?also={note}"), giver="cleo-park")
    assert "Me too: you join in on the note thanking Ben Okafor" in page.inner_text("#kudos-give-mode")
    assert not page.locator("[data-field=to]").is_visible()  # whom it thanks is the note's
    data = made(page, "So *true*.")
    assert data == {"date": data["date"], "from": "cleo-park", "message": "So *true*.", "also": note}
    preview = page.locator("#kudos-preview .kudos-entry__also")
    shown = " ".join(preview.text_content().split())
    assert shown.replace(":", ": ").split() == ["Also", "from", "Cleo", "Park", "Cleo", "Park:", "So", "true."]
    assert preview.locator("em").count() == 1
    # A slip of the note's paper, dark ink on it, as the note it joins shows it.
    assert preview.evaluate("s => getComputedStyle(s).backgroundColor") == "rgb(255, 245, 196)"
    assert preview.evaluate("s => getComputedStyle(s).color") == "rgb(29, 27, 24)"
    assert page.text_content("#kudos-file-name").endswith(f"-cleo-park-also-{note}.yml")

    # Into a copy of the site, built: inside its note, with no data-kudos-id of its own.
    site = make_little_things_site(tmp_path / "copy")
    site.write(page.text_content("#kudos-file-name"), page.input_value("#kudos-yaml"))
    before = len(re.findall(r"data-kudos-id=", little.built.page("kudos/")))
    built = build_ok(site)
    wall = built.page("kudos/")
    assert len(re.findall(r"data-kudos-id=", wall)) == before
    start = wall.index(f'data-kudos-id="{note}"')
    section = re.search(r'<section class="kudos-entry__also".*?</section>', wall[start: wall.index("</article>", start)], re.S)
    assert section is not None
    # The preview showed the co-sign exactly as the built note does: same template part, same words.
    assert re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", section[0])) == re.sub(r"\s+", "", shown)
    assert re.sub(r">\s+<", "><", re.sub(r' href="[^"]*"', "", section[0])) == re.sub(
        r">\s+<", "><", re.sub(r' href="[^"]*"', "", preview.evaluate("s => s.outerHTML")))
    assert page.errors == []


def test_newcard_fills_the_card_form_and_makes_a_card_file(little: Served, new_page: Callable[..., Any]) -> None:
    assert little.site is not None
    page = new_page(**SIZES["phone"])
    ready(page, little.at("kudos/give/?newcard=1&for=cleo-park&occasion=welcome&date=2026-11-10"))
    assert not page.locator("#kudos-give").is_visible()
    assert page.input_value("#kudos-newcard-for") == "Cleo Park"
    assert page.input_value("#kudos-newcard-occasion") == "welcome"
    assert page.input_value("#kudos-newcard-date") == "2026-11-10"
    assert page.input_value("#kudos-newcard-title") == "Welcome, Cleo!"
    with page.expect_download() as info:
        page.click("#kudos-newcard-make")
    assert info.value.suggested_filename == "cleo-park-welcome-2026.yml"
    text = page.input_value("#kudos-newcard-yaml")
    assert yaml.safe_load(text) == {"title": "Welcome, Cleo!", "for": "cleo-park", "occasion": "welcome",
                                    "date": yaml.safe_load("2026-11-10")}
    target = little.site.root / "kudos/cards/cleo-park-welcome-2026.yml"
    target.write_text(text, encoding="utf-8")
    try:
        assert little.site.kudos("check").returncode == 0
    finally:
        target.unlink()
    assert page.errors == []


HOSTILE = {
    "to": ['"><script>window.PWNED=1</script>', "zed-private", "team:nobody", "Ben Okafor", "BEN-OKAFOR", "customer "],
    "card": ["../../etc/passwd", "<img src=x onerror=PWNED=1>"],
    "campaign": ["javascript:alert(1)", "csw-2026<script>"],
    "slot": ["<b>left</b>", "sideways"],
    "also": ["k' onmouseover='PWNED=1", "k0000000000", "../notes/00"],
    "idea": ["<svg onload=PWNED=1>"],
    "newcard": ["2"],
    "for": ["<script>PWNED=1</script>", "zed-private"],
    "occasion": ["party<script>"],
    "date": ["2026-02-30", "<img src=x>"],
}


@pytest.mark.parametrize("size", list(SIZES))
def test_hostile_values_in_every_parameter_are_dropped_and_never_become_markup(
    little: Served, new_page: Callable[..., Any], size: str
) -> None:
    query = "&".join(f"{key}={quote(value, safe='')}" for key, values in HOSTILE.items() for value in values)
    page = new_page(**SIZES[size])
    ready(page, little.at("kudos/give/?" + query), giver=None)
    assert chosen(page) == []
    assert page.input_value("#kudos-card") == "" and page.input_value("#kudos-campaign") == ""
    assert page.input_value("#kudos-from") == ""  # never guessed
    assert page.is_visible("#kudos-give") and not page.is_visible("#kudos-newcard")
    assert "PWNED" not in page.inner_text("#kudos-give-mode")  # the also links named no note: not used
    assert page.evaluate("window.PWNED") is None
    body = page.inner_text("body")
    assert "PWNED" not in body and "Zephyrine" not in body
    # No element took anything from the address: no attribute, script or text carries the marker.
    assert page.evaluate("""() => Array.from(document.querySelectorAll('*')).filter(n =>
        Array.from(n.attributes).some(a => a.value.includes('PWNED')) ||
        (n.tagName === 'SCRIPT' && n.textContent.includes('PWNED'))).length""") == 0
    assert page.evaluate("document.querySelectorAll('main img, main svg[onload], main iframe').length") == 0
    pick = page.locator("#kudos-to")
    pick.fill("zeph")
    assert page.locator("#kudos-to-options [role=option]").count() == 0  # opted out: not offered either
    assert page.errors == []


def test_the_preview_is_the_published_note(material_site: Served, new_page: Callable[..., Any]) -> None:
    """Dev's thank-you to Ana and Ben, typed into the form, looks as the wall shows it: the same
    elements, classes, words and addresses, from the same template."""
    served = material_site
    shape = """article => Array.from(article.querySelectorAll('*')).filter(n =>
            !n.closest('[data-kudos-metoo], .kudos-entry__also')).map(n => [
            /^H[1-6]$/.test(n.tagName) ? 'H' : n.tagName, n.className,
            n.children.length ? '' : n.textContent.replace(/\\s+/g, ' ').trim(),
            n.matches('a:not(.kudos-entry__date)') ? n.href : '', n.getAttribute('data-principle') || ''])"""
    wall = new_page(**SIZES["desktop"])
    wall.goto(served.at("kudos/2026/11/"))
    note = wall.locator("article[data-recipients='ana-lima ben-okafor']").first
    published = note.evaluate(shape)
    assert published

    page = new_page(**SIZES["desktop"])
    ready(page, served.at("kudos/give/?to=ana-lima&to=ben-okafor"), giver="dev-iyer")
    page.eval_on_selector("#kudos-more", "d => { d.open = true; }")
    assert served.site is not None
    typed_in = yaml.safe_load((served.site.root / "kudos/2026/11/dev-to-ana-ben.yml").read_text(encoding="utf-8"))
    assert typed_in["from"] == "dev-iyer" and typed_in["principles"] == ["thank-out-loud"]
    page.check("#kudos-principle-thank-out-loud")
    page.fill("#kudos-message", "Thank you both for the handover notes: `ticket 4411` was solved in minutes.")
    page.fill("#kudos-date", "2026-11-19")
    page.dispatch_event("#kudos-date", "change")
    preview = page.locator("#kudos-preview article.kudos-entry")
    assert preview.evaluate(shape) == published
    assert preview.get_attribute("data-kudos-id") is None  # a preview is not a note: that attribute counts notes
    assert page.errors == []


@pytest.fixture(scope="module")
def company_5000(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> Served:
    site = make_site(tmp_path_factory.mktemp("give-5000") / "src")
    teams = ("Billing", "Support", "Field service", "Sales", "Engineering")
    people = {f"person-{n:04d}": {"name": f"Given{n:04d} Family{(n * 7919) % 5000:04d}", "team": teams[n % 5]}
              for n in range(5000)}
    people.update(yaml.safe_load((site.root / "kudos/people.yml").read_text(encoding="utf-8")))
    site.people(people)
    built = build_ok(site)
    return Served(built, serve(built.site_dir), site)


@pytest.mark.parametrize("size", list(SIZES))
def test_type_ahead_at_5000_people_answers_within_300_ms_of_the_last_key_by_keyboard_alone(
    company_5000: Served, new_page: Callable[..., Any], size: str
) -> None:
    page = new_page(**SIZES[size])
    ready(page, company_5000.at("kudos/give/"), giver=None)
    page.evaluate("""() => {
        const input = document.getElementById('kudos-to'), list = document.getElementById('kudos-to-options');
        window.lastKey = 0; window.answers = [];
        input.addEventListener('keydown', () => { window.lastKey = performance.now(); }, true);
        new MutationObserver(() => window.answers.push(performance.now() - window.lastKey))
            .observe(list, {childList: true});
    }""")
    assert page.evaluate("document.activeElement.id") == "kudos-to"
    for typed, expected in (("Given4321", "Given4321 Family"), ("family0042", "Family0042"), ("field serv", "Field service")):
        page.fill("#kudos-to", "")
        page.evaluate("window.answers = []")
        page.keyboard.type(typed, delay=30)
        page.wait_for_function("t => document.getElementById('kudos-to-options').textContent.toLowerCase().includes(t.toLowerCase())",
                               arg=expected)
        slowest = page.evaluate("Math.max(...window.answers)")
        assert 0 <= slowest < 300, (typed, slowest)
    page.keyboard.press("Enter")  # picks the highlighted match
    assert chosen(page) == ["Field service"]
    page.fill("#kudos-to", "")
    page.keyboard.type("Given0007")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert len(chosen(page)) == 2 and chosen(page)[1].startswith("Given0007")
    assert page.errors == []


# From each kind of page, the one visible action and what it must fill in.
ONE_TAP = [
    ("people/ben-okafor/", "Thank Ben", lambda p: chosen(p) == ["Ben Okafor"]),
    ("teams/support/", "Thank Support", lambda p: chosen(p) == ["Support"]),
    ("cards/ben-birthday-2026/", "Sign this card", lambda p: p.input_value("#kudos-card") == "ben-birthday-2026"),
    ("celebrations/", "Sign Ben's card", lambda p: p.input_value("#kudos-card") == "ben-birthday-2026"),
    ("kudos/", "Thank someone", lambda p: p.evaluate("document.activeElement.id") == "kudos-to"),
    ("cards/", "Start a card", lambda p: p.is_visible("#kudos-newcard")),
    ("little-things/", "Suggest a little thing", lambda p: p.is_visible("#kudos-idea")),
]


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize(("path", "action", "filled"), ONE_TAP, ids=[p for p, _, _ in ONE_TAP])
def test_from_each_page_type_one_tap_reaches_a_filled_form(
    little: Served, new_page: Callable[..., Any], size: str, path: str, action: str, filled: Callable[[Any], bool]
) -> None:
    page = new_page(**SIZES[size])
    page.goto(little.at(path))
    link = page.get_by_role("link", name=action, exact=True).first
    if size == "phone":
        link.tap()
    else:
        link.click()
    page.wait_for_selector("form[data-kudos-give][data-ready], #kudos-newcard[data-ready], #kudos-idea:not([hidden])",
                           state="attached")
    assert filled(page), (path, action)
    assert page.errors == []


def test_me_too_on_a_note_is_one_tap_to_a_co_sign(little: Served, new_page: Callable[..., Any]) -> None:
    page = new_page(**SIZES["phone"])
    page.goto(little.at("kudos/"))
    note = page.locator("article[data-kudos-id]:has([data-kudos-metoo])").first
    note_id = note.get_attribute("data-kudos-id")
    note.locator("[data-kudos-metoo]").tap()
    page.wait_for_selector("form[data-kudos-give][data-ready]", state="attached")
    assert page.url.endswith(f"?also={note_id}")
    assert "Me too" in page.inner_text("#kudos-give-mode")
    assert page.evaluate("document.activeElement.id") == "kudos-message"


def test_from_is_remembered_on_this_device_and_sent_nowhere_but_the_forms_destination(
    little: Served, new_page: Callable[..., Any]
) -> None:
    page = new_page(**SIZES["phone"])
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url + " " + (request.post_data or "")))
    ready(page, little.at("kudos/give/?to=ben-okafor"), giver=None)
    assert page.input_value("#kudos-from") == ""  # never guessed
    page.click("#kudos-from")
    page.keyboard.type("cleo")
    page.keyboard.press("Enter")
    made(page)
    assert page.evaluate("localStorage.getItem('kudos-give-from')") == "cleo-park"
    ready(page, little.at("kudos/give/?to=ben-okafor"), giver=None)
    assert page.input_value("#kudos-from") == "Cleo Park"
    assert [s for s in sent if "cleo" in s.lower()] == []  # no request carried it: only the file has it
