"""`kudos import` of hostile exports: other encodings, broken bytes, huge cells; rows named, no traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from sites import Site

HEADER = "date,from,to,message\r\n"
ROW = "2026-11-{day:02d},ana-lima,ben-okafor,\"{message}\"\r\n"


def imported(site: Site) -> list[str]:
    files = sorted((site.root / "kudos/2026/11").glob("2026-11-*-ana-lima-to-ben-okafor*.yml"))
    return sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["message"] for p in files)


def run(site: Site, data: bytes) -> tuple[int, str, str]:
    (site.root / "export.csv").write_bytes(data)
    result = site.kudos("import", "export.csv")
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result.returncode, result.stdout, result.stderr


def test_utf16_with_a_bom_is_read(site: Site) -> None:
    text = HEADER + ROW.format(day=20, message="Merci, José – toujours là")
    code, out, err = run(site, text.encode("utf-16"))
    assert code == 0, out + err
    assert "read as UTF-16" in err
    assert imported(site) == ["Merci, José – toujours là"]


def test_cp1252_from_excel_is_read(site: Site) -> None:
    text = HEADER + ROW.format(day=20, message="Thanks for the “quick” café run – €5 well spent")
    code, out, err = run(site, text.encode("cp1252"))
    assert code == 0, out + err
    assert "read as Windows-1252" in err
    assert imported(site) == ["Thanks for the “quick” café run – €5 well spent"]


def test_undecodable_bytes_refuse_only_their_row_and_keep_the_good_ones(site: Site) -> None:
    data = (
        (HEADER + ROW.format(day=18, message="Good row, with José in UTF-8")).encode()
        + ROW.format(day=19, message="Broken \udcff").encode("utf-8", "surrogateescape")
        + ROW.format(day=20, message="Another good row").encode()
    )
    code, out, err = run(site, data)
    assert code == 1
    assert out.splitlines()[0] == (
        "export.csv:3: 'message' holds bytes that cannot be read as text - export the responses again"
        " as 'CSV UTF-8' (Excel: Save as > CSV UTF-8; Google Sheets: File > Download > CSV)"
    )
    assert imported(site) == ["Another good row", "Good row, with José in UTF-8"]
    assert "imported 2 new, 0 already there, 1 refused" in err


def test_bytes_no_encoding_reads_are_located_in_a_cp1252_file(site: Site) -> None:
    data = (HEADER + ROW.format(day=19, message="caf\xe9")).encode("cp1252") + b"2026-11-20,ana-lima,ben-okafor,x\x81y\r\n"
    code, out, _err = run(site, data)
    assert code == 1
    assert out.startswith("export.csv:3: 'message' holds bytes that cannot be read as text")
    assert imported(site) == ["café"]


def test_an_oversized_cell_is_a_located_row_problem(site: Site) -> None:
    text = HEADER + ROW.format(day=18, message="x" * 10_001) + ROW.format(day=19, message="Fine")
    code, out, err = run(site, text.encode())
    assert code == 1
    assert out.splitlines()[0] == (
        "export.csv:2: a cell is longer than 10,000 characters - a message is at most 2,000 characters:"
        ' shorten it, or leave its column out with --map "<header>=-"'
    )
    assert imported(site) == ["Fine"]
    assert "imported 1 new, 0 already there, 1 refused" in err


def test_a_fifty_megabyte_line_is_a_located_row_problem(site: Site) -> None:
    data = (HEADER + ROW.format(day=18, message="Before")).encode() + b"2026-11-19,ana-lima,ben-okafor," + \
        b"y" * (50 * 1024 * 1024) + b"\r\n" + ROW.format(day=20, message="After").encode()
    code, out, _err = run(site, data)
    assert code == 1
    assert out.startswith("export.csv:3: a cell is longer than 10,000 characters")
    assert imported(site) == ["After", "Before"]


def test_an_unreadable_header_is_a_usage_error_not_a_traceback(site: Site) -> None:
    code, _out, err = run(site, b"date,fr\x81om,to,message\r\n" + ROW.format(day=20, message="x").encode())
    assert code == 2
    assert "export.csv:1: the header row holds bytes that cannot be read as text" in err


def test_the_import_leaves_the_csv_modules_limit_as_it_was(site: Site, tmp_path: Path) -> None:
    import csv

    from kudoswall.core.data import csvimport, entryfile
    from kudoswall.core.data.project import make_project

    before = csv.field_size_limit()
    context = entryfile.load_context(make_project(site.root, Path("docs"), {"today": dt.date(2026, 11, 25)}))
    result = csvimport.import_rows(context, "x.csv", HEADER + ROW.format(day=1, message="z" * 20_000), dry_run=True)
    assert [p.line for p in result.problems] == [2]
    assert csv.field_size_limit() == before
