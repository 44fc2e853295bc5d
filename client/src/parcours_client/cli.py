"""The ``parcours`` command: click for the commands, rich for what it prints.

Every error ends as one line on the standard error and a documented exit code
(see README.md); ``--debug`` also prints the traceback.
"""

import base64
import csv
import inspect
import json
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from . import __version__, config, files, importer
from .api import Server
from .errors import BadFile, ParcoursError, Unreachable, WrongCredentials
from .i18n import _, translate_click

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

FORMATS = click.Choice(["table", "csv", "json"])
ERRORS_SHOWN = 100
translate_click()
DEVICE_COLUMNS = {
    "serial": _("Serial"),
    "model": _("Model"),
    "stage_label": _("Stage"),
    "grade": _("Grade"),
    "os": _("OS"),
    "lot": _("Lot"),
    "holder": _("Held by"),
}
LOT_COLUMNS = {
    "reference": _("Lot"),
    "donor": _("Donor"),
    "workshop": _("Workshop"),
    "state_label": _("State"),
    "declared": _("Declared"),
    "devices": _("Devices"),
    "expected": _("Expected"),
    "received": _("Received"),
    "weight": _("Weight (kg)"),
}
DASHBOARD_COLUMNS = {
    "section": _("Section"),
    "label": _("Figure"),
    "value": _("Value"),
}


@dataclass
class State:
    debug: bool = False
    timeout: float = 600


