"""Textual's own words in a Danish session (issue 14): the command palette's placeholder and
its own commands, "No matches found", the footer of an open dropdown, the keys panel, the
ctrl+c hint; each still doing what it did, and following the session when its language is
switched. And every word of a key Textual or the app describes has its Danish."""

from __future__ import annotations

import ast
import inspect
import textwrap
from pathlib import Path

import textual.widgets
from textual.app import App
from textual.command import CommandInput, CommandList, CommandPalette
from textual.dom import DOMNode
from textual.widgets import HelpPanel, Select
from textual.widgets._footer import FooterKey
from textual.widgets._select import SelectCurrent, SelectOverlay

import dtworkshop
import dtworkshop.ui.app  # noqa: F401 (every Screen and widget of the app defined)
from dtworkshop.core.labels import Labels
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.textual_words import said
from tests.conftest import settled, until
from tests.test_app import SIZE
from tests.test_browser import MORS
from tests.test_keys_land import notices
from tests.test_locks import command_found

TEXTUAL_COMMANDS = {"Quit", "Keys", "Theme", "Screenshot", "Maximize", "Minimize"}
"""Textual's own commands in the palette, as Textual names them."""


def palette_prompts(app: WorkshopApp) -> list[str]:
    """The commands the open palette lists (title and help of each)."""
    found = app.screen.query_one(CommandList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


async def open_palette(pilot, typed: str = "", found: str = "") -> None:
    """ctrl+p, then `typed`; wait until the palette lists its commands (with `found`, until
    the command highlighted is that one)."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette)
                and app.screen.query_one(CommandList).option_count > 0, "the palette's list")
    if typed:
        await pilot.press(*typed)
        await until(pilot, lambda: command_found(app, found), f"the palette found {found!r}")


def no_matches(app: WorkshopApp) -> str | None:
    """What the open palette says when nothing is found (None while it says nothing)."""
    found = app.screen.query_one(CommandList)
    try:
        option = found.get_option(CommandPalette._NO_MATCHES)
    except Exception:  # not (yet) there
        return None
    return str(option.prompt.renderable)


def footer_words(app: WorkshopApp) -> list[str]:
    """The descriptions the footer of the screen showing shows."""
    return [key.description for key in app.screen.query(FooterKey)]


async def test_the_palette_speaks_danish_and_its_textual_commands_still_work(
        examples: Path) -> None:
    """In a Danish session the palette asks "Søg efter kommandoer…" and lists Textual's own
    commands in Danish (none in English); "Taster" opens the keys panel (its keys in Danish),
    "Tema" Textual's theme picker, and "Afslut" ends the app."""
    app = WorkshopApp(sessions_dir=examples, open_path=examples / MORS)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None and app.screen.focused is not None,
                    "the session open")
        await open_palette(pilot)
        assert app.screen.query_one("CommandInput").placeholder == "Søg efter kommandoer…"
        titles = [prompt.split("\n")[0] for prompt in palette_prompts(app)]
        for danish in ("Taster", "Tema", "Skærmbillede"):
            assert danish in titles, titles
        # Quit is found by a search ("afslut", below), not listed first, where an Enter
        # typed ahead after ctrl+p would end the app.
        assert titles[0].startswith("Eksportér") and "Afslut" not in titles, titles
        assert not TEXTUAL_COMMANDS & set(titles), titles
        shown = "\n".join(palette_prompts(app))
        assert "Vis hjælp til feltet i fokus" in shown and "Show help" not in shown

        await pilot.press(*"zzzq")  # a search that finds nothing says so in Danish
        await until(pilot, lambda: no_matches(app) == "Ingen kommandoer fundet",
                    "no command found, in Danish")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, CommandPalette), "palette closed")

        await open_palette(pilot, "taster", "Taster")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query(HelpPanel), "the keys panel open")
        await settled(pilot)
        table = app.screen.query_one("BindingsTable").render_bindings_table()
        described = " | ".join(str(cell) for cell in table.columns[1]._cells)
        assert "Afslut" in described and "Quit" not in described, described

        await open_palette(pilot, "tema", "Tema")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette)
                    and app.screen.query_one("CommandInput").placeholder == "Søg efter temaer…",
                    "the theme picker open, in Danish")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, CommandPalette), "picker closed")

        await open_palette(pilot, "afslut", "Afslut")
        await pilot.press("enter")
        await until(pilot, lambda: app.return_code is not None, "the app ended by Afslut")


