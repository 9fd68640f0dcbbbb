"""The `dtworkshop` command: start the TUI, or check, print, list and compare session files
without it.

`validate`, `show`, `list`, `decisions` and `diff` never import Textual (the TUI is imported
only when it starts), so they stay fast enough for scripts, CI, git hooks and SSH one-liners.
Their JSON output (`--json`) is a stable interface, described in README.md ("JSON output").
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TextIO

from dtworkshop import __version__

# As in dtworkshop.core.session (LANGUAGES, DECISION_STATUSES; tests/test_cli.py checks):
# the core is not imported to build the parser, which `--help` and `show` would wait for.
LANGUAGES = ("da", "en")
DECISION_STATUSES = ("open", "done", "dropped")
ENV_SESSIONS = "DTWORKSHOP_SESSIONS"
ENV_LANG = "DTWORKSHOP_LANG"
ENV_THEME = "DTWORKSHOP_THEME"

_DESCRIPTION = """\
dtworkshop: a terminal companion for facilitators of leadership workshops on digital
transformation, after "Det er dig, der er den! Toplederens ni gode råd til digitale
transformationer" (Væksthus for Ledelse). Each session is one TOML file in a sessions folder.

Without a command, the TUI starts on the list of sessions in the sessions folder."""

_EPILOG = f"""\
synopsis:
  dtworkshop [--sessions DIR] [--lang da|en]
                       start the TUI on the sessions folder
  dtworkshop new       start the TUI on the "new session" form
  dtworkshop open [--read-only] FILE
                       start the TUI on one session file (its folder is the sessions folder)
  dtworkshop present FILE
                       the presenter view: FILE read-only, large, following the facilitator
  dtworkshop validate FILE...
                       check session files; print "FILE: ok" or "FILE:WHERE: message"
  dtworkshop show FILE print a session as plain text (no TUI)
  dtworkshop export FILE [--format md|html|json] [-o OUT]
                       a session as a Markdown or HTML report, or as JSON
  dtworkshop restore FILE
                       put back the previous version of a session (swap it with its backup)
  dtworkshop list [--org O] [--json]
                       list the sessions of the sessions folder, newest change first
  dtworkshop decisions [--org O] [--owner P] [--overdue] [--status S] [--today DATE] [--json]
                       every decision of the sessions folder, earliest due date first
  dtworkshop diff A B [--json]
                       what changed from session file A to session file B

environment:
  {ENV_SESSIONS}  the sessions folder when --sessions is not given (default: ./sessions)
  {ENV_LANG}      the default language when --lang is not given: da or en (default: da)
  {ENV_THEME}     the TUI's theme when --theme is not given (default: dtworkshop)

exit status:
  0  success (validate: every file is valid; diff: the sessions are the same)
  1  a session file is invalid or missing (validate: at least one; diff: they differ;
     list, decisions: the sessions folder cannot be read)
  2  usage error (diff: also a file that cannot be read)

"dtworkshop COMMAND --help" describes one command."""


class _Parser(argparse.ArgumentParser):
    """Help texts keep their line breaks."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def _folder_options(parser: argparse.ArgumentParser, *, sessions: bool, top: bool,
                    lang: bool = True) -> None:
    """--sessions and --lang (unless `lang` is false), accepted before and after the command.

    On the subcommands their default is SUPPRESS so an option given before the command
    (`dtworkshop --lang en new`) is not overwritten by the subcommand's default.
    """
    default = None if top else argparse.SUPPRESS
    if sessions:
        parser.add_argument(
            "--sessions",
            metavar="DIR",
            default=default,
            help=f"the sessions folder (default: ${ENV_SESSIONS} if set, else ./sessions)",
        )
    if not lang:
        return
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=f"default language for new sessions, the start screen and messages that concern "
        f"no one session (a session's own words are in its language) "
        f"(default: ${ENV_LANG} if set, else da)",
    )


