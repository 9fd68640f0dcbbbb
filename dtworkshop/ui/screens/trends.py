"""One organisation over time: its portfolio split per unit and its business-case verdicts,
session after session (for example the same leadership team in spring and in autumn).

The folder is read through the index (`dtworkshop.index`) in a thread; the organisation's
readable sessions are then read in full (`storage.read_session`: tens of files at most, a
few milliseconds each) in the same thread, and the screen is built from them in `created`
order. Organisations are matched exactly, as the session list's organisation filter does.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich import box
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static
from textual.worker import get_current_worker

from dtworkshop.last_time import same_organisation
from dtworkshop.core.canvases.business_case import PERSPECTIVES
from dtworkshop.core.canvases.portfolio import Unit
from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.core.canvases.maturity import unit_key, unit_means
from dtworkshop.core.charts import even_bars
from dtworkshop.core.text import decimal, visible
from dtworkshop.core.types import CATEGORIES
from dtworkshop.index.loading import load_index
from dtworkshop.index.model import LoadCancelled
from dtworkshop.storage.errors import SessionFileError, reason
from dtworkshop.storage.reader import read_session
from dtworkshop.ui.screens.form import TellsDroppedKeys
from dtworkshop.ui.widgets.chart import SERIES_COLOURS, Chart, Legend, series_fill, series_fills
from dtworkshop.ui.widgets.footer import KeyFooter
from dtworkshop.ui.textual_words import SaysTextualWords

CHART_MAX_HEIGHT = 40
"""Rows at most of one unit's chart, however many sessions it shows."""

VERDICT_STYLES = {"green": "bold green", "red": "bold red", "open": "yellow"}
"""How each business-case verdict is coloured (its label says it without colour too)."""


def date_labels(sessions: list[Session]) -> list[str]:
    """One label per session, in order: the workshop's day (`Session.day`, YYYY-MM-DD), numbered "#2", "#3" … when several sessions share a day, so that every bar
    of a chart has its own label."""
    days = [s.day.isoformat() for s in sessions]
    seen: dict[str, int] = {}
    labels = []
    for day in days:
        seen[day] = seen.get(day, 0) + 1
        labels.append(day if days.count(day) == 1 else f"{day} #{seen[day]}")
    return labels


def unit_names(sessions: list[Session]) -> list[str]:
    """Every unit name in the sessions' portfolios, in order of first appearance. A unit
    is followed across sessions by its name, as `core.compare` matches units."""
    names: list[str] = []
    for session in sessions:
        for unit in session.portfolio.units if session.portfolio else []:
            if unit.name not in names:
                names.append(unit.name)
    return names


def unit_in(session: Session, name: str) -> Unit | None:
    """The first unit called `name` in `session`'s portfolio, None when it has none."""
    units = session.portfolio.units if session.portfolio else []
    return next((u for u in units if u.name == name), None)


