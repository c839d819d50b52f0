"""The Dutch texts: every entry of locale/nl translated, and the compiled django.mo (committed, so a
machine without gettext serves Dutch) says exactly what django.po says (`make messages` rewrites it)."""
from pathlib import Path

import polib
from django.utils import translation

from accounts.signin import NO_ROLE

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_every_dutch_entry_is_translated_and_the_mo_matches_the_po():
    po = polib.pofile(str(LOCALE / "nl/LC_MESSAGES/django.po"))
    assert not po.untranslated_entries() and not po.fuzzy_entries()
    mo = polib.mofile(str(LOCALE / "nl/LC_MESSAGES/django.mo"))
    assert {e.msgid: e.msgstr for e in mo if e.msgid} == {e.msgid: e.msgstr for e in po if not e.obsolete}


def test_django_finds_the_dutch_texts():
    with translation.override("nl"):
        assert str(NO_ROLE).startswith("Uw account heeft geen actieve rol")
    with translation.override("en"):
        assert str(NO_ROLE).startswith("Your account has no active role")