def _theme_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--theme, for the commands that start the TUI (before or after the command)."""
    parser.add_argument(
        "--theme",
        metavar="NAME",
        default=None if top else argparse.SUPPRESS,
        help=f"the TUI's colours: dtworkshop, projector, terminal-16 or a theme of your own "
        f"in themes/ beside the sessions folder or in ~/.config/dtworkshop/themes "
        f"(default: ${ENV_THEME} if set, else dtworkshop)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `dtworkshop` with all its commands."""
    parser = _Parser(prog="dtworkshop", description=_DESCRIPTION, epilog=_EPILOG)
    parser.add_argument("--version", action="version", version=f"dtworkshop {__version__}")
    _folder_options(parser, sessions=True, top=True)
    _theme_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    new = commands.add_parser(
        "new",
        help="start the TUI on the 'new session' form",
        description="Start the TUI directly on the form that creates a new session in the "
        "sessions folder. With --from FILE the new session follows up that one: same "
        "organisation, facilitator, language and participants, its units and its open "
        "decisions carried over, `follows` pointing back; it is made beside FILE (or in "
        "--sessions). With --title too it is made at once, without the TUI, and its path "
        "printed; without, the form opens filled in.",
    )
    new.add_argument("--from", dest="follow", metavar="FILE",
                     help="the earlier session this one follows up (<id>.toml)")
    new.add_argument("--title", metavar="T",
                     help="with --from: the new session's title; make it at once")
    new.add_argument("--date", metavar="D",
                     help="with --from: the workshop's day, 2027-01-31 or 31.1.2027 "
                     "(default: today)")
    _folder_options(new, sessions=True, top=False)
    _theme_option(new, top=False)

    open_ = commands.add_parser(
        "open",
        help="start the TUI on one session file",
        description="Start the TUI on the session file FILE; its folder becomes the sessions "
        "folder. An invalid file is reported (exit status 1) and the TUI does not start.",
    )
    open_.add_argument("file", metavar="FILE", help="a session file (<id>.toml)")
    open_.add_argument(
        "--read-only",
        action="store_true",
        help="only look: nothing is changed or saved, and the file stays free for another "
        "facilitator (ctrl+e in the TUI starts editing)",
    )
    _folder_options(open_, sessions=False, top=False)
    _theme_option(open_, top=False)

    present = commands.add_parser(
        "present",
        help="the presenter view of a session file (for the projector)",
        description="Show the session file FILE for the room (run it in a second terminal, "
        "the projector's): read-only (nothing is written, no lock is taken), on the canvas "
        "the facilitator's app is on, following it as that app saves, without guidance or "
        "key hints; ctrl+q quits. The projector theme unless --theme is given. An invalid "
        "file is reported (exit status 1) and the TUI does not start.",
    )
    present.add_argument("file", metavar="FILE", help="a session file (<id>.toml)")
    _folder_options(present, sessions=False, top=False)
    _theme_option(present, top=False)

    validate = commands.add_parser(
        "validate",
        help="check session files against the format",
        description='Check each FILE against session format 1. Prints "FILE: ok" on stdout '
        'for a valid file and "FILE:WHERE: message" on stderr for an invalid one, WHERE being '
        "LINE:COLUMN for a TOML syntax error or the dotted key path for a content error. "
        "Never changes a file. Exit status 0 if all files are valid, 1 if any is not.",
    )
    validate.add_argument("files", metavar="FILE", nargs="+", help="session files to check")
    _folder_options(validate, sessions=False, top=False)

    show = commands.add_parser(
        "show",
        help="print a session as plain text",
        description="Print the session FILE as plain text in its own language: header, "
        "participants, each visited canvas with its fields and points of attention, and the "
        "decision log. Control characters in the file's text are shown harmlessly, never sent "
        "to the terminal. Exit status 1 if the file is invalid.",
    )
    show.add_argument("file", metavar="FILE", help="a session file (<id>.toml)")
    _folder_options(show, sessions=False, top=False)

    restore = commands.add_parser(
        "restore",
        help="put back the previous version of a session",
        description="Swap the session file FILE with its backup, the hidden .FILE.bak beside "
        "it: the file as it was before dtworkshop last started saving over it. The replaced "
        "version becomes the backup, so running restore again undoes it. Refused while "
        "another dtworkshop has the session open. Exit status 1 if there is no usable backup.",
    )
    restore.add_argument("file", metavar="FILE", help="a session file (<id>.toml)")
    _folder_options(restore, sessions=False, top=False)

    export = commands.add_parser(
        "export",
        help="a session as a Markdown or HTML report, or as JSON",
        description="Write the session FILE as a report for the participants and the board, in "
        "the session's language: Markdown (md), or one self-contained HTML page (html) that "
        "loads nothing from anywhere, with every visited canvas, its points of attention, its "
        "chart and notes, and the decision table (overdue ones marked). json gives the session "
        "as data for other tools (see the README). Text from the file is shown as text, never "
        "as markup. Exit status 1 if the file is invalid or OUT cannot be written.",
    )
    export.add_argument("file", metavar="FILE", help="a session file (<id>.toml)")
    export.add_argument("--format", choices=("md", "html", "json"), default="md",
                        help="md (default), html or json")
    export.add_argument("-o", "--output", metavar="OUT",
                        help="write to OUT (replaced atomically) instead of standard output; "
                        "never the session file itself")
    _folder_options(export, sessions=False, top=False)

    list_ = commands.add_parser(
        "list",
        help="list the sessions of the sessions folder",
        description="Print one line per session of the sessions folder, newest change first: "
        "the date of its last change, its id, title and organisation, how many decisions it "
        "holds and how many warnings its canvases raise. A file that cannot be read is "
        'reported on stderr as "FILE:WHERE: message" (as validate does) and does not change '
        "the exit status. Reuses an index of the folder (the hidden file .dtworkshop-index), "
        "so only files changed since the last listing are read. Exit status 1 if the folder "
        "cannot be read.",
    )
    _folder_options(list_, sessions=True, top=False)
    list_.add_argument("--org", metavar="O",
                       help="only sessions whose organisation contains O (any case)")
    list_.add_argument("--json", action="store_true",
                       help="print JSON instead (unreadable files included), see README.md")

    decisions = commands.add_parser(
        "decisions",
        help="list every decision of the sessions folder",
        description="Print one line per decision recorded in any session of the sessions "
        "folder, earliest due date first (no due date last): due date, OVERDUE when it is "
        "open and the due date has passed, or its status when done or dropped, owner, text, "
        "and the organisation, session and canvas it belongs to. Unreadable "
        "files are reported on stderr as by list. Exit status 1 if the folder cannot be read.",
    )
    _folder_options(decisions, sessions=True, top=False)
    decisions.add_argument("--org", metavar="O",
                           help="only sessions whose organisation contains O (any case)")
    decisions.add_argument("--owner", metavar="P",
                           help="only decisions whose owner contains P (any case)")
    decisions.add_argument("--overdue", action="store_true",
                           help="only open decisions whose due date has passed")
    decisions.add_argument("--status", choices=DECISION_STATUSES,
                           help="only decisions that are open, done or dropped")
    decisions.add_argument("--today", metavar="DATE", type=_iso_date,
                           help="count as overdue what is due before DATE (YYYY-MM-DD) "
                           "instead of before today")
    decisions.add_argument("--json", action="store_true",
                           help="print JSON instead, see README.md")

    diff = commands.add_parser(
        "diff",
        help="show what changed between two session files",
        description="Print what changed from session file A to session file B, section by "
        "section (the header, the participants, each canvas, the decisions) and field by "
        "field, with the file's key names: `field: old → new`, `+` for what B adds, `-` for "
        "what it removes. Items of lists (units, participants, decisions …) are matched by "
        "name or, for decisions, by when they were made. Exit status as diff(1): 0 the same, "
        "1 different, 2 a file cannot be read.",
    )
    diff.add_argument("a", metavar="A", help="a session file (<id>.toml): the one before")
    diff.add_argument("b", metavar="B", help="a session file (<id>.toml): the one after")
    diff.add_argument("--json", action="store_true", help="print JSON instead, see README.md")
    _folder_options(diff, sessions=False, top=False)
    return parser


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-01-31") from None


