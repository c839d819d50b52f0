"""The Dutch catalogues are complete and compiled (README "Languages").

Every text marked for translation in an app (gettext_lazy and friends, the same keywords as
`make messages`) has a Dutch translation in that app's catalogue, none is fuzzy or left over, the
placeholders agree, and the committed .mo is exactly what Babel compiles from the .po, so a fresh
checkout serves Dutch without GNU gettext. Fix a failure with `make messages`, then translate what
it added.
"""
import ast
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
APPS = ["rwc", "clients", "cases", "employers", "referrals", "services", "documents", "worklist", "reports", "api", "web"]  # the Makefile's LOCALE_APPS
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None, "pgettext_lazy": ((1, "c"), 2),
            "ngettext_lazy": (1, 2)}  # the Makefile's BABEL_KEYWORDS


def _catalogue(app):
    with open(ROOT / app / "locale/nl/LC_MESSAGES/django.po", "rb") as f:
        return read_po(f)


def _marked(app) -> set:
    found = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        ROOT / app, method_map=[("**/migrations/**.py", "ignore"), ("**.py", "python"),
                                ("**.html", "web.babel_templates:extract_django")],
        keywords={**KEYWORDS}, strip_comment_tags=True,
    ):
        found.add((context, message if isinstance(message, str) else message[0]))
    return found


@pytest.mark.parametrize("app", APPS)
def test_every_marked_text_has_a_dutch_translation(app):
    catalogue = _catalogue(app)
    marked = _marked(app)
    assert marked, f"{app} marks no text: is the keyword list right?"
    missing = sorted(m for c, m in marked if not (catalogue.get(m, context=c) and catalogue.get(m, context=c).string))
    assert not missing, f"{app}: marked but not translated (run `make messages`, then translate): {missing}"
    fuzzy = sorted(m.id for m in catalogue if m.id and m.fuzzy)
    assert not fuzzy, f"{app}: fuzzy translations are not used: {fuzzy}"
    leftover = sorted(m.id for m in catalogue if m.id and (m.context, m.id if isinstance(m.id, str) else m.id[0])
                      not in marked)
    assert not leftover, f"{app}: translations of texts the code no longer marks (run `make messages`): {leftover}"


@pytest.mark.parametrize("app", APPS)
def test_placeholders_agree(app):
    problems = [(message.id, errors) for message, errors in _catalogue(app).check() if errors]
    assert not problems, problems


@pytest.mark.parametrize("app", APPS)
def test_the_compiled_catalogue_is_the_committed_po(app):
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(app))
    committed = (ROOT / app / "locale/nl/LC_MESSAGES/django.mo").read_bytes()
    assert committed == compiled.getvalue(), f"{app}: django.mo is stale; run `make messages`"


ERRORS = {"RuleViolation", "Conflict", "NotAllowed", "NotFound", "InvalidFields", "PermissionDenied"}


def _plain_text(node) -> bool:
    """A message a person reads written as a bare (or f-) string: nobody can translate it."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)
                                               and " " in node.value)


def _untranslated(tree):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        first = node.args[0]
        if name in ERRORS and _plain_text(first):
            yield node.lineno
        # (field, code, message) triples: errors.append((...)) and InvalidFields([(...), ...])
        triples = [first] if name == "append" else list(getattr(first, "elts", [])) if name in ERRORS else []
        for triple in triples:
            if isinstance(triple, ast.Tuple) and len(triple.elts) == 3 and _plain_text(triple.elts[2]):
                yield triple.lineno


@pytest.mark.parametrize("app", [a for a in APPS if a not in ("web",)] + ["privacy", "accounts"])
def test_domain_errors_are_marked_for_translation(app):
    """An error a counsellor or a partner reads comes in their language: the domain's messages are
    marked (a 400's reasons, a 409's detail), never left as bare English strings."""
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found += [f"{path.relative_to(ROOT)}:{line}" for line in _untranslated(ast.parse(path.read_text()))]
    assert found == []