async def test_an_open_dropdown_says_esc_in_the_sessions_language_and_follows_a_switch(
        examples: Path) -> None:
    """An open dropdown's footer says "esc Luk menuen" in a Danish session; switched to
    English on the session's details, it says "Dismiss menu", and the palette is English
    again (its placeholder and Textual's commands)."""
    app = WorkshopApp(sessions_dir=examples, open_path=examples / MORS)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.document is not None and app.screen.focused is not None,
                    "the session open")
        await pilot.press("ctrl+g", "s")
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen",
                    "the session's details")
        app.screen.query_one("#language", Select).focus()
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query_one("#language", Select).expanded,
                    "the language dropdown open")
        await until(pilot, lambda: "Luk menuen" in footer_words(app), "esc Luk menuen")
        assert "Dismiss menu" not in footer_words(app)

        await pilot.press("down", "enter")  # Dansk → English
        await until(pilot, lambda: app.document.session.language == "en", "English chosen")
        await until(pilot, lambda: type(app.screen).__name__ == "DetailsScreen"
                    and app.screen.query("#language"), "the details drawn anew")
        app.screen.query_one("#language", Select).focus()
        await pilot.press("enter")
        await until(pilot, lambda: "Dismiss menu" in footer_words(app), "esc Dismiss menu")
        await pilot.press("escape")
        await open_palette(pilot)
        assert app.screen.query_one("CommandInput").placeholder == "Search for commands…"
        titles = [prompt.split("\n")[0] for prompt in palette_prompts(app)]
        assert {"Keys", "Theme"} <= set(titles) and "Quit" not in titles, titles


async def test_ctrl_c_with_nothing_to_copy_says_how_to_quit_in_danish(examples: Path) -> None:
    """ctrl+c on the session list (Textual's hint that it does not quit) in Danish."""
    app = WorkshopApp(sessions_dir=examples, language="da")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "BrowserScreen"
                    and app.screen.focused is not None, "the session list")
        await pilot.press("ctrl+c")
        await until(pilot, lambda: any("for at afslutte appen" in n for n in notices(app)),
                    "the hint, in Danish")
        assert app.is_running
        assert not any("to quit the app" in n for n in notices(app))


def test_every_key_the_app_describes_has_its_danish() -> None:
    """Every description and tooltip of a key of Textual's widgets and of the app's own
    Screens and widgets (what the footer and the keys panel show), and the title and help of
    each of Textual's palette commands, has its Danish words: words Textual adds in a later
    version fail here until they are in labels/textual-*.toml."""
    classes, pending = {DOMNode}, [DOMNode]
    while pending:  # every class of Textual and of the app loaded above
        for sub in pending.pop().__subclasses__():
            if sub not in classes:
                classes.add(sub)
                pending.append(sub)
    # The app's classes with all they are made of, the widgets of Textual the app imports,
    # and what Textual's own widgets and palette are built of.
    used = {base for cls in classes if cls.__module__.startswith("dtworkshop")
            for base in cls.__mro__ if isinstance(base, type) and issubclass(base, DOMNode)}
    for path in Path(dtworkshop.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets":
                used |= {getattr(textual.widgets, alias.name) for alias in node.names}
    used |= {SelectOverlay, SelectCurrent, CommandInput, CommandList, App}
    assert len(used) > 40
    da = Labels("da")
    untranslated = {(cls.__name__, words)
                    for cls in used
                    if cls._merged_bindings is not None
                    for bindings in cls._merged_bindings.key_to_bindings.values()
                    for binding in bindings
                    for words in (binding.description, binding.tooltip)
                    if words and said(words, da) == words}
    assert untranslated == set(), sorted(untranslated)

    source = textwrap.dedent(inspect.getsource(App.get_system_commands))
    commands = [[arg.value for arg in call.args[:2]]
                for call in ast.walk(ast.parse(source))
                if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "SystemCommand"]
    assert {title for title, _ in commands} >= {"Quit", "Keys", "Theme"}
    missing = [words for command in commands for words in command if said(words, da) == words]
    assert missing == []
