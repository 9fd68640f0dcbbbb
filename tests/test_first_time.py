"""Issue 16: what a first-time facilitator tripped over, each kind fixed and checked here
(the export dialog's part is in tests/test_browser.py)."""

from __future__ import annotations

from pathlib import Path

from dtworkshop.ui.app import WorkshopApp
from tests.conftest import until
from tests.test_keys_land import PORTFOLIO

SIZE = (80, 24)


def shown(field) -> str:
    """The text a one-line field shows, as drawn."""
    return "".join(segment.text for segment in field.render_line(0)).strip()


async def test_an_initiatives_unit_is_offered_from_the_portfolios_units(examples: Path) -> None:
    """Typing an initiative's unit offers the portfolio's unit that starts so (→ takes it,
    in its own spelling); a unit that is none of them is still typed, and warned about."""
    from textual.widgets import Button

    from dtworkshop.ui.widgets.record_list import RecordList
    from tests.test_record_list import focus_by_tab, open_portfolio

    path = examples / PORTFOLIO
    app = WorkshopApp(sessions_dir=examples, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await open_portfolio(pilot)
        initiatives = app.screen.query_one("#initiatives", RecordList)
        count = len(app.document.session.portfolio.initiatives)
        await focus_by_tab(pilot, initiatives.query_one(".add", Button), "+ Initiativ")
        await pilot.press("enter", *"Robotter", "enter", *"forv")
        portfolio = app.document.session.portfolio
        await until(pilot, lambda: len(portfolio.initiatives) == count + 1
                    and portfolio.initiatives[-1].unit == "forv", "the unit being typed")
        unit = app.screen.focused
        await until(pilot, lambda: shown(unit) == "forvaltning A", "the first unit offered")
        await pilot.press("right")
        await until(pilot, lambda: portfolio.initiatives[-1].unit == "Forvaltning A", "taken")
        assert "initiative_unit" not in str(app.document.session.warnings())

        unit.value = ""
        await pilot.press(*"Forvaltnig B")
        await until(pilot, lambda: portfolio.initiatives[-1].unit == "Forvaltnig B", "a typo")
        warned = [w for w in app.document.session.warnings().get("portfolio", [])
                  if w.key == "warning.initiative_unit"]
        assert [w.path for w in warned] == [f"portfolio.initiatives[{count}].unit"]
        await until(pilot, lambda: "Forvaltnig B" in str(
            app.screen.query_one("#warnings").render()), "warned on the canvas")
