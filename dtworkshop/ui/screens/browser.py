"""The session browser: every session in the sessions folder, the screen the app starts on.

The folder is read through the index (`dtworkshop.index`) in a thread: rows from the cache
appear at once, freshly parsed files join as they are read, so a cold folder of thousands of
sessions shows its first rows long before it is complete. Filtering and sorting work on the
index's summaries; nothing is parsed again for them.

This module is the screen: its widgets and keys, reading the folder, and following the
filters. Its rows, filters and sort orders are in `dtworkshop.index.browsing`, the table's
columns and cells in `browser_table`, the folder read while the app starts in
`dtworkshop.index.preload`, and why it is not drawn under a session in `covered`.
"""

from __future__ import annotations


import datetime as dt
import time
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.validation import Function
from textual.widgets import Input, Label, Select, Static

from dtworkshop.core.labels import Labels
from dtworkshop.core.text import danish_order, visible
from dtworkshop.index.browsing import (
    FIRST_SORT,
    FIRST_SORT_KEY,
    SORT_VALUES,
    Item,
    in_order,
    passes,
    typed_date,
)
from dtworkshop.index.cache import has_cache
from dtworkshop.index.loading import load_index
from dtworkshop.index.model import Entry, LoadCancelled
from dtworkshop.index.preload import SORT_OFF_THREAD
from dtworkshop.index.workers import prepare_workers
from dtworkshop.ui.screens.browser_table import (
    COLUMNS,
    column_widths,
    header,
    row_cells,
    row_detail,
)
from dtworkshop.ui.screens.covered import CoveredScreen
from dtworkshop.ui.screens.form import MovesFocusAtOnce, TellsDroppedKeys, settle
from dtworkshop.ui.widgets.choice import Choice
from dtworkshop.ui.widgets.literal import LiteralInput
from dtworkshop.ui.widgets.long_table import LongTable
from dtworkshop.ui.widgets.footer import KeyFooter, explain

SEARCH_DELAY = 0.15
"""Seconds of no typing before the list follows the search text (a folder may be large)."""

RESORT_EVERY = 1.0
"""Seconds between sorting the list while a folder read for the first time comes in."""