def main(argv: list[str] | None = None) -> int:
    """Run `dtworkshop` with `argv` (default: the command line); return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command
    # One rule for the language of a message: what concerns one readable session is said in
    # its language; the rest (the folder, a file that cannot be read, two files compared) in
    # --lang's, else $DTWORKSHOP_LANG's, else Danish.
    language = _language(parser, getattr(args, "lang", None))
    if command == "validate":
        return _validate(args.files, sys.stdout, sys.stderr, language)
    if command == "show":
        return _show(args.file, language)
    if command == "restore":
        return _restore(args.file, language)
    if command in ("list", "decisions"):
        return _review(command, args, language)
    if command == "diff":
        return _diff(args.a, args.b, as_json=args.json, language=language)
    if command == "export":
        return _export(args.file, args.format, args.output, language)

    if command in ("open", "present"):
        from dtworkshop.storage.errors import SessionFileError
        from dtworkshop.storage.reader import read_session

        path = Path(args.file).expanduser()
        try:
            read_session(path)
        except SessionFileError as exc:
            print(exc.said(language), file=sys.stderr)
            return 1
        if command == "present":
            # The projector theme unless asked otherwise on this command line
            # ($DTWORKSHOP_THEME is for the facilitator's own terminal).
            return _run_tui(path.absolute().parent, path.absolute(), False, language,
                            theme=getattr(args, "theme", None), presenter=True)
        return _run_tui(path.absolute().parent, path.absolute(), False, language,
                        read_only=args.read_only, theme=_theme(args))

    if command == "new" and (args.follow or args.title is not None or args.date is not None):
        return _follow_up(parser, args, language)

    sessions = _sessions_dir(args.sessions)
    if sessions.exists() and not sessions.is_dir():
        print(_said(language, "cli.not_a_folder", folder=sessions), file=sys.stderr)
        return 1
    return _run_tui(sessions, None, command == "new", language, theme=_theme(args))


def _theme(args: argparse.Namespace) -> str | None:
    """The theme asked for: --theme, else $DTWORKSHOP_THEME, else None (the default). One
    that is not there is said in the TUI, which goes on with the default."""
    return getattr(args, "theme", None) or os.environ.get(ENV_THEME, "").strip() or None


def _language(parser: argparse.ArgumentParser, given: str | None) -> str:
    if given:
        return given
    value = os.environ.get(ENV_LANG, "").strip()
    if not value:
        return "da"
    if value not in LANGUAGES:
        parser.error(f"${ENV_LANG} is {value!r}; expected one of: {', '.join(LANGUAGES)}")
    return value


def _said(language: str, key: str, **params: object) -> str:
    """Label `key` of the CLI in `language`, each value of `params` shown harmlessly."""
    from dtworkshop.core.labels import Labels
    from dtworkshop.core.text import visible

    return Labels(language)(key, **{name: value if isinstance(value, int) else visible(str(value))
                                    for name, value in params.items()})


def _sessions_dir(given: str | None) -> Path:
    value = given or os.environ.get(ENV_SESSIONS, "").strip() or "sessions"
    return Path(value).expanduser()


def _follow_up(parser: argparse.ArgumentParser, args: argparse.Namespace, language: str) -> int:
    """`new --from FILE [--title T] [--date D]`: make the follow-up session at once (with
    --title) and print its path, or open the TUI's new-session form filled in."""
    from dtworkshop.core.follow_up import follow_up
    from dtworkshop.core.session import id_base
    from dtworkshop.core.types import typed_day
    from dtworkshop.storage.errors import SessionFileError, reason
    from dtworkshop.storage.files import create_session
    from dtworkshop.storage.reader import read_session

    if not args.follow:
        parser.error("--title and --date need --from FILE")
    day = None
    if args.date is not None and (day := typed_day(args.date)) is None:
        parser.error(f"--date: {args.date!r} is not a date like 2027-01-31 or 31.1.2027")
    if args.title is not None and not args.title.strip():
        parser.error("--title: a session needs a title")
    path = Path(args.follow).expanduser()
    try:
        earlier = read_session(path)
    except SessionFileError as exc:
        print(exc.said(language), file=sys.stderr)
        return 1
    given = getattr(args, "sessions", None)
    folder = Path(given).expanduser() if given else path.absolute().parent
    if folder.exists() and not folder.is_dir():
        print(_said(language, "cli.not_a_folder", folder=folder), file=sys.stderr)
        return 1
    if args.title is None:
        return _run_tui(folder, None, True, language, theme=_theme(args),
                        follow=(path.absolute(), day))
    session = follow_up(earlier, "session", title=args.title.strip(), day=day)
    session.id = id_base(session.day, session.organisation, session.title)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        made = create_session(session, folder)
    except (OSError, SessionFileError) as exc:
        why = exc.said(language) if isinstance(exc, SessionFileError) else reason(exc, language)
        print(_said(language, "cli.cannot_write", target=folder, reason=why), file=sys.stderr)
        return 1
    print(made)
    return 0


