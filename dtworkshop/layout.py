"""Saving a session file a person wrote by hand without losing what they wrote.

`storage.dumps` lays every file out the same way and knows nothing of comments: saving a
file written by hand with it drops its comments and reflows its inline arrays and blank
lines, so that one changed field shows as many hunks in `git diff`. `keep_layout` instead
edits the file as it is on disk (parsed with tomlkit, which keeps every byte it is not told
to change): only the keys whose values changed are written, each as `storage.dumps` writes
it; comments, blank lines and the layout of everything else stay byte for byte. It is slower
than `dumps` (tomlkit is pure Python), so `Document` takes this way only for files that hold
something `dumps` would not write the same. No Textual imports here.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array, InlineTable, Item, Table, Whitespace

from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.reader import decode_session
from dtworkshop.storage.toml_writer import _CR, _emit_table, _key_value, _string, dumps

_BOM = b"\xef\xbb\xbf"


def written_by_hand(data: bytes, path: Path | str) -> bool:
    """True when the session file bytes `data` hold something `storage.dumps` would not
    write the same (comments, inline arrays, blank lines, another key order), so that a save
    by `dumps` would change more than the values that changed. False for a file that does not
    read as a session (nothing to keep: the app writes its own file)."""
    try:
        return dumps(decode_session(data, path)) != data
    except SessionFileError:
        return False


def keep_layout(disk: bytes, new: bytes, path: Path | str) -> bytes | None:
    """The session file `disk` (as it is on disk) changed to hold the session that `new`
    (`storage.dumps` of it) holds, changing only the lines of keys whose values differ.
    One call of `KeptLayout.update` (see there); None when the caller should write `new`."""
    return KeptLayout().update(disk, new, path)


class KeptLayout:
    """One session file written by hand, as tomlkit holds it, saved again and again.

    Parsing the file with tomlkit costs several times what the rest of a save does (pure
    Python: about 0.2 s for 130 KB), so the parsed file is kept from one save to the next,
    as long as the file on disk is what the last `update` made of it.
    """

    def __init__(self) -> None:
        self._made: bytes | None = None  # what the last update returned
        self._doc: Any = None  # it, parsed
        self._tree: dict[str, Any] | None = None  # the session it holds, as tomllib reads it

    def update(self, disk: bytes, new: bytes, path: Path | str) -> bytes | None:
        """The session file `disk` (as it is on disk) changed to hold the session that `new`
        (`storage.dumps` of it) holds, changing only the lines of keys whose values differ.

        New values are written as `dumps` writes them; a byte-order mark is dropped and CRLF
        line ends become LF, as in every file the app writes. The result has been checked to
        read back (`storage.decode_session`, as `path`) as exactly the session `new` holds;
        None when it would not (a layout tomlkit cannot edit in place, such as a table
        spread over dotted keys), or `disk` is no session file: then the caller writes `new`
        itself. Never raises for any `disk`.
        """
        doc, old_tree, made = self._doc, self._tree, self._made
        self._made = self._doc = self._tree = None  # edited in place below: kept only if good
        try:
            new_tree = tomllib.loads(new.decode("utf-8"))
            if doc is None or old_tree is None or disk != made:
                body = disk[len(_BOM):] if disk.startswith(_BOM) else disk
                text = body.decode("utf-8").replace("\r\n", "\n")
                old_tree = tomllib.loads(dumps(decode_session(disk, path)).decode("utf-8"))
                doc = tomlkit.parse(text)
            else:
                text = made.decode("utf-8")
            ended_blank = text.endswith("\n\n")
            _patch_table(doc, old_tree, new_tree, [])
            text = doc.as_string()
            whole = ended_blank or not text.endswith("\n\n")
            if not whole:
                text = text.rstrip("\n") + "\n"  # a record added last brings its blank line
            out = text.encode("utf-8")
            if dumps(decode_session(out, path)) != new:
                return None
        except Exception:  # tomlkit's own errors are many; any of them means: write `new`
            return None
        if whole:  # the document writes `out` exactly: the next save can start from it
            self._made, self._doc, self._tree = out, doc, new_tree
        return out


def _patch_table(table: Any, old: dict[str, Any], new: dict[str, Any], name: list[str]) -> None:
    """Make the tomlkit table `table` (named `name`), which holds `old`, hold `new`."""
    for key in old:
        if key not in new:
            del table[key]
    for key, value in new.items():
        if key not in old:
            table[key] = _new_item(table, key, value, name)
        elif old[key] != value:
            _patch_value(table, key, old[key], value, name)


def _patch_value(parent: Any, key: str, old: Any, new: Any, name: list[str]) -> None:
    item = parent[key]
    if isinstance(old, dict) and isinstance(new, dict) and isinstance(item, (Table, InlineTable)):
        _patch_table(item, old, new, [*name, key])
    elif isinstance(old, list) and isinstance(new, list) and isinstance(item, (AoT, Array)):
        _patch_list(item, old, new, [*name, key])
    else:
        parent[key] = _new_item(parent, key, new, name)


def _patch_list(items: AoT | Array, old: list[Any], new: list[Any], name: list[str]) -> None:
    """Make the array (of tables) `items`, which holds `old`, hold `new`: the elements that
    stayed are kept as they are written; an element changed in place is patched, so a
    comment inside it stays."""
    matcher = difflib.SequenceMatcher(None, [repr(v) for v in old], [repr(v) for v in new],
                                      autojunk=False)
    # From the end back, so that the positions of what comes before stay as `old` has them.
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(pairs):
            _patch_element(items, i1 + offset, old[i1 + offset], new[j1 + offset], name)
        for index in reversed(range(i1 + pairs, i2)):
            del items[index]
        for offset, value in enumerate(new[j1 + pairs:j2]):
            _insert_element(items, i1 + pairs + offset, value, name)


def _patch_element(items: AoT | Array, index: int, old: Any, new: Any, name: list[str]) -> None:
    item = items[index]
    if isinstance(old, dict) and isinstance(new, dict) and isinstance(item, (Table, InlineTable)):
        _patch_table(item, old, new, name)
    elif isinstance(old, list) and isinstance(new, list) and isinstance(item, Array):
        _patch_list(item, old, new, name)
    else:
        items[index] = _element(items, new, name)


def _insert_element(items: AoT | Array, index: int, value: Any, name: list[str]) -> None:
    element = _element(items, value, name)
    if isinstance(items, AoT) and index == len(items) and index > 0:
        # The blank lines before what follows the array belong to its last element: they go
        # with the new last one, and one blank line parts it from the one before.
        above = items[index - 1]
        for blank in _take_trailing_blanks(above):
            element.value.body.append((None, blank))
        above.add(tomlkit.nl())
    items.insert(index, element)


def _take_trailing_blanks(table: Table) -> list[Whitespace]:
    """Remove the blank lines at the end of `table` and return them."""
    body = table.value.body
    blanks: list[Whitespace] = []
    while body and body[-1][0] is None and isinstance(body[-1][1], Whitespace):
        blanks.insert(0, body.pop()[1])
    return blanks


def _element(items: AoT | Array, value: Any, name: list[str]) -> Item:
    """One new element of the array `items` (named `name`), written as `dumps` writes it."""
    if isinstance(items, AoT):
        lines: list[str] = []
        _emit_table(value, name, lines, header=True, aot=True)
        return _parse("\n".join(lines).strip("\n") + "\n", name)[0]
    if isinstance(value, str):
        # As `dumps` writes a list of text: a carriage return only escaped (see _key_value).
        return tomlkit.parse(f"v = {_string(value, multiline=_CR not in value)}\n")["v"]
    return tomlkit.item(value)


def _new_item(parent: Any, key: str, value: Any, name: list[str]) -> Item:
    """The value `value` for `key` in `parent` (named `name`), written as `dumps` writes it:
    a [table] or [[array of tables]] in a table, an inline one inside an inline table."""
    inline = isinstance(parent, (InlineTable, Array))
    if not inline and (isinstance(value, dict) or _is_aot(value)):
        lines: list[str] = []
        if isinstance(value, dict):
            _emit_table(value, [*name, key], lines, header=True)
        else:
            for element in value:
                _emit_table(element, [*name, key], lines, header=True, aot=True)
        return _parse("\n".join(lines).strip("\n") + "\n\n", [*name, key])
    if inline:
        return tomlkit.item(value)
    return tomlkit.parse(_key_value(key, value) + "\n")[key]


def _parse(text: str, name: list[str]) -> Any:
    """The item named `name` in the TOML `text`."""
    node: Any = tomlkit.parse(text)
    for part in name:
        node = node[part]
    return node


def _is_aot(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)