class TranslatedHelp:
    """Help texts written in English in the code, read in the user's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = _(inspect.cleandoc(self.help))
        if self.short_help:
            self.short_help = _(self.short_help)


class ParcoursCommand(TranslatedHelp, click.Command):
    pass


class ParcoursGroup(TranslatedHelp, click.Group):
    """Turns every error into one line and its exit code."""

    command_class = ParcoursCommand
    group_class = type  # subgroups are ParcoursGroups too

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            # The reader stopped early (`parcours devices --format csv | head`):
            # it has what it wanted. Nothing more goes to the closed pipe, not
            # even Python's flush of stdout at exit.
            _stdout_to_devnull()
            raise click.exceptions.Exit(0) from None
        except ParcoursError as error:
            _fail(ctx, error.message, error.exit_code)
        except Exception as error:  # noqa: BLE001  (a bug: still one line)
            _fail(
                ctx,
                _("unexpected error: %(error)r") % {"error": error},
                1,
                unexpected=True,
            )


def _fail(ctx, message, code, unexpected=False):
    debug = isinstance(ctx.obj, State) and ctx.obj.debug
    if debug:
        traceback.print_exc()
    lines = [line for line in str(message).strip().splitlines() if line.strip()]
    first = lines[0] if lines else _("error")
    if unexpected and not debug:
        first += _(" (run it again with --debug to see the traceback)")
    click.echo(f"parcours: {first}", err=True)
    if debug:  # the server's details (e.g. the groups that have access)
        for line in lines[1:]:
            click.echo(f"  {line}", err=True)
    raise click.exceptions.Exit(code)


def _server(ctx):
    values = config.load()
    server = Server(
        values["url"],
        values["database"],
        values["user"],
        values["api_key"],
        timeout=ctx.obj.timeout,
    )
    server.authenticate()
    return server


@click.group(
    cls=ParcoursGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option("--debug", is_flag=True, help=_("Print the traceback of an error."))
@click.option(
    "--timeout",
    type=float,
    default=600,
    show_default=True,
    envvar="PARCOURS_TIMEOUT",
    help=_("Seconds to wait for each answer of the server."),
)
@click.version_option(__version__, prog_name="parcours")
@click.pass_context
def cli(ctx, debug, timeout):
    """Feed and read the Parcours numérique solidaire from your spreadsheets.

    Log in once with `parcours login` (or set PARCOURS_URL, PARCOURS_DB,
    PARCOURS_USER and PARCOURS_API_KEY), then import, list and export.
    """
    ctx.obj = State(debug=debug, timeout=timeout)


# ---------------------------------------------------------------- login
@cli.command()
@click.option("--url", envvar="PARCOURS_URL", prompt=_("Server address (https://...)"))
@click.option("--database", "--db", envvar="PARCOURS_DB", prompt=_("Database"))
@click.option("--user", envvar="PARCOURS_USER", prompt=_("Login"))
@click.option(
    "--api-key-stdin",
    is_flag=True,
    help=_("Read the API key from the standard input instead of asking for it."),
)
@click.pass_context
def login(ctx, url, database, user, api_key_stdin):
    """Check and store your login and API key.

    Create the API key in Odoo first: My Profile > Account Security > New API
    Key. The key is stored in your configuration folder, readable by you only;
    your password is never asked for.
    """
    if api_key_stdin:
        key = sys.stdin.readline().strip()
    else:
        key = click.prompt(_("API key"), hide_input=True).strip()
    if not key:
        raise WrongCredentials(_("no API key given"))
    server = Server(url, database, user, key, timeout=ctx.obj.timeout)
    server.authenticate()
    me = server.whoami()
    path = config.save(server.url, database, user, key)
    name = me["name"]
    # The organisation once: a user named after it ("Accueil ESAT Messidor")
    # does not read it twice.
    if me["organisation"] and me["organisation"] not in name:
        name = f"{name} ({me['organisation']})"
    out.print(
        escape(
            _("Logged in as %(name)s on %(url)s, database %(database)s.")
            % {"name": name, "url": server.url, "database": database}
        )
    )
    out.print(
        escape(_("API key stored in %(path)s (readable by you only).") % {"path": path})
    )


@cli.command()
def logout():
    """Forget the stored login (the key stays valid in Odoo until you revoke it)."""
    path = config.forget()
    if path:
        out.print(
            escape(
                _("Removed %(path)s. Revoke the key in Odoo if it may leak.")
                % {"path": path}
            )
        )
    else:
        out.print(_("No stored login."))


@cli.command()
@click.pass_context
def whoami(ctx):
    """Who the server takes you for."""
    server = _server(ctx)
    me = server.whoami()
    out.print(
        escape(
            _("%(name)s (%(login)s) on %(url)s, %(database)s")
            % {
                "name": me["name"],
                "login": me["login"],
                "url": server.url,
                "database": server.database,
            }
        )
    )
    if me["organisation"]:
        out.print(
            escape(
                _("Organisation: %(organisation)s (%(role)s)")
                % {"organisation": me["organisation"], "role": me["role"]}
            )
        )


# ---------------------------------------------------------------- imports
def _file_options(function):
    """FILE and --dry-run, which every import takes."""
    function = click.option(
        "--dry-run",
        is_flag=True,
        help=_("Check everything as the real import would, and write nothing."),
    )(function)
    return click.argument("file", type=click.Path(dir_okay=False, path_type=Path))(
        function
    )


@cli.group()
def lot():
    """Donation lots."""


@cli.group()
def triage():
    """Triage results."""


@cli.group()
def refurbish():
    """Refurbishment results."""


@lot.command("import")
@_file_options
@click.option(
    "--lot",
    "reference",
    required=True,
    help=_("Reference of the donation lot, e.g. DON/2026/0004."),
)
@click.option(
    "--weight",
    type=float,
    help=_("Weight received (kg); by default the devices' weights added up."),
)
@click.option("--date", "received_date", help=_("Date of receipt (2026-11-05); today."))
@click.pass_context
def lot_import(ctx, file, dry_run, reference, weight, received_date):
    """Receive the devices of a donation lot from an XLSX or CSV file.

    Columns as in the intake form: serial, model, and optionally cpu, ram,
    storage, storage type, os, battery, weight (English or French headers).
    """
    options = {"lot": reference}
    if weight is not None:
        options["received_weight"] = weight
    if received_date:
        options["received_date"] = received_date
    _import(ctx, "lot", file, dry_run, **options)


@triage.command("import")
@_file_options
@click.pass_context
def triage_import(ctx, file, dry_run):
    """Record triage verdicts from an XLSX or CSV file.

    Columns: serial, verdict (pass or fail), reason (when it fails), worker,
    hours, note.
    """
    _import(ctx, "triage", file, dry_run)


@refurbish.command("import")
@_file_options
@click.pass_context
def refurbish_import(ctx, file, dry_run):
    """Record refurbishments from an XLSX or CSV file, one row per disk.

    Columns: serial, the functional tests (or tests: yes), disk, disk type,
    capacity, level, method, tool, erasure date, operator, verification,
    certificate, os, grade, worker, hours.
    """
    _import(ctx, "refurbish", file, dry_run)


def _import(ctx, kind, path, dry_run, **options):
    content = files.read_file(path)
    server = _server(ctx)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=err, transient=True, disable=not err.is_terminal
    ) as progress:
        task = progress.add_task(
            _("Sending %(file)s") % {"file": path.name}, total=len(content)
        )

        def advance(size, writing):
            progress.advance(task, size)
            if writing:
                progress.update(
                    task,
                    description=_("The server reads, checks and writes everything"),
                )

        try:
            report = importer.send(
                server,
                kind,
                path.name,
                content,
                dry_run=dry_run,
                progress=advance,
                **options,
            )
        except Unreachable as error:
            raise Unreachable(
                _(
                    "%(error)s. The server writes an import whole or not at all: "
                    "check with parcours lots or parcours devices before sending "
                    "the file again."
                )
                % {"error": error.message}
            ) from error
    _print_report(path, report)
    errors = report["errors"]
    if len(errors) == 1 and not errors[0]["row"] and not errors[0]["column"]:
        raise BadFile(f"{path.name}: {errors[0]['message']}")
    if errors:
        raise BadFile(
            _("%(count)s error(s) in %(file)s: nothing was written")
            % {"count": len(errors), "file": path.name}
        )


def _print_report(path, report):
    out.print(
        escape(
            _("%(file)s: %(rows)s row(s) read.")
            % {"file": path.name, "rows": report["rows"]}
        )
    )
    if report["ignored_columns"]:
        out.print(
            escape(
                _("Columns ignored: ") + ", ".join(map(str, report["ignored_columns"]))
            )
        )
    for error in report["errors"][:ERRORS_SHOWN]:
        place = []
        if error["row"]:
            place.append(_("row %(row)s") % {"row": error["row"]})
        if error["column"]:
            place.append(_("column %(column)s") % {"column": error["column"]})
        prefix = ", ".join(place)
        out.print(
            escape(f"{prefix}: {error['message']}" if prefix else error["message"])
        )
    if len(report["errors"]) > ERRORS_SHOWN:
        out.print(
            _("... and %(count)s more.")
            % {"count": len(report["errors"]) - ERRORS_SHOWN}
        )
    for line in report["summary"]:
        out.print(escape(line))
    if report["errors"]:
        return
    if report["dry_run"]:
        out.print(_("Dry run: every row checks out; nothing was written."))
    elif report["written"]:
        out.print(_("Written."))


# ---------------------------------------------------------------- lists
def _print_records(records, columns, output, title):
    if output == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    elif output == "csv":
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(records[0]) if records else list(columns)
        )
        writer.writeheader()
        writer.writerows(records)
    else:
        table = Table(title=title, title_justify="left")
        for label in columns.values():
            table.add_column(label)
        for record in records:
            table.add_row(*(escape(str(record.get(key, ""))) for key in columns))
        out.print(table)


def _listing(name, help_text, columns, title, fetch, options=()):
    """A command printing what ``fetch(server, **options)`` returns."""

    @click.pass_context
    def command(ctx, output, **filters):
        records = fetch(_server(ctx), **filters)
        _print_records(records, columns, output, _(title) % {"count": len(records)})

    for option in (
        *options,
        click.option(
            "--format", "output", type=FORMATS, default="table", show_default=True
        ),
    ):
        command = option(command)
    return cli.command(name, help=help_text)(command)  # translated by the class


devices = _listing(
    "devices",
    "The devices your organisation holds (all of them for the back office).",
    DEVICE_COLUMNS,
    "%(count)s device(s)",
    lambda server, stage: server.devices(stage=stage),
    options=[
        click.option("--stage", help=_("Only the devices at this stage (ready...)."))
    ],
)
lots = _listing(
    "lots",
    "The donation lots you may see.",
    LOT_COLUMNS,
    "%(count)s lot(s)",
    lambda server: server.lots(),
)
dashboard = _listing(
    "dashboard",
    "The figures you may see.",
    DASHBOARD_COLUMNS,
    "Parcours numérique solidaire",
    lambda server: server.dashboard(),
)


@cli.command("commands")
@click.option("--format", "output", type=FORMATS, default="table", show_default=True)
@click.pass_context
def commands_(ctx, output):
    """The commands the server offers you (your role's), and those it does not."""
    offered = _server(ctx).commands()
    _print_records(
        [command for command in offered if command["offered"]],
        {"command": _("Command"), "label": _("Does")},
        output,
        _("Commands you may use"),
    )
    others = [command["command"] for command in offered if not command["offered"]]
    if others and output == "table":
        out.print(
            escape(
                _("Not for your role (the server refuses them): ") + ", ".join(others)
            )
        )


@cli.command()
@click.argument("kind", required=False)
@click.option("--period", help=_("A month (2026-11) or a year (2026)."))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Where to save the file; by default its own name, here."),
)
@click.option(
    "--format",
    "listing",
    type=FORMATS,
    default="table",
    show_default=True,
    help=_("How to list the exports, without KIND."),
)
@click.pass_context
def export(ctx, kind, period, output, listing):
    """Download the export KIND for a period; without KIND, list the exports."""
    server = _server(ctx)
    if not kind:
        _print_records(
            server.export_kinds(),
            {"kind": _("Kind"), "label": _("Export")},
            listing,
            _("Exports you may download"),
        )
        return
    if not period:
        raise click.UsageError(_("give the period, e.g. --period 2026-11"))
    result = server.export(kind, period)
    content = base64.b64decode(result["content"])
    path = output or Path(result["filename"])
    try:
        path.write_bytes(content)
    except OSError as error:
        raise BadFile(
            _("%(path)s cannot be written (%(reason)s)")
            % {"path": path, "reason": error.strerror}
        ) from error
    out.print(
        escape(
            _("Saved %(path)s (%(size)s bytes).") % {"path": path, "size": len(content)}
        )
    )


def _stdout_to_devnull():
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main():
    code = 0
    try:
        cli(prog_name="parcours")
    except SystemExit as exit:
        code = exit.code
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the last lines, flushed after the command
        _stdout_to_devnull()
    sys.exit(code)
