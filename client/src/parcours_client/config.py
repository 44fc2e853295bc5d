"""Where the client finds the server and the user's API key.

``parcours login`` stores them in the user's configuration folder, in a file
readable by the user only (mode 600); the environment variables PARCOURS_URL,
PARCOURS_DB, PARCOURS_USER and PARCOURS_API_KEY override it, one by one. The
password is never stored nor asked for.
"""

import configparser
import os
from pathlib import Path

import platformdirs

from .errors import WrongCredentials
from .i18n import _

SECTION = "parcours"
KEYS = {
    "url": "PARCOURS_URL",
    "database": "PARCOURS_DB",
    "user": "PARCOURS_USER",
    "api_key": "PARCOURS_API_KEY",
}


def config_path():
    return Path(platformdirs.user_config_dir("parcours")) / "credentials.ini"


def _stored():
    path = config_path()
    parser = configparser.ConfigParser(interpolation=None)
    if path.exists():
        try:
            parser.read(path, encoding="utf-8")
        except configparser.Error as error:
            raise WrongCredentials(
                _("%(path)s cannot be read (%(error)s): run parcours login again")
                % {"path": path, "error": error}
            ) from error
    return dict(parser[SECTION]) if parser.has_section(SECTION) else {}


def load():
    """{url, database, user, api_key}, from the environment or the stored login."""
    values = _stored()
    for key, variable in KEYS.items():
        if os.environ.get(variable):
            values[key] = os.environ[variable]
    missing = [KEYS[key] for key in KEYS if not values.get(key)]
    if missing:
        raise WrongCredentials(
            _(
                "not logged in: run parcours login, or set %(variables)s in the "
                "environment"
            )
            % {"variables": ", ".join(missing)}
        )
    return {key: values[key] for key in KEYS}


def save(url, database, user, api_key):
    """Store the login in a file only its owner may read; return its path."""
    path = config_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    parser = configparser.ConfigParser(interpolation=None)
    parser[SECTION] = {
        "url": url,
        "database": database,
        "user": user,
        "api_key": api_key,
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # An older file keeps its mode through O_CREAT: set it in any case.
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(
            "# Written by parcours login. The API key gives access to your Odoo\n"
            "# account: keep this file to yourself, revoke the key in Odoo if lost.\n"
        )
        parser.write(stream)
    return path


def forget():
    """Delete the stored login; return its path if there was one."""
    path = config_path()
    if path.exists():
        path.unlink()
        return path
    return None