class BrowserScreen(MovesFocusAtOnce, TellsDroppedKeys, CoveredScreen):
    """Every session of the folder with title, organisation, date, language, number of
    decisions and of open warnings; sort by any column, filter by organisation and date
    range, search all text. Enter opens a session, v opens it to look only (read-only).

    Files that cannot be read are listed after the good ones with their reason, and never
    stop the rest from opening.
    """

    AUTO_FOCUS = "#sessions"
    """The list, from the first frame: keys typed as the app starts (`n` and a title) are
    the list's keys, not a search (Textual's default focuses the first field, the search,
    until on_mount's focus came a turn later)."""

    def __init__(self, folder: Path, labels: Labels) -> None:
        super().__init__()
        self.folder = folder
        self.t = labels
        self.entries: dict[str, Entry] = {}
        self.listings: list[Item] = []
        self.sort_key, self.reverse = FIRST_SORT_KEY
        self.marked: Path | None = None
        self._return_to: Path | None = None
        self._left_for: Path | None = None  # the app's last session when this was last shown
        self._search_timer: Timer | None = None
        self._loading = False
        self._laid_out = 0  # the title column's width the columns were made for
        self._built = False  # see compose
        t = labels
        bind = self._bindings.bind
        # Priority, as the letters below: the session opens (or its lock question comes)
        # before the keys typed after Enter are handled, so they wait for what opens.
        bind("enter", "open_session", t("app.open"), show=True, priority=True)
        # The letters are priority bindings, matched as each key arrives: otherwise Textual
        # matches them only when they come back from the table, after the keys typed with
        # them ("/rob" in one burst would sort by "r"). check_action turns them off in a
        # filter field, where they are typed.
        # The tooltip says what the key does in a sentence: F1's list shows it (ui.screens.
        # keys), the footer on a mouse's hover.
        for key, action, label, why, show in (
            ("v", "review", "list.review", "list.review_why", True),
            ("n", "new_session", "app.new_session", None, True),
            # In n's place while a session is marked (_mark); hidden (check_action) else.
            ("c", "compare", "list.compare", "list.compare_why", True),
            ("slash", "search", "list.search", "list.search_why", True),
            ("s", "sort", "list.sort", "list.sort_why", False),  # F1: room for ^p at 80
            ("r", "reverse", "list.reverse", "list.reverse_why", False),
            ("d", "decisions", "list.decision_log", "list.decision_log_why", True),
            ("m", "mark", "list.mark", "list.mark_why", False),
            ("t", "trends", "list.trends", "list.trends_why", False),
            ("f", "follow_up", "follow_up.key", "list.follow_up_why", False),
            ("q", "quit", "app.quit", None, True),
        ):
            bind(key, action, t(label), show=show, priority=True)
            if why:
                explain(self, key, t(why))
        # Priority: an Input scrolls on Down itself. Only active in a filter field. Down keeps
        # what was typed; Escape takes it back.
        bind("escape", "clear_filter", t("list.to_table"), show=True, key_display="esc",
             priority=True)
        bind("down", "to_table", show=False, priority=True)
        # Tab and Shift+Tab at once, as in a form (FormScreen): "/egedal Tab 2026" in one
        # burst puts 2026 in the next filter, not after "egedal".
        bind("tab", "focus_next", show=False, priority=True)
        bind("shift+tab", "focus_previous", show=False, priority=True)

    def compose(self) -> ComposeResult:
        # `dtworkshop open FILE` puts the browser under the session at once: it is built when
        # it is first shown, not while the session's first frame waits for it (issue 10).
        self._built = self.in_view
        if not self._built:
            return
        t = self.t
        yield Label(Text(f" dtworkshop · {visible(str(self.folder))}"), id="title-bar")
        with Horizontal(id="filters"):
            yield LiteralInput(placeholder=t("list.search_placeholder"), compact=True, id="search")
            yield Choice([], prompt=t("list.all_organisations"), compact=True, id="org")
            # A date that is not one turns its field red (and filters nothing), not silently;
            # no length limit, which would drop a paste one character too long without a word.
            is_date = Function(lambda v: not v.strip() or typed_date(v) is not None)
            yield LiteralInput(placeholder=t("list.from"), compact=True, id="from",
                               validators=[is_date])
            yield LiteralInput(placeholder=t("list.to"), compact=True, id="to",
                               validators=[is_date])
        yield LongTable(id="sessions")
        yield Static(id="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        if not self._built:
            return
        self._columns()
        self.query_one(LongTable).focus()
        if self.app.screen is self:
            self.reload()
        # else a session was opened at once (dtworkshop open FILE): the folder is read
        # when the list is shown, not while the facilitator types.

    async def on_screen_resume(self) -> None:
        if not self.is_mounted:
            return
        if not self._built:
            if self.app.screen is not self:
                return
            await self.recompose()  # compose() now yields the browser's widgets
            self._columns()
            self.query_one(LongTable).focus()
        if self.app.last_path != self._left_for:
            # Back from a session: on the session just left. Back from the trends, the
            # decision log or a comparison: where the cursor was (it went to the session
            # opened last, not the row "t" was pressed on).
            self._return_to = self._left_for = self.app.last_path
        else:
            self._return_to = None  # one left unfound (read before the rows came), stale now
        self.reload()

    def on_resize(self) -> None:
        # Only a new width changes the columns (the rows and the cursor stay as they are).
        if (self.is_mounted and self._built
                and column_widths(self.app.size.width)["title"] != self._laid_out):
            self._columns()

    # -- reading the folder

    def reload(self) -> None:
        """Read the folder again (through the index: only changed files are parsed)."""
        if self._loading:
            return
        self._loading = True
        self._seen: set[str] = set()  # the files this load has found so far
        self._cold = not self.entries
        self._unsorted = False
        self._resort_at = time.monotonic() + RESORT_EVERY
        if self._cold and not has_cache(self.folder):
            prepare_workers()  # a folder never read before may be read by worker processes
        self._load()

    @work(thread=True, exclusive=True, group="index")
    def _load(self) -> None:
        # The first list of a large folder is sorted here, off the UI thread, when no
        # filter is set yet (the common case: the app just started).
        plain = self._cold and not any(self._filters()[1:]) and not self._filters()[0]
        sort = SORT_VALUES[self.sort_key], self.reverse
        # Set when the app ends: a cold read of thousands of files must not hold up quitting.
        cancel = getattr(self.app, "stop_loading", None)

        def batch(entries: list[Entry], listing: list[Item] | None = None) -> None:
            if cancel is not None and cancel.is_set():
                raise LoadCancelled(str(self.folder))
            if not plain:
                listing = None
            elif listing is None and len(entries) > SORT_OFF_THREAD:
                listing = in_order([Item(self.folder, e) for e in entries], *sort)
            self.app.call_from_thread(self._add, entries, listing)

        try:
            preloaded = getattr(self.app, "take_preload", lambda folder: None)(self.folder)
            if preloaded is not None:
                for entries, listing in preloaded:
                    batch(entries, listing if sort == FIRST_SORT else None)
            else:
                load_index(self.folder, on_batch=batch, cancel=cancel)
        except LoadCancelled:
            return  # the app is ending: nothing more to show
        except OSError as exc:
            self.app.call_from_thread(self._failed, exc)
        self.app.call_from_thread(self._loaded)

    def _add(self, entries: list[Entry], listing: list[Item] | None = None) -> None:
        # Entries replace the previous load's by name, so a reload does not empty the list
        # (and lose the cursor) while the changed files are read again.
        for entry in entries:
            self.entries[entry.name] = entry
            self._seen.add(entry.name)
        if listing is not None and not self.listings:
            self.listings = listing  # sorted in the loading thread
            self._set_rows()
            self._show_detail()
            self._count()
        elif self._cold and self.listings:
            # A cold folder comes in batches: add them at the end (sorted once, when all
            # are in) instead of redrawing thousands of rows for every batch.
            self._append([Item(self.folder, e) for e in entries])
        else:
            self.show_rows()

    def _append(self, items: list[Item]) -> None:
        needle, org, low, high = self._filters()
        items = [i for i in items if passes(i.entry, needle, org, low, high)]
        self.listings.extend(items)
        now = time.monotonic()
        if now >= self._resort_at:
            # Now and then in order, so the top of the list is the newest found so far,
            # not the first file read (sorting on every batch would cost more than it shows).
            self._resort_at = now + RESORT_EVERY
            self.show_rows(top=self.query_one(LongTable).cursor_row <= 0)
            self._unsorted = False
        else:
            self._unsorted = True
            self._set_rows()
            self._count()

    def _loaded(self) -> None:
        self._loading = False
        self._count()
        count = len(self.entries)
        self.entries = {name: e for name, e in self.entries.items() if name in self._seen}
        self._organisations()
        # The session just left may have been asked for after this load showed its rows
        # (back from a session while the list was still being read): found now.
        returning = self._return_to is not None
        if self._unsorted or len(self.entries) != count or not self.listings or returning:
            # In order, now that all are in (without the deleted ones); a cursor nobody
            # moved from the top stays on the top, the newest session.
            top = not returning and self._cold and self.query_one(LongTable).cursor_row <= 0
            self.show_rows(top=top)
        self._unsorted = False

    def _failed(self, exc: OSError) -> None:
        self.notify(f"{visible(str(self.folder))}: {visible(exc.strerror or str(exc))}",
                    severity="error", markup=False, timeout=15)

    # -- what is shown

    def _columns(self) -> None:
        """The header for this width and sort order (the rows and the cursor stay)."""
        widths = column_widths(self.app.size.width)
        self._laid_out = widths["title"]
        self.query_one(LongTable).set_columns(header(self.t, widths, self.sort_key, self.reverse))

    def _organisations(self) -> None:
        select = self.query_one("#org", Select)
        names = sorted({e.session.organisation for e in self.entries.values()
                        if e.session and e.session.organisation}, key=danish_order)
        current = select.value
        select.set_options([(Text(visible(n)), n) for n in names])
        if current in names:
            select.value = current

    def _filters(self) -> tuple[str, str | None, dt.date | None, dt.date | None]:
        needle = self.query_one("#search", Input).value.strip()
        org = self.query_one("#org", Select).value
        org = org if isinstance(org, str) else None
        return needle, org, typed_date(self.query_one("#from", Input).value),\
            typed_date(self.query_one("#to", Input).value)

    def _shown(self) -> list[Item]:
        needle, org, low, high = self._filters()
        good, bad = [], []
        for entry in self.entries.values():
            if not passes(entry, needle, org, low, high):
                continue
            (good if entry.session else bad).append(Item(self.folder, entry))
        return in_order(good + bad, SORT_VALUES[self.sort_key], self.reverse)

    def show_rows(self, *, top: bool = False) -> None:
        """Fill the table from the index with the filters and the sort order applied,
        keeping the cursor on the session it was on (`top`: on the first row)."""
        table = self.query_one(LongTable)
        keep = None if top else self._selected()
        keep_path = None if top else self._return_to or (keep.path if keep else self.app.last_path)
        self.listings = self._shown()
        self._set_rows()
        row = 0
        if keep_path is not None and keep_path.parent == self.folder:
            # By file name: a Path per row would cost more than the rest, on every keystroke.
            name = keep_path.name
            for i, item in enumerate(self.listings):
                if item.entry.name == name:
                    row, self._return_to = i, None
                    break
        table.move_cursor(row=row)
        self._show_detail()
        self._count()

    def _set_rows(self) -> None:
        """Show the listing (the table draws only the rows on screen, see LongTable)."""
        needle = self._filters()[0]
        self.query_one(LongTable).set_rows(
            self.listings, lambda item: row_cells(item, needle, self.t, self.marked))

    def _count(self) -> None:
        good = sum(1 for i in self.listings if i.session)
        total = sum(1 for e in self.entries.values() if e.session)
        label = self.t("list.count", shown=good, total=total) if good != total else \
            self.t("list.count_all", total=total)
        bad = len(self.entries) - total
        if bad:  # listed after the good ones (End), each with its reason
            label += " · " + self.t("list.unreadable", n=bad)
        if self._loading:
            label += " …"  # more to come
        self.query_one("#title-bar", Label).update(
            Text(f" dtworkshop · {visible(str(self.folder))} · {label}"))

    def on_long_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        item = self._selected()
        if item is None:
            if self._loading:
                detail.update(Text(self.t("list.reading", folder=visible(str(self.folder))),
                                   style="dim"))
            elif self.entries:
                detail.update(Text(self.t("list.none_match"), style="dim"))
            else:
                detail.update(Text(self.t("app.no_sessions", folder=visible(str(self.folder)))))
            return
        detail.update(row_detail(item, self._filters()[0], self.t))

    def _selected(self) -> Item | None:
        table = self.query_one(LongTable)
        if not self.listings or table.row_count == 0:
            return None
        return self.listings[min(table.cursor_row, len(self.listings) - 1)]

    # -- filters

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.show_rows)

    @on(Select.Changed, "#org")
    def _org_chosen(self) -> None:
        self.show_rows()

    @on(Input.Submitted)
    async def _to_table(self) -> None:
        await self.action_to_table()

    async def action_to_table(self) -> None:
        """From a filter field to the list (Down, Enter), filtered by what was typed.

        The list follows the search only once typing pauses: leaving the field shows it at
        once, so that Enter typed right after opens a session the filter lets through.
        """
        await settle(self)  # what was typed before Down is in the field, all of it
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        self.show_rows()  # (the field's last Changed may not have reached this screen yet)
        self.set_focus(self.query_one(LongTable))

    async def action_clear_filter(self) -> None:
        """Escape in a filter: empty a text field, and go back to the list. An organisation
        chosen in the dropdown stays chosen: it was chosen with Enter, not typed on the way."""
        await settle(self)  # else a letter typed before Escape would land after it
        field = self.focused
        if isinstance(field, Input) and field.value:
            field.value = ""  # its Changed message starts the search timer: flushed below
            if self._search_timer is not None:
                self._search_timer.stop()
            self._search_timer = None
            self.show_rows()
        self.set_focus(self.query_one(LongTable))

    def _in_a_filter(self) -> bool:
        focused = self.focused
        return focused is not None and any(
            isinstance(node, (Input, Select)) for node in focused.ancestors_with_self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letters are keys only in the table; in the filter fields (and an open list of
        # organisations) they are typed.
        if action in ("focus_next", "focus_previous"):
            return True
        if action == "open_session" and self.focused is not None and any(
                isinstance(node, Select) for node in self.focused.ancestors_with_self):
            return False  # Enter in the organisations' list picks one
        if self._in_a_filter():
            # Down and Escape leave a text field; Escape leaves the organisations' dropdown
            # too, where Down opens it; in its open list they move and close it.
            return action == "open_session" or (action in ("to_table", "clear_filter")
                                                and isinstance(self.focused, Input)) or (
                action == "clear_filter" and isinstance(self.focused, Select))
        if action in ("to_table", "clear_filter"):
            return False
        if action == "compare":
            return self.marked is not None
        return True

    # -- actions

    async def action_quit(self) -> None:
        await self.app.action_quit()

    def action_search(self) -> None:
        # set_focus, not focus(): focus() waits a turn, and the next typed key may be here
        # already (a fast typist, a slow link), and "r" would reverse the list.
        self.set_focus(self.query_one("#search", Input))

    def action_sort(self) -> None:
        """Sort by the next column (s); the date sorts newest first, the rest A to Z."""
        self.sort_key = COLUMNS[(COLUMNS.index(self.sort_key) + 1) % len(COLUMNS)]
        self.reverse = self.sort_key in ("date", "decisions", "warnings")
        self._columns()
        self.show_rows()

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._columns()
        self.show_rows()

    def on_long_table_header_selected(self, event: LongTable.HeaderSelected) -> None:
        key = event.column_key
        if key == self.sort_key:
            self.reverse = not self.reverse
        else:
            self.sort_key = key
            self.reverse = key in ("date", "decisions", "warnings")
        self._columns()
        self.show_rows()

    async def on_long_table_row_selected(self, event: LongTable.RowSelected) -> None:
        event.stop()
        await self.action_open_session()

    async def _openable(self) -> Item | None:
        # The cursor moves typed before the key that reads it (m, Down, c in one burst) are
        # in the table first: the letters are priority bindings, run as they arrive.
        await settle(self)
        item = self._selected()
        if item is not None and item.error:
            self.notify(visible(item.error_in(self.t.language)), severity="error", markup=False)
            return None
        return item

    async def action_open_session(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(self.query_one(LongTable))
            return
        item = await self._openable()
        if item is not None:
            self.app.open_session(item.path)

    async def action_review(self) -> None:
        """Open the session to look only: read-only, nothing written, no lock."""
        item = await self._openable()
        if item is not None:
            self.app.open_session(item.path, read_only=True)

    def action_new_session(self) -> None:
        self.app.action_new_session()

    async def action_follow_up(self) -> None:
        """A new session following up the one selected (f): the new-session dialog, filled
        in from it (see `WorkshopApp.follow_up_file`)."""
        item = await self._openable()
        if item is not None and item.session is not None:
            self.app.follow_up_file(item.path)

    def action_decisions(self) -> None:
        self.app.show_decision_log()

    async def action_mark(self) -> None:
        """Mark this session as the first of two to compare (m; again: unmarked); a notice
        says what to do next, and the footer shows c (`_mark`)."""
        item = await self._openable()
        if item is not None:
            self._mark(None if self.marked == item.path else item.path)
            if self.marked is not None:
                title = visible(item.session.title if item.session else item.path.name)
                self.notify(self.t("list.marked", title=title), markup=False)

    def _mark(self, path: Path | None) -> None:
        """Mark `path` (None: none) as the first of two to compare: its row shows ●, and
        the footer trades "n Ny session" for "c Sammenlign" (80 columns hold one of them;
        n still works, and F1 lists it)."""
        self.marked = path
        self._show_key("n", path is None)
        self.refresh_bindings()
        self.show_rows()

    def _show_key(self, key: str, show: bool) -> None:
        """Show (or hide) `key`'s binding on the footer; it stays a key either way."""
        bindings = self._bindings.key_to_bindings[key]
        bindings[:] = [replace(binding, show=show) for binding in bindings]

    async def action_compare(self) -> None:
        """Compare the marked session with this one (c), the earlier workshop as A, the
        later as B, whichever was marked (a change reads from before to after); the mark
        is then let go."""
        item = await self._openable()
        if item is None or self.marked is None:
            return
        if item.path == self.marked:
            self.notify(self.t("list.compare_other"), markup=False)
            return
        marked = next((i for i in self.listings if i.path == self.marked), None)
        a, b = self.marked, item.path
        if (marked is not None and marked.session is not None and item.session is not None
                and marked.session.day > item.session.day):
            a, b = b, a
        self._mark(None)
        self.app.show_compare(a, b)

    async def action_trends(self) -> None:
        item = await self._openable()
        if item is not None and item.session is not None:
            self.app.show_trends(item.session.organisation)


