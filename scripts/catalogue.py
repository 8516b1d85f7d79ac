"""Keep the message catalogue current: re-extract messages.pot, update each language's .po, compile .mo.

    .venv/bin/python scripts/catalogue.py            # after changing strings (or merging branches)
    .venv/bin/python scripts/catalogue.py --check    # exit 1 if a language lacks a translation

The .mo files are committed (built by this script, not at install time), so
`pip install` from a checkout needs no build step. New strings arrive in each
.po untranslated; tests/core/test_translations.py lists what is missing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "plugins" / "kudoswall" / "locale"
LANGUAGES = ("es", "fr", "de")


def babel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


def missing(language: str) -> list[str]:
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalog = read_po(file)
    return [str(m.id) for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report untranslated messages")
    args = parser.parse_args()
    if not args.check:
        babel("extract", "-F", str(LOCALE / "babel.cfg"), "--no-location", "--omit-header", "--sort-output",
              "-o", str(LOCALE / "messages.pot"), str(LOCALE.parent))
        for language in LANGUAGES:
            po = LOCALE / language / "LC_MESSAGES" / "messages.po"
            command = "update" if po.exists() else "init"
            babel(command, "-D", "messages", "-i", str(LOCALE / "messages.pot"), "-d", str(LOCALE), "-l", language,
                  *(["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []))
        babel("compile", "-D", "messages", "-d", str(LOCALE))
    gaps = {language: missing(language) for language in LANGUAGES}
    for language, ids in gaps.items():
        for message in ids:
            print(f"{language}: untranslated: {message!r}")
    return 1 if any(gaps.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
