"""The command's words in the user's language: French when the locale says so.

The French catalogue is ``locale/fr.po``, read at start-up by the small loader
below into a stdlib ``gettext`` translations object: no compiled ``.mo`` to keep
in step with it. Any other locale reads English, the language of the code.
"""

import ast
import gettext
import os
from pathlib import Path

CATALOGUES = Path(__file__).with_name("locale")
# The variables gettext reads, in its own order of precedence.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def user_language(environ=None):
    """``"fr"`` when the user's locale is French, else ``"en"``."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            # LANGUAGE may list several languages, "fr:en"; the first one wins.
            first = value.split(":")[0].lower()
            return "fr" if first.startswith("fr") else "en"
    return "en"


def read_po(path):
    """{msgid: msgstr} of a .po file (single forms, translated entries only)."""
    catalogue = {}
    entry = {}
    key = None

    def flush():
        if entry.get("msgid") and entry.get("msgstr"):
            catalogue[entry["msgid"]] = entry["msgstr"]
        entry.clear()

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if key == "msgstr":
                flush()
            key = None
            continue
        if line.startswith(("msgid ", "msgstr ")):
            key, _, text = line.partition(" ")
            if key == "msgid" and entry.get("msgstr") is not None:
                flush()
            entry[key] = ast.literal_eval(text)
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    flush()
    return catalogue


class PoTranslations(gettext.NullTranslations):
    """A gettext translations object fed from a .po file."""

    def __init__(self, catalogue):
        super().__init__()
        self._catalogue = catalogue

    def gettext(self, message):
        return self._catalogue.get(message, message)

    def ngettext(self, singular, plural, n):
        return self.gettext(singular if n == 1 else plural)


def translations(language=None):
    language = language or user_language()
    path = CATALOGUES / f"{language}.po"
    if language == "en" or not path.exists():
        return gettext.NullTranslations()
    return PoTranslations(read_po(path))


TRANSLATIONS = translations()
_ = TRANSLATIONS.gettext
ngettext = TRANSLATIONS.ngettext


def translate_click():
    """Click's own words (Usage, Options, its errors) from the same catalogue.

    Click's modules bind ``gettext.gettext`` under ``_`` when imported, which
    reads compiled catalogues of the "messages" domain only; they are rebound
    to ours.
    """
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
