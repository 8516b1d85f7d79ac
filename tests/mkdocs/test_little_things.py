"""Cards, campaigns, teams, celebrations, notes to customers and the little-things list, built with --strict."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import icalendar
import pytest
from dateutil.rrule import rrulestr

from sites import Built, make_little_things_site

OPTED_OUT = ("Zephyrine", "Quillfeather", "zed-private")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site = make_little_things_site(tmp_path_factory.mktemp("little") / "site-src")
    result = site.build(strict=True)
    assert result.ok, result.log
    return result


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def main(html: str) -> str:
    """The page's own content, without the site navigation."""
    if "md-content__inner" not in html:
        return html
    return html.split('<article class="md-content__inner', 1)[1].split('<footer class="md-footer"', 1)[0]


# --- Cards -------------------------------------------------------------------

def test_a_card_page_shows_its_occasion_recipient_and_every_signature(built: Built) -> None:
    page = built.page("cards/ben-birthday-2026/")
    text = text_of(page)
    assert "Birthday card" in text and "Happy birthday, Ben!" in text and "For Ben Okafor" in text
    assert "Signed by 3 colleagues" in text
    assert 'href="../../kudos/give/?card=ben-birthday-2026"' in page  # the card is still open: "Sign this card"
    for _giver, _day, message, _extra in [
        ("ana-lima", "", "Happy birthday, Ben! The queue can wait today.", {}),
        ("cleo-park", "", "Happy birthday from your newest colleague.", {}),
    ]:
        assert message in text
    signature = page.split("secret admirer")[1].split("</li>")[0]
    assert "a colleague" in signature and "Dev Iyer" not in signature


def test_a_card_is_one_item_on_the_wall_with_its_number_of_signatures(built: Built) -> None:
    wall = built.page("kudos/")
    listing = wall.split('id="all-kudos"')[1]
    assert listing.count('data-kudos-id="card-ben-birthday-2026"') == 1
    assert "3 signatures" in text_of(listing)
    assert "The queue can wait today" not in wall  # signatures are on the card, not on the wall
    assert 'href="../cards/ben-birthday-2026/"' in wall


def test_month_archives_keep_each_signature_under_its_own_anchor(built: Built) -> None:
    november = built.page("kudos/2026/11/")
    for message in ("The queue can wait today", "secret admirer", "newest colleague"):
        article = november.split(message)[0].rsplit("<article", 1)[1]
        assert re.search(r'<h2 class="kudos-entry__title" id="k[0-9a-f]+"', article)


def test_the_recipient_page_links_to_their_card(built: Built) -> None:
    assert 'href="../../cards/ben-birthday-2026/"' in built.page("people/ben-okafor/")


def test_a_card_for_a_customer_names_no_customer(built: Built) -> None:
    text = text_of(main(built.page("cards/thanks-for-the-referral/")))
    assert "For a customer, printed and posted" in text
    assert "Gil Ray" in text  # who signed is a colleague, and shown


# --- Campaigns ---------------------------------------------------------------

