"""Theme files (issue 14): a user's own theme in `themes/` beside the sessions or in the
config folder is offered in the palette and can be chosen; a broken one is named, with its
key, in one notice, and the app goes on in the default theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from textual.command import CommandPalette

from dtworkshop.storage.themes import ThemeFileError, read_theme
from dtworkshop.ui.app import WorkshopApp
from dtworkshop.ui.themes import DEFAULT_THEME

from tests.conftest import settled, until
from tests.test_keys_land import list_shown, notices

SIZE = (80, 24)

MINE = """\
# Egedal's colours
dark = false
primary = "#00573f"
foreground = "#111111"
background = "#fafafa"
"""


def user_themes(examples: Path) -> Path:
    """The `themes/` folder beside the sessions folder `examples`."""
    folder = examples.parent / "themes"
    folder.mkdir(exist_ok=True)
    return folder


async def choose_in_palette(pilot, name: str) -> None:
    """ctrl+p's theme list (what its Theme command opens): type `name`, Enter."""
    app = pilot.app
    app.action_change_theme()
    await until(pilot, lambda: CommandPalette.is_open(app), "the theme list")
    await pilot.press(*name, "enter")
    await until(pilot, lambda: not CommandPalette.is_open(app), "the theme list closed")


async def test_a_users_theme_beside_the_sessions_is_offered_and_chosen(examples: Path) -> None:
    (user_themes(examples) / "egedal.toml").write_text(MINE, "utf-8")
    app = WorkshopApp(sessions_dir=examples)
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        assert app.theme == DEFAULT_THEME
        # Only the themes that are checked to read well: the shipped ones and the user's.
        assert set(app.available_themes) == {"dtworkshop", "projector", "terminal-16", "egedal"}
        await choose_in_palette(pilot, "egedal")
        await until(pilot, lambda: app.theme == "egedal", "the user's theme chosen")
        assert app.current_theme.primary == "#00573f"
        assert app.screen.styles.background.hex.lower() == "#fafafa"
        await pilot.press("q")


async def test_a_theme_in_the_config_folder_is_offered(examples: Path, own_home: Path) -> None:
    folder = own_home / ".config" / "dtworkshop" / "themes"
    folder.mkdir(parents=True)
    (folder / "hjemme.toml").write_text(MINE, "utf-8")
    app = WorkshopApp(sessions_dir=examples, theme="hjemme")
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        assert app.theme == "hjemme"
        assert not notices(app)
        await pilot.press("q")


BROKEN = {
    "ukendt.toml": ('primary = "#112233"\nprimery = "#000000"\n', "primery"),
    "farve.toml": ('primary = "#ggg"\n', "primary"),
    "tom.toml": ("", None),
    "latin1.toml": ('# r\xf8d\nprimary = "#112233"\n'.encode("latin-1"), None),
    "variabel.toml": ('primary = "#112233"\n[variables]\ntext-mutd = "#ffffff"\n',
                      "variables.text-mutd"),
}


async def test_broken_theme_files_are_each_named_once_and_the_app_goes_on(examples: Path) -> None:
    folder = user_themes(examples)
    for name, (content, _) in BROKEN.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    app = WorkshopApp(sessions_dir=examples, theme="farve")
    async with app.run_test(size=SIZE) as pilot:
        await list_shown(pilot, app)
        await until(pilot, lambda: len(notices(app)) >= len(BROKEN), "a notice a file")
        said = notices(app)
        assert len(said) == len(BROKEN), said
        for name, (_, key) in BROKEN.items():
            about = [n for n in said if str(folder / name) in n]
            assert len(about) == 1, (name, said)
            if key is not None:
                assert f": {key}: " in about[0], about[0]
        # The theme asked for is one of them: its notice says so, and why.
        assert any(n.startswith(f'Temaet "farve" kan ikke bruges; bruger "{DEFAULT_THEME}": ')
                   and "farve.toml: primary: " in n for n in said), said
        assert app.theme == DEFAULT_THEME
        assert not {name.removesuffix(".toml") for name in BROKEN} & set(app.available_themes)
        # The app works on: a session opens and shows in the default theme.
        await pilot.press("enter")
        await until(pilot, lambda: app.document is not None, "a session open")
        await settled(pilot)
        await pilot.press("ctrl+q")


def test_a_theme_asked_for_that_is_nowhere_is_named_with_those_there_are(examples: Path) -> None:
    from textual.app import App

    from dtworkshop.core.labels import Labels
    from dtworkshop.ui.themes import install_themes

    app = App()
    said = install_themes(app, examples, "findes-ikke", Labels("da"))
    assert said == [f'Intet tema hedder "findes-ikke"; bruger "{DEFAULT_THEME}". '
                    "Temaer: dtworkshop, projector, terminal-16"]
    assert app.theme == DEFAULT_THEME


@pytest.mark.parametrize("content, key, words", [
    ('primary = "#12345"\n', "primary", "is not a colour"),
    ('primary = "#112233"\ndark = "yes"\n', "dark", "is not true or false"),
    ('primary = "#112233"\nvariables = 3\n', "variables", "must be a table"),
    ('primary = "#112233"\n[variables]\nblock-cursor-text-style = "blink"\n',
     "variables.block-cursor-text-style", "is not a text style"),
    ('dark = true\n', "primary", "is missing"),
    ('primary = "#112233\n', "1:19", "is not valid TOML"),
    ('primary = "#112233"\n[variables]\nborder = "red; x"\n', "variables.border", "is not a colour"),
])
def test_each_fault_of_a_theme_file_names_its_key(tmp_path: Path, content: str, key: str,
                                                  words: str) -> None:
    path = tmp_path / "mit-tema.toml"
    path.write_text(content, "utf-8")
    with pytest.raises(ThemeFileError) as caught:
        read_theme(path)
    assert caught.value.key == key
    assert str(caught.value).startswith(f"{path}: {key}: ") and words in str(caught.value)


def test_a_good_theme_file_is_read_with_its_name_and_variables(tmp_path: Path) -> None:
    path = tmp_path / "egedal.toml"
    path.write_text(MINE + '[variables]\ntext-muted = "auto 80%"\nborder = "#ffb000"\n', "utf-8")
    theme = read_theme(path)
    assert (theme.name, theme.primary, theme.dark) == ("egedal", "#00573f", False)
    assert theme.variables == {"text-muted": "auto 80%", "border": "#ffb000"}