class TrendsScreen(SaysTextualWords, TellsDroppedKeys, Screen):
    """One organisation's sessions over time, oldest first: per unit a stacked bar chart of
    its portfolio split (one bar per session, the four categories in the source's order of
    rising innovation, in percent) with the numbers below it, and a table of the business
    case's verdict, benefit and fit scores per session. With fewer than two sessions it
    says so. Arrows, PgUp/PgDn scroll; Escape goes back."""

    CSS_PATH = "trends.tcss"

    def __init__(self, folder: Path, organisation: str, labels: Labels) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.organisation = organisation
        self.t = labels
        self.sessions: list[Session] | None = None
        self._bindings.bind("escape", "back", labels("app.back"))

    def compose(self) -> ComposeResult:
        t = self.t
        name = visible(self.organisation) or t("trends.no_organisation")
        yield Label(Text(f" {t('trends.title')} · {name}", no_wrap=True, overflow="ellipsis"),
                    id="title-bar")
        with VerticalScroll(id="trends-body"):
            yield Static(Text(t("trends.reading", folder=visible(str(self.folder))), style="dim"),
                         id="trends-status")
            yield Vertical(id="trends-content")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#trends-body").focus()
        self._load()

    def action_back(self) -> None:
        self.dismiss()

    # -- reading

    @work(thread=True, exclusive=True, group="trends")
    def _load(self) -> None:
        worker = get_current_worker()
        problems: list[str] = []
        sessions: list[Session] = []
        try:
            index = load_index(self.folder, cancel=getattr(self.app, "stop_loading", None))
        except LoadCancelled:
            return  # the app is ending
        except OSError as exc:
            problems.append(f"{self.folder}: {reason(exc, self.t.language)}")
        else:
            entries = [e for e in index.sessions()
                       if same_organisation(e.session.organisation, self.organisation)]
            entries.sort(key=lambda e: (e.session.day, e.session.created, e.name))
            for entry in entries:
                if worker.is_cancelled:
                    return
                try:
                    sessions.append(read_session(index.path(entry)))
                except SessionFileError as exc:  # changed since it was indexed
                    problems.append(exc.said(self.t.language))
        # The index orders by the file's summary; a file changed meanwhile is ordered anew.
        sessions.sort(key=lambda s: (s.day, s.created))
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, sessions, problems)

    async def _loaded(self, sessions: list[Session], problems: list[str]) -> None:
        if not self.is_attached:
            return  # left before the folder was read
        self.sessions = sessions
        t = self.t
        status = Text()
        name = visible(self.organisation) or t("trends.no_organisation")
        if not sessions:
            status.append(t("trends.none", organisation=name), style="bold")
        elif len(sessions) == 1:
            status.append(t("trends.only_one", organisation=name,
                            date=sessions[0].day.isoformat()), style="bold")
        else:
            status.append(t("trends.span", n=len(sessions), organisation=name,
                            first=sessions[0].day.isoformat(),
                            last=sessions[-1].day.isoformat()))
        for problem in problems:
            status.append("\n" + visible(problem), style="red")
        self.query_one("#trends-status", Static).update(status)
        content = self.query_one("#trends-content", Vertical)
        await content.remove_children()
        if not sessions:
            return
        await content.mount_all([*self._maturity(sessions), *self._portfolio(sessions),
                                 *self._business_case(sessions)])
        # Two rows a bar and three for the axis: the chart grows with the organisation's
        # history instead of squeezing its bars together (a long one is scrolled).
        height = min(max(8, 2 * len(sessions) + 3), CHART_MAX_HEIGHT)
        for chart in content.query(Chart):
            chart.plot.styles.height = height

    # -- portfolio

    def _portfolio(self, sessions: list[Session]) -> Iterable[Widget]:
        t = self.t
        yield Static(Text(t("trends.portfolio"), style="bold"), classes="section")
        names = unit_names(sessions)
        if not names:
            yield Static(Text(t("trends.no_portfolio"), style="dim"))
            return
        key = Text()
        for n, (category, colour) in enumerate(zip(CATEGORIES, SERIES_COLOURS), start=1):
            key.append("\n" if n > 1 else "")
            key.append(series_fill(n - 1) * 2 + " ", style=f"color({colour})")
            key.append(f"{n} {t(f'category.{category}')}")
        yield Static(key, classes="key")
        days = date_labels(sessions)
        for name in names:
            yield Static(Text(visible(name) or t("common.not_set"), style="bold"), classes="unit")
            yield Chart(self._drawer(sessions, days, name), classes="unit-chart")
            yield Static(self._numbers(sessions, days, name), classes="numbers")

    def _drawer(self, sessions: list[Session], days: list[str], name: str):
        """The draw function of unit `name`'s chart: one stacked horizontal bar a session,
        oldest on top, the four categories in percent (a sum over 100 widens the axis)."""
        t = self.t
        splits = [(unit.split() if (unit := unit_in(s, name)) else [0, 0, 0, 0])
                  for s in sessions]

        def draw(plt) -> Legend:
            # plotext stacks horizontal bars bottom up: reversed, the oldest is on top.
            series = [[split[k] for split in splits[::-1]] for k in range(len(CATEGORIES))]
            plt.stacked_bar(days[::-1], series, color=list(SERIES_COLOURS),
                            marker=series_fills(len(series)), orientation="horizontal",
                            width=even_bars(plt, len(days)))
            plt.xlim(0, max(100, *(sum(split) for split in splits)))
            plt.xticks([0, 25, 50, 75, 100])
            return [(f"{n} {t(f'short_category.{c}')}", colour) for n, (c, colour)
                    in enumerate(zip(CATEGORIES, SERIES_COLOURS), start=1)]

        return draw

    def _numbers(self, sessions: list[Session], days: list[str], name: str) -> Table:
        """Unit `name`'s split as numbers, a row per session: what the bars only show
        roughly at a terminal's resolution. "–" where the session has no such unit."""
        t = self.t
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
        table.add_column(Text(t("trends.date"), style="dim"))
        for n in range(1, len(CATEGORIES) + 1):
            table.add_column(Text(str(n), style="dim"), justify="right")
        table.add_column(Text(t("report.total"), style="dim"), justify="right")
        for day, session in zip(days, sessions):
            unit = unit_in(session, name)
            if unit is None:
                table.add_row(Text(day), *[Text("–", style="dim")] * (len(CATEGORIES) + 1))
                continue
            values = [getattr(unit, c) for c in CATEGORIES]
            total = unit.total()
            table.add_row(
                Text(day),
                *[Text("–" if v is None else str(v), style="dim" if v is None else "")
                  for v in values],
                Text("–" if total is None else f"{total} %",
                     style="yellow" if total not in (None, 100) else ""),
            )
        return table

    # -- maturity

    def _maturity(self, sessions: list[Session]) -> Iterable[Widget]:
        """The organisation's maturity over time (advice 2): a row a session, a column a
        unit, each its mean 1–5 score on the maturity canvas ("–": not assessed then)."""
        t = self.t
        yield Static(Text(t("trends.maturity"), style="bold"), classes="section")
        names: dict[str, str] = {}  # unit_key -> the name as first written
        for session in sessions:
            for unit in session.maturity.units if session.maturity else ():
                if unit.name.strip():
                    names.setdefault(unit_key(unit.name), " ".join(unit.name.split()))
        if not names:
            yield Static(Text(t("trends.no_maturity"), style="dim"))
            return
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
        table.add_column(Text(t("trends.date"), style="dim"), no_wrap=True)
        for name in names.values():
            table.add_column(Text(visible(name), style="dim"), justify="right")
        for day, session in zip(date_labels(sessions), sessions):
            means = unit_means(session.maturity)
            table.add_row(Text(day), *[
                Text("–", style="dim") if (mean := means.get(key)) is None
                else Text(decimal(mean, t.language)) for key in names])
        yield Static(table, classes="numbers")
        yield Static(Text(t("trends.maturity_note"), style="dim"), classes="note")

    # -- business case

    def _business_case(self, sessions: list[Session]) -> Iterable[Widget]:
        t = self.t
        yield Static(Text(t("trends.business_case"), style="bold"), classes="section")
        if not any(s.business_case for s in sessions):
            yield Static(Text(t("trends.no_business_case"), style="dim"))
            return
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
        table.add_column(Text(t("trends.date"), style="dim"), no_wrap=True)
        table.add_column(Text(t("trends.session"), style="dim"), ratio=1)
        table.add_column(Text(t("canvas.business_case.verdict"), style="dim"))
        table.add_column(Text(t("canvas.business_case.benefit"), style="dim"))
        table.add_column(Text(t("trends.fits"), style="dim"), no_wrap=True)
        for day, session in zip(date_labels(sessions), sessions):
            title = Text(visible(" ".join(session.title.split())) or session.id)
            title.overflow = "fold"
            case = session.business_case
            if case is None:
                table.add_row(Text(day), title, Text(t("trends.not_recorded"), style="dim"),
                              Text(""), Text(""))
                continue
            fits = " ".join("–" if v is None else str(v) for v in case.fits().values())
            table.add_row(
                Text(day),
                title,
                Text(t.enum("verdict", case.verdict),
                     style=VERDICT_STYLES.get(case.verdict or "", "dim")),
                Text(t.enum("benefit", case.benefit)),
                Text(fits),
            )
        yield Static(table, classes="verdicts")
        order = ", ".join(t(f"perspective.{p}") for p in PERSPECTIVES)
        yield Static(Text(t("trends.fits_order", perspectives=order), style="dim"),
                     classes="note")