def _run_tui(sessions_dir: Path, open_path: Path | None, start_new: bool, language: str,
             *, read_only: bool = False, theme: str | None = None,
             follow: tuple[Path, object] | None = None, presenter: bool = False) -> int:
    """Start the Textual app (`presenter`: the presenter view of `open_path`; `follow`: the
    new-session form for a follow-up of a file); imported here so the other commands never
    load Textual."""
    import gc

    from dtworkshop.ui.app import WorkshopApp

    # The modules' classes and functions live as long as the process: frozen, the garbage
    # collector no longer walks them (a full collection at start took 17-20 ms).
    gc.freeze()
    app = WorkshopApp(
        sessions_dir=sessions_dir, open_path=open_path, start_new=start_new, language=language,
        read_only=read_only, theme=theme, follow=follow, presenter=presenter,
    )
    app.run()
    return app.return_code or 0


def _validate(files: list[str], out: TextIO, err: TextIO, language: str) -> int:
    from dtworkshop.storage.errors import SessionFileError
    from dtworkshop.storage.reader import read_session

    status = 0
    for name in files:
        path = Path(name)
        try:
            read_session(path)
        except SessionFileError as exc:
            status = 1
            out.flush()  # keep the lines in file order when both streams go to one place
            print(exc.said(language), file=err, flush=True)
        else:
            print(f"{path}: ok", file=out)
    return status