def test_campaign_participation_matches_a_hand_count(built: Built) -> None:
    # By hand, from CAMPAIGN_NOTES (notes_per_person: 2, customer_notes_per_person: 1):
    # 8 notes, 1 to a customer; 3 from a colleague who did not sign (Ben's
    # anonymous one, and the opted-out Zed's two), counted apart; 3 people
    # signed notes (Ana, Ben, Cleo); only Ana signed both of hers.
    # Who could take part: Ana, Ben, Fay, Dev, Gil (Eli left, Cleo joined after the week, Zed is off
    # the wall): 1 of 5 signed all their notes, one figure for everyone, never a row per team.
    # Waiting for a note: Gil only (Cleo joined after the week; Eli has left).
    page = built.page("campaigns/csw-2026/")
    text = text_of(page)
    assert "8 notes were written" in text and "Finished" in text  # the week is over, and the page says so
    assert text.index("Campaign note ana-1") < text.index("Who took part")  # the notes first, then participation
    assert "3 notes from colleagues who did not sign them" in text
    assert "3 people signed notes" in text
    assert "1 of 5 people signed all their notes" in text
    assert "1 note to a customer" in text
    rows = dict(re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a></th>\s*<td>([^<]+)</td>', page))
    assert rows == {} and "by team" not in text
    waiting = page.split('id="kudos-waiting"')[1].split("</ul>")[0]
    assert re.findall(r">([^<>]+)</a>", waiting) == ["Thank Gil Ray"]
    assert 'href="../../kudos/give/?to=gil-ray"' in waiting


def test_campaign_notes_are_sticky_notes_with_their_slot(built: Built) -> None:
    page = built.page("campaigns/csw-2026/")
    assert page.count('class="kudos-sticky kudos-sticky--') == 8
    assert "To the person on my left" in page and "To the person on my right" in page and "To anyone" in page
    anonymous = page.split("Campaign note ben-2")[1].split("</li>")[0]
    assert "a colleague" in anonymous and "Ben Okafor" not in anonymous


# --- Teams -------------------------------------------------------------------

def test_team_pages_list_members_and_the_thanks_the_team_received(built: Built) -> None:
    index = text_of(main(built.page("teams/")))
    assert "Support" in index and "Billing" in index and "People & Ops" in index
    support = built.page("teams/support/")
    assert "Ana Lima" in support and "Fay Lund" in support and "Eli Moss" not in support
    assert "The whole Support team covered" in support
    assert "The whole Support team covered" in built.page("people/fay-lund/")
    billing = text_of(main(built.page("teams/billing/")))
    assert "Cleo Park" in billing and "Dev Iyer" in billing
    billing_tile = text_of(main(built.page("teams/"))).split("Billing", 1)[1].split("Thank Billing")[0]
    assert "2 people" in billing_tile  # the opted-out member is not counted


def test_every_entry_on_the_new_pages_is_in_the_search_index_once(built: Built) -> None:
    import json

    index = json.loads((built.site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    texts = [doc["text"] for doc in index["docs"]]
    for message in ("The whole Support team covered", "The queue can wait today", "Campaign note ana-1"):
        assert sum(message in text for text in texts) == 1, message
    assert any("Write a short thank-you on the receipt" in text for text in texts)  # ideas are searchable


# --- Celebrations ------------------------------------------------------------

DAY_BOX = re.compile(r'<li class="kudos-day kudos-day--(\w+)([^"]*)"[^>]*>\s*'
                     r'(?:<span class="kudos-day__week".*?</span>\s*(?=<time))?<time class="kudos-day__date" '
                     r'datetime="([\d-]+)">(.*?)</li>\s*(?=<li class="kudos-day |</ol>)', re.S)


def day_boxes(html: str) -> dict[str, tuple[str, str, str]]:
    """Each day's box on a month grid: its state (past, today, ahead), its classes and its text (without the
    name of the week that a week's first box carries for a phone)."""
    return {day: (state, classes, text_of(body).strip()) for state, classes, day, body in DAY_BOX.findall(html)}


STRIP_DAY = re.compile(r'<li class="kudos-strip__day kudos-strip__day--(\w+)([^"]*)"[^>]*>\s*<time class="kudos-strip__date" '
                       r'datetime="([\d-]+)">(.*?)</li>\s*(?=<li class="kudos-strip__day |</ol>)', re.S)


def strip_days(html: str) -> dict[str, tuple[str, str, str]]:
    """Each day's leaf on the strip of /celebrations/: its state (today, ahead), its classes and its text."""
    return {day: (state, classes, text_of(body).strip()) for state, classes, day, body in STRIP_DAY.findall(html)}


def test_a_month_with_few_occasions_is_still_a_whole_month_sheet(built: Built) -> None:
    # Two occasions in December: the month's own page is its wall calendar all the same, a box for each of its days.
    month = main(built.page("celebrations/2026-12/"))
    boxes = day_boxes(month)
    assert sorted(boxes) == [f"2026-12-{n:02d}" for n in range(1, 32)] and "data-kudos-board" not in month
    assert [text_of(w) for w in re.findall(r'<div class="kudos-calendar__weekdays"[^>]*>(.*?)</div>', month)] == [
        " Mon Tue Wed Thu Fri Sat Sun "]  # seven columns under the weekdays' names
    assert "kudos-day--col-2" in boxes["2026-12-01"][1]  # 1 December 2026 is a Tuesday
    assert boxes["2026-12-01"][2].endswith("Tue 1 AL Ana Lima Birthday Start a card for Ana")  # face, name, act
    assert 'href="../../kudos/give/?newcard=1&amp;for=ana-lima&amp;occasion=birthday&amp;date=2026-12-01"' in month
    assert "Ana Lima 7 years with us" in boxes["2026-12-10"][2]
    # The days with nothing on them are there, quiet: a box with its number only, hidden from screen readers.
    assert boxes["2026-12-02"][2] == "December 2, 2026 Wed 2" and "kudos-day--empty" in boxes["2026-12-02"][1]
    assert re.search(r'<li class="kudos-day kudos-day--ahead kudos-day--empty[^"]*"\s*aria-hidden="true">', month)
    # A week with nothing on it is a quieter row (on a phone one thin line naming the week).
    for day, (_, classes, _) in boxes.items():
        assert ("kudos-day--quiet" in classes) is (day >= "2026-12-14"), day
    assert "Dec 14 – Dec 20 nothing on" in text_of(month) and "Dec 28 – Dec 31 nothing on" in text_of(month)
    # This month's sheet: today circled, the days gone by greyed with what they celebrated still in their boxes.
    november = day_boxes(main(built.page("celebrations/2026-11/")))
    assert len(november) == 30 and "Nov 1 nothing on" in text_of(main(built.page("celebrations/2026-11/")))
    for day, (state, _, _) in november.items():
        assert state == ("past" if day < "2026-11-25" else "today" if day == "2026-11-25" else "ahead"), day
    assert november["2026-11-25"][2].startswith("November 25, 2026 Wed 25 Today BO Ben Okafor Birthday Sign Ben's card")
    assert "Cleo Park Welcome! Start a card for Cleo" in november["2026-11-10"][2]
    for absent in ("Dev Iyer", "Eli Moss", *OPTED_OUT):
        assert absent not in text_of(month) and absent not in "".join(b[2] for b in november.values()), absent


def test_celebrations_lead_with_a_strip_of_today_and_the_next_thirteen_days(built: Built) -> None:
    page = main(built.page("celebrations/"))
    soon = page.split("data-kudos-soon", 1)[1].split("</section>", 1)[0]
    # First today's occasion, large, with its face and its act.
    head = soon.split('<ol class="kudos-strip"', 1)[0]
    heading = re.search(r'<h2 id="kudos-soon" class="kudos-next__head">(.*?)</h2>', head, re.S)
    assert heading and text_of(heading[1]) == "Today: Ben Okafor's birthday", head
    assert "kudos-next--today" in head and text_of(head).strip().endswith("November 25, 2026 Sign Ben's card")
    leaves = strip_days(soon)
    # Fourteen days as the leaves of a paper calendar, from today; the month said where it starts and turns.
    assert list(leaves) == [f"2026-11-{n}" for n in range(25, 31)] + [f"2026-12-0{n}" for n in range(1, 9)]
    assert [state for state, _, _ in leaves.values()] == ["today"] + ["ahead"] * 13
    assert leaves["2026-11-25"][2] == "November 25, 2026 Nov Wed 25 Today BO Ben Okafor Birthday Sign Ben's card"
    assert leaves["2026-12-01"][2] == "December 1, 2026 Dec Tue 1 in 6 days AL Ana Lima Birthday Start a card for Ana"
    # A day with nothing on it is a thin leaf: its date only.
    assert leaves["2026-11-26"] == ("ahead", " kudos-strip__day--empty", "November 26, 2026 Thu 26")
    assert "kudos-strip__day--empty" not in leaves["2026-12-01"][1]
    assert "7 years with us" not in text_of(soon) and "Nothing" not in text_of(soon)  # 10 December is further off
    # No other list of them on the page: each occasion once.
    for occasion in ("Ben Okafor Birthday", "Ana Lima Birthday", "Cleo Park Welcome!", "Ana Lima 7 years with us"):
        assert text_of(page).count(occasion) == 1, occasion
    assert "2026-12-01" not in text_of(page) and "December 2026" in text_of(page)
    for absent in ("Dev Iyer", "Eli Moss", *OPTED_OUT):
        assert absent not in text_of(page), absent
    assert "kudos card new" not in page and "for=ben-okafor" not in page  # Ben has a card: "Sign Ben's card"


def test_after_the_strip_come_the_later_days_then_the_days_gone_by_folded_away(built: Built) -> None:
    page = main(built.page("celebrations/"))
    after = page.split("data-kudos-soon", 1)[1].split("</section>", 1)[1]
    later = text_of(after.split('id="kudos-later"', 1)[1].split("</section>", 1)[0])
    assert later.startswith(">Later December 2026 December 10, 2026 Dec 10 Thu in 15 days AL Ana Lima 7 years with us")
    gone = after.split('<details class="kudos-calendar-gone" data-kudos-gone>', 1)[1].split("</details>", 1)[0]
    assert "Earlier in November 2026: 1 occasion" in text_of(gone) and "kudos-celebration--past" in gone
    assert after.index('id="kudos-later"') < after.index("data-kudos-gone")  # what is ahead before what is gone
    # Nothing says a month is empty that the strip just showed to be full.
    assert "Nothing else" not in text_of(page) and "Nothing this month" not in text_of(page)
    # Each month's own sheet, one click away, beside the strip's heading.
    sheets = page.split("data-kudos-sheets", 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]+)"', sheets) == ["2026-11/", "2026-12/"]
    assert "November 2026 2 occasions" in text_of(sheets)
    # Each drawn in miniature: the days with something on them coloured in (nobody named), today ringed.
    minis = re.findall(r'<span class="kudos-mini-month" aria-hidden="true">(.*?)</span>\s*</span>', sheets, re.S)
    busy = [re.findall(r'kudos-mini-month__day--busy[^"]*"[^>]*>(\d+)<', mini) for mini in minis]
    assert busy == [["10", "25"], ["1", "10"]], busy
    assert re.findall(r'kudos-mini-month__day--today"[^>]*>(\d+)<', sheets) == ["25"]
    assert 'style="grid-column-start: 7">1<' in minis[0]  # 1 November 2026 is a Sunday


def test_with_nothing_on_today_the_next_occasion_leads(tmp_path: Path) -> None:
    site = make_little_things_site(tmp_path / "site-src")
    people = (site.root / "kudos/people.yml").read_text(encoding="utf-8")
    site.write("kudos/people.yml", people.replace("birthday: 11-25", "birthday: 11-20"))
    built = site.build(strict=True)
    assert built.ok, built.log
    page = main(built.page("celebrations/"))
    soon = page.split("data-kudos-soon", 1)[1].split("</section>", 1)[0]
    head = soon.split('<ol class="kudos-strip"', 1)[0]
    # The heading names the next occasion, with its face and its act; "nothing today" is a quiet line in today's leaf.
    heading = re.search(r'<h2 id="kudos-soon" class="kudos-next__head">(.*?)</h2>', head, re.S)
    assert heading and text_of(heading[1]) == "Next: Ana Lima's birthday, in 6 days"
    assert 'class="kudos-avatar kudos-avatar--' in head and "Start a card for Ana" in text_of(head)
    assert "Nothing" not in text_of(head)
    today = strip_days(soon)["2026-11-25"]
    assert today[2] == "November 25, 2026 Nov Wed 25 Today Nothing on today. Thank someone instead"


def test_a_month_page_leads_to_the_months_before_and_after_it_that_have_pages(built: Built) -> None:
    def nav(path: str) -> str:
        return main(built.page(path)).split("data-kudos-months", 1)[1].split("</nav>", 1)[0]

    december, november = nav("celebrations/2026-12/"), nav("celebrations/2026-11/")
    assert re.search(r'rel="prev" href="\.\./2026-11/"><span aria-hidden="true">←</span> November 2026</a>', december)
    assert 'rel="next"' not in december and "January" not in december  # January has no page yet
    assert re.search(r'rel="next" href="\.\./2026-12/">December 2026 <span', november) and 'rel="prev"' not in november
    assert "All celebrations" in text_of(november) and "Add them to your calendar" in text_of(november)


def test_a_day_with_more_than_its_box_holds_counts_the_rest_and_links_to_its_month(tmp_path: Path) -> None:
    site = make_little_things_site(tmp_path / "site-src")
    people = (site.root / "kudos/people.yml").read_text(encoding="utf-8")
    extra = "".join(f"extra-{n}:\n  name: Extra Person{n}\n  birthday: 12-01\n" for n in range(6))
    extra += "".join(f"late-{n}:\n  name: Late Person{n}\n  birthday: 11-27\n" for n in range(4))
    site.write("kudos/people.yml", people + extra + "hal-new:\n  name: Hal Newcomb\n  joined: 2026-10-20\n"
               "tom-next:\n  name: Tom Next\n  birthday: 11-26\n")
    site.plugin_options["welcome_days"] = 60
    built = site.build(strict=True)
    assert built.ok, built.log
    overview = main(built.page("celebrations/"))
    # A welcome that began last month and still runs is "still settling in", once, with its card link.
    earlier = overview.split('<div class="kudos-calendar-earlier">')[1].split("</div>")[0]
    assert "Hal Newcomb Welcome! Start a card for Hal" in text_of(earlier)
    assert text_of(overview).count("Hal Newcomb") == 1
    leaves = strip_days(overview.split("data-kudos-soon", 1)[1].split("</section>", 1)[0])
    assert leaves["2026-11-26"][2] == "November 26, 2026 Thu 26 Tomorrow TN Tom Next Birthday Start a card for Tom"
    assert leaves["2026-11-27"][2].count("Late Person") == 3 and "And 1 more" in leaves["2026-11-27"][2]
    box = leaves["2026-12-01"][2]
    assert box.count("Birthday") == 3 and "And 4 more" in box  # Ana's and six more
    assert re.search(r'<a class="kudos-day__more" href="2026-12/">\s*And 4 more</a>', overview)
    # What this month's days gone by celebrated is folded away after the strip, a leaf each, greyed.
    gone = overview.split("<details class=\"kudos-calendar-gone\" data-kudos-gone>")[1].split("</details>")[0]
    assert "Earlier in November 2026: 1 occasion" in text_of(gone) and "Cleo Park Welcome!" in text_of(gone)
    assert "Ana Lima 7 years with us" in text_of(overview.split('id="kudos-later"', 1)[1])
    # The month's own page is the whole calendar: every occasion in its day's box.
    december = day_boxes(main(built.page("celebrations/2026-12/")))
    month = december["2026-12-01"][2]
    assert month.count("Birthday") == 7 and "And " not in month
    # A quiet week is a quieter row: the weeks of 1 and 10 December keep their height.
    for day, (_, classes, _) in december.items():
        assert ("kudos-day--quiet" in classes) is (not "2026-11-30" <= day <= "2026-12-13"), day
    # Today's week is never quiet, even with nothing on it but today.
    november = day_boxes(main(built.page("celebrations/2026-11/")))
    assert not any("kudos-day--quiet" in b[1] for d, b in november.items() if "2026-11-23" <= d <= "2026-11-29")


def test_each_month_has_its_own_page_too(built: Built) -> None:
    html = built.page("celebrations/2026-12/")
    december = text_of(main(html))
    assert "Celebrations: December 2026" in december
    assert len(day_boxes(main(html))) == 31  # two occasions, and still the month's sheet
    # The same full-width sheet as /celebrations/, not the documentation's columns.
    sidebar = re.compile(r'<div class="md-sidebar md-sidebar--primary"[^>]*>')
    assert "kudos-page--wide" in html and " hidden" in sidebar.findall(html)[0]
    assert "Ana Lima Birthday" in december and "Ana Lima 7 years with us" in december
    assert "Ben Okafor" not in december  # his birthday is in November
    assert "Ben Okafor Birthday" in text_of(main(built.page("celebrations/2026-11/")))


def test_the_home_page_shows_todays_celebrations(built: Built) -> None:
    home = built.page("")
    today = home.split('id="kudos-celebrations-today"')[1].split("</section>")[0]
    assert "Ben Okafor" in today and "Birthday" in today


def test_the_calendar_parses_back_event_by_event(built: Built) -> None:
    calendar = icalendar.Calendar.from_ical((built.site_dir / "celebrations.ics").read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "ana-lima.birthday", "ana-lima.anniversary", "ben-okafor.birthday", "ben-okafor.anniversary",
        "cleo-park.birthday", "cleo-park.anniversary", "fay-lund.anniversary", "gil-ray.anniversary",
    }  # no Dev (celebrate: false), no Eli (left), no Zed (wall: false)

    def start(uid: str) -> dt.date:
        return events[uid].decoded("DTSTART")

    assert start("ben-okafor.birthday") == dt.date(2026, 11, 25)
    assert start("ana-lima.anniversary") == dt.date(2026, 12, 10)
    assert start("cleo-park.anniversary") == dt.date(2027, 11, 10)  # joined this year: the first one is next year
    for uid, event in events.items():
        assert not isinstance(event.decoded("DTSTART"), dt.datetime), uid  # all-day
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
        assert event["RRULE"]["FREQ"] == ["YEARLY"], uid
        assert start(uid).year >= 2026
        assert not re.search(r"\b(19|20)\d\d\b", str(event["SUMMARY"])) or "anniversary" in uid  # no birth year
        assert "age" not in str(event["SUMMARY"]).lower()
    # 29 February: the last day of February, so the 28th in common years and the 29th in leap years.
    for uid in ("cleo-park.birthday", "fay-lund.anniversary"):
        event = events[uid]
        assert start(uid) == dt.date(2026, 2, 28)
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dt.datetime(2026, 2, 28))
        assert [d.date() for d in rule[:3]] == [dt.date(2026, 2, 28), dt.date(2027, 2, 28), dt.date(2028, 2, 29)]
    raw = (built.site_dir / "celebrations.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"VERSION:2.0\r\n" in raw and b"PRODID:" in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")  # RFC 5545 lines end in CRLF


# --- Customers and ideas -----------------------------------------------------

def test_customer_praise_has_its_badge_and_shows_once_on_the_walls_first_page(built: Built) -> None:
    wall = built.page("kudos/")
    shown = [a for a in wall.split("<article")[1:] if "made her whole week" in a and not a.startswith(" hidden")]
    assert len(shown) == 1 and "Customer praise" in shown[0]
    # The fixture's only customer praise is featured on the build day, so "What customers say" would only repeat it.
    featured = wall.split('id="kudos-featured-heading"')[1].split("</section>")[0]
    assert "made her whole week" in featured and 'id="kudos-customers-heading"' not in wall


def test_a_note_to_a_customer_shows_on_the_givers_page(built: Built) -> None:
    ana = built.page("people/ana-lima/")
    given = ana.split('id="given"')[1]
    assert "Campaign note ana-3" in given and "Note to a customer" in given


def test_the_little_things_list_groups_ideas_by_tag_and_credits_who_suggested_them(built: Built) -> None:
    page = main(built.page("little-things/"))
    customers = page.split('id="tag-customers"')[1].split("</section>")[0]
    assert "Write a short thank-you on the receipt" in customers and "Ana Lima" in customers
    # Each idea once, under its first tag, its other tags on it, in words people use.
    colleagues = page.split('id="tag-colleagues"')[1].split("</section>")[0]
    assert "Leave a plant" in colleagues and "a colleague" in colleagues and "<li>Welcome</li>" in colleagues
    assert page.count("Leave a plant") == 1 and 'id="tag-welcome"' not in page
    assert ">Colleagues</h2>" in page and ">Customers</h2>" in page
    assert "Say the customer" in page.split('id="tag-other"')[1]
    assert "kudos/give/?idea=1#kudos-idea" in page


# --- Privacy, on every file of the built site ----------------------------------

def test_the_new_pages_and_files_publish_no_opted_out_person_birth_year_or_customer(built: Built) -> None:
    files = built.text_files()
    new = [p for p in files if p.startswith(("cards/", "campaigns/", "teams/", "celebrations", "little-things/"))]
    assert {"celebrations.ics", "cards/ben-birthday-2026/index.html", "campaigns/csw-2026/index.html",
            "teams/billing/index.html", "little-things/index.html"} <= set(new)
    for path, text in files.items():
        for needle in OPTED_OUT:
            assert needle not in text, (path, needle)
    for path in new:  # Zed's days
        assert "20201126" not in files[path], path
    # A calendar has a box for every day, Zed's birthday too: it stays empty.
    for path in ("celebrations/index.html", "celebrations/2026-11/index.html"):
        box = files[path].split('datetime="2026-11-27"', 1)[1].split("</li>", 1)[0]
        assert "kudos-celebration" not in box and "Zephyrine" not in box, path
    assert not built.exists("people/zed-private/")


def test_strict_build_fails_on_a_problem_in_a_card(tmp_path: Path) -> None:
    site = make_little_things_site(tmp_path / "broken")
    site.write("kudos/cards/nobody.yml", "title: Hi\nfor: nobody-here\noccasion: birthday\ndate: notadate\n")
    result = site.build(strict=True)
    assert not result.ok
    assert "kudos/cards/nobody.yml:2: unknown person 'nobody-here' in 'for'" in result.log
    assert "kudos/cards/nobody.yml:4: 'date' must be a date" in result.log


def test_a_long_waiting_list_has_pages_of_its_own_so_the_campaign_page_stays_small(tmp_path: Path) -> None:
    from sites import make_site

    site = make_site(tmp_path / "big-campaign")
    people = {f"p{n:03d}": {"name": f"Person {n:03d}", "team": "Support"} for n in range(150)}
    site.people({**people, "ana-lima": {"name": "Ana Lima", "team": "Support"}})
    for pid in ("little-wows", "thank-out-loud"):
        (site.root / "docs" / "principles" / f"{pid}.md").unlink(missing_ok=True)
    for rel in [p for p in (site.root / "kudos").rglob("*.yml") if p.name != "people.yml"]:
        rel.unlink()
    site.write("kudos/campaigns/csw.yml", "title: CSW\nstart: 2026-10-05\nend: 2026-10-09\nnotes_per_person: 1\n")
    site.entry("2026/10/n.yml", date="2026-10-06", giver="ana-lima", to=["p000"], campaign="csw", message="Thanks.")
    built = site.build()
    assert built.ok, built.log
    first = built.page("campaigns/csw/")
    shown = re.findall(r'<ul class="kudos-waiting">(.*?)</ul>', first, re.S)[0].count("<li>")
    assert shown == 60 and "All 150 people still waiting for a note" in first
    listed = []
    for n in (1, 2):
        page = built.page("campaigns/csw/waiting/" if n == 1 else f"campaigns/csw/waiting/page/{n}/")
        listed += re.findall(r'href="[^"]*people/(p\d{3})/"', page)
    assert sorted(listed) == sorted(set(people) - {"p000"})
