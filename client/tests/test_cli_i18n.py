"""The command in the user's language, and its output cut short by a pipe.

No server here: the tests drive the command in a subprocess, as a partner's
shell does, with a stand-in for the server's answers where one is needed.
"""

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from parcours_client import i18n

SOURCE = Path(i18n.__file__).parent

# A run of the command with the server's answers given here.
FAKE_SERVER = textwrap.dedent(
    """
    import sys
    from parcours_client import cli

    class FakeServer:
        url = "https://parcours.example"
        database = "parcours"

        def __init__(self, *args, **kwargs):
            pass

        def authenticate(self):
            return 2

        def whoami(self):
            return {
                "name": "Accueil ESAT Messidor",
                "login": "esat",
                "organisation": "ESAT Messidor",
                "role": "workshop",
            }

        def devices(self, stage=None):
            return [
                {"serial": "SN%05d" % n, "model": "Latitude", "stage_label": "Ready"}
                for n in range(20000)
            ]

    cli.Server = FakeServer
    cli.config.load = lambda: {
        "url": "https://parcours.example",
        "database": "parcours",
        "user": "esat",
        "api_key": "key",
    }
    cli.config.save = lambda *args: "credentials.ini"
    sys.argv[0] = "parcours"
    cli.main()
    """
)


def _environment(**variables):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in i18n.LOCALE_VARIABLES
    }
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(SOURCE.parent), environment.get("PYTHONPATH", "")]
    )
    environment.update(variables)
    return environment


def _run(*args, fake=False, stdin=None, **variables):
    command = (
        [sys.executable, "-c", FAKE_SERVER]
        if fake
        else [
            sys.executable,
            "-m",
            "parcours_client",
        ]
    )
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=_environment(**variables),
        timeout=60,
        check=False,
    )


def _code_messages():
    """Every string of the code given to ``_``, and every command's help."""
    messages = set()
    for path in SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                messages.add(node.args[0].value)
    return messages


def test_locale_chooses_the_language():
    assert i18n.user_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.user_language({"LANG": "en_GB.UTF-8", "LC_ALL": "fr_BE"}) == "fr"
    assert i18n.user_language({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "C"}) == "en"
    assert i18n.user_language({"LANGUAGE": "fr:en", "LANG": "C"}) == "fr"
    assert i18n.user_language({}) == "en"


def test_the_french_catalogue_holds_every_string_of_the_code():
    catalogue = i18n.read_po(i18n.CATALOGUES / "fr.po")
    helps = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json\n"
            "from parcours_client.cli import cli\n"
            "def walk(command):\n"
            "    yield command.help\n"
            "    for sub in getattr(command, 'commands', {}).values():\n"
            "        yield from walk(sub)\n"
            "print(json.dumps([h for h in walk(cli) if h]))",
        ],
        capture_output=True,
        text=True,
        env=_environment(LANG="C"),
        check=True,
    )
    messages = _code_messages() | set(json.loads(helps.stdout))
    missing = sorted(message for message in messages if not catalogue.get(message))
    assert not missing, f"add these to locale/fr.po: {missing}"
    # Named placeholders kept in every translation.
    for message, translation in catalogue.items():
        for placeholder in ("%(", "{"):
            assert message.count(placeholder) == translation.count(placeholder), message


def test_help_in_french_for_a_french_locale_and_english_otherwise():
    french = _run("--help", LANG="fr_FR.UTF-8")
    assert french.returncode == 0, french.stderr
    assert "Utilisation : parcours" in french.stdout
    assert "Afficher ce message et quitter." in french.stdout
    assert "Les lots de dons que vous pouvez voir." in french.stdout
    login = _run("login", "--help", LC_ALL="fr_FR.UTF-8", LANG="en_US.UTF-8")
    assert "Mon profil > Sécurité du compte >" in login.stdout
    english = _run("--help", LANG="en_US.UTF-8")
    assert "Usage: parcours" in english.stdout
    assert "The donation lots you may see." in english.stdout
    assert "Utilisation" not in english.stdout


def test_errors_and_table_headers_in_french():
    # An error of the command itself, with no login stored.
    refused = _run(
        "whoami",
        LANG="fr_FR.UTF-8",
        HOME="/nonexistent",
        XDG_CONFIG_HOME="/nonexistent",
        PARCOURS_URL="",
    )
    assert refused.returncode == 6
    assert refused.stderr.startswith("parcours: non connecté : lancez parcours login")
    table = _run("devices", fake=True, LANG="fr_FR.UTF-8", COLUMNS="200")
    assert table.returncode == 0, table.stderr
    assert "20000 appareil(s)" in table.stdout
    assert "Numéro de série" in table.stdout and "Étape" in table.stdout


def test_login_names_the_organisation_once():
    result = _run(
        "login",
        "--url",
        "https://parcours.example",
        "--db",
        "parcours",
        "--user",
        "esat",
        "--api-key-stdin",
        fake=True,
        stdin="key\n",
        LANG="C",
    )
    assert result.returncode == 0, result.stderr
    assert "Logged in as Accueil ESAT Messidor on https://parcours.example" in (
        result.stdout
    )
    assert result.stdout.count("ESAT Messidor") == 1


def test_output_cut_short_by_a_pipe_ends_cleanly():
    # parcours devices --format csv | head -3
    process = subprocess.Popen(
        [sys.executable, "-c", FAKE_SERVER, "devices", "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(LANG="C"),
    )
    lines = [process.stdout.readline() for __ in range(3)]
    process.stdout.close()  # what head does once it has its lines
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert lines[0].startswith(b"serial,model,stage_label")
    assert stderr == ""