def _show(name: str, language: str) -> int:
    from dtworkshop.report import render_text
    from dtworkshop.storage.errors import SessionFileError
    from dtworkshop.storage.reader import read_session

    try:
        session = read_session(name)
    except SessionFileError as exc:
        print(exc.said(language), file=sys.stderr)
        return 1
    _write(render_text(session))
    return 0


def _write(text: str) -> None:
    """`text` to stdout, whatever the terminal's encoding, quietly when the reader leaves."""
    try:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")  # e.g. "å" on a latin-1-only terminal
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `dtworkshop show x | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _export(name: str, fmt: str, output: str | None, language: str) -> int:
    from dtworkshop.export import export
    from dtworkshop.storage.errors import SessionFileError, reason
    from dtworkshop.storage.files import write_atomic
    from dtworkshop.storage.reader import read_session

    try:
        session = read_session(name)
    except SessionFileError as exc:
        print(exc.said(language), file=sys.stderr)
        return 1
    language = session.language  # what goes wrong from here concerns this session's export
    # UTF-8 whatever the locale says: the page declares it, and "å" must survive a pipe.
    data = export(session, fmt).encode("utf-8")
    if output is None or output == "-":
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # `dtworkshop export x | head`
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    target = Path(output)
    try:
        same = target.exists() and os.path.samefile(target, name)
    except OSError:
        same = False
    if same:
        print(_said(language, "cli.export_is_session", target=target, name=name),
              file=sys.stderr)
        return 2
    if target.is_dir():
        print(_said(language, "cli.export_to_folder", target=target), file=sys.stderr)
        return 1
    try:
        write_atomic(target, data)
    except OSError as exc:
        print(_said(language, "cli.cannot_write", target=target,
                    reason=_lower(reason(exc, language))), file=sys.stderr)
        return 1
    return 0


def _lower(text: str) -> str:
    """A reason ("Adgang nægtet") for the middle of a sentence ("kan ikke skrives: adgang
    nægtet")."""
    return text[:1].lower() + text[1:]


def _restore(name: str, language: str) -> int:
    from dtworkshop.core.text import visible
    from dtworkshop.lock import SessionLock, LockedError
    from dtworkshop.storage.errors import SessionFileError, problem_text, reason
    from dtworkshop.storage.files import backup_path, restore_backup
    from dtworkshop.storage.reader import read_session

    path = Path(name)
    try:
        # The file itself must exist (it may be bad: the backup may help); when it can be
        # read, what is said is said in its language.
        language = read_session(path).language
    except SessionFileError as exc:
        if not path.is_file():
            print(exc.said(language), file=sys.stderr)
            return 1
    backup = backup_path(path)
    if not backup.is_file():
        print(_said(language, "cli.no_backup", path=path, backup=backup.name), file=sys.stderr)
        return 1
    try:
        lock = SessionLock.acquire(path)
    except LockedError as exc:
        holder = exc.holder
        who = (_said(language, "cli.holder", user=holder.user, host=holder.host, pid=holder.pid)
               if holder else _said(language, "cli.someone"))
        print(_said(language, "cli.open_elsewhere", path=path, who=who), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{visible(str(path))}: {reason(exc, language)}", file=sys.stderr)
        return 1
    try:
        session = restore_backup(path)
    except SessionFileError as exc:
        message = problem_text(exc.message, exc.key, exc.params, language)
        print(_said(language, "cli.bad_backup", backup=backup, message=message),
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{visible(str(path))}: {reason(exc, language)}", file=sys.stderr)
        return 1
    finally:
        lock.release()
    when = session.updated.astimezone().strftime("%Y-%m-%d %H:%M")
    print(_said(session.language, "cli.restored", path=path, when=when))
    return 0


# ---------------------------------------------------------------- list, decisions, diff


def _review(command: str, args: argparse.Namespace, language: str) -> int:
    """`list` and `decisions`: the sessions folder through its index. A session's own words
    (its counts, OVERDUE) are in its language, the folder's troubles in `language`."""
    from dtworkshop import review
    from dtworkshop.core.text import visible
    from dtworkshop.index.loading import load_index
    from dtworkshop.storage.errors import reason

    folder = _sessions_dir(getattr(args, "sessions", None))
    if not folder.exists():
        print(_said(language, "cli.no_folder", folder=folder), file=sys.stderr)
        return 1
    if not folder.is_dir():
        print(_said(language, "cli.not_a_folder", folder=folder), file=sys.stderr)
        return 1
    try:
        index = load_index(folder)
    except OSError as exc:
        print(_said(language, "cli.folder_unreadable", folder=folder,
                    reason=_lower(reason(exc, language))), file=sys.stderr)
        return 1

    if command == "list":
        rows = review.sessions(index, org=args.org)
        out = review.sessions_json(index, rows) if args.json else review.sessions_text(rows)
    else:
        today = args.today or dt.date.today()
        rows = review.decisions(index, today, org=args.org, owner=args.owner,
                                overdue_only=args.overdue, status=args.status)
        out = (review.decisions_json(index, rows, today) if args.json
               else review.decisions_text(rows))
    if not args.json:
        for entry in index.problems():
            said = entry.error.said(language)
            print(visible(f"{index.path(entry)}:{said}" if entry.error.where
                          else f"{index.path(entry)}: {said}"), file=sys.stderr)
    _write(out)
    return 0


def _diff(a: str, b: str, *, as_json: bool, language: str) -> int:
    from dtworkshop import review
    from dtworkshop.core.compare import compare
    from dtworkshop.storage.errors import SessionFileError
    from dtworkshop.storage.reader import read_session

    sessions = []
    for name in (a, b):
        try:
            sessions.append(read_session(name))
        except SessionFileError as exc:
            print(exc.said(language), file=sys.stderr)
            return 2
    changes = compare(*sessions)
    _write(review.diff_json(a, b, changes) if as_json
           else review.diff_text(a, b, changes, language))
    return 1 if changes else 0
