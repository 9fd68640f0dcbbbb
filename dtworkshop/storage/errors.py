"""`SessionFileError`, and the messages that say what is wrong with a session file and where.

`_syntax_error` turns tomllib's error into "LINE:COLUMN" and a plain hint, `_explain`
turns msgspec's validation error into a dotted key path and "expected …, got …", `_show`
writes a value as it looks in TOML. `storage.reader` raises what is made here.

Files layer: imports `dtworkshop.core` and `storage.toml_writer` (to write a key as the
file has it), never the UI.
"""

from __future__ import annotations

import ast
import datetime as dt
import errno
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from dtworkshop.core.labels import Labels
from dtworkshop.core.session import Session
from dtworkshop.core.text import decimal, visible
from dtworkshop.storage.toml_writer import _key


class SessionFileError(Exception):
    """A session file that cannot be read or does not keep the format-1 contract.

    `path` is the file, `where` is "LINE:COLUMN" for TOML syntax errors or the dotted key path
    (`portfolio.units[1].streamline`) for content errors, or "" when the whole file is at fault.
    `str()` gives one line a user can act on: `FILE:WHERE: message`, in English.

    Why a whole file cannot be read (missing, a folder, too large, not UTF-8 …) also has its
    label: `key` (`read.…`) and `params`, so that `said(language)` says it in Danish too; the
    messages about the content (TOML syntax, "expected …, got …") have none and stay English.
    Make those with `refusal`.
    """

    def __init__(self, path: Path | str, message: str, where: str = "", *, key: str = "",
                 params: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.where = where
        self.message = message
        self.key = key
        self.params = dict(params or {})
        super().__init__(str(self))

    def __str__(self) -> str:
        location = f"{self.path}:{self.where}" if self.where else f"{self.path}"
        return f"{location}: {self.message}"

    def said(self, language: str) -> str:
        """`str()` in `language` ("da" or "en"): `FILE:WHERE: message`."""
        location = f"{self.path}:{self.where}" if self.where else f"{self.path}"
        return f"{location}: {problem_text(self.message, self.key, self.params, language)}"


def refusal(path: Path | str, key: str, where: str = "", **params: Any) -> SessionFileError:
    """A SessionFileError saying label `key` (`read.…`) with `params`; its `message` is the
    English. An OSError's reason is passed as `errno` (its name, "EACCES") and `strerror`."""
    return SessionFileError(path, problem_text("", key, params, "en"), where, key=key,
                            params=params)


def problem_text(message: str, key: str, params: dict[str, Any], language: str) -> str:
    """Why a file cannot be read, in `language`: label `key` with `params` (a float as the
    language writes decimals; `errno`/`strerror` as `{reason}`), or `message` for a problem
    that has no label."""
    if not key:
        return message
    labels = Labels(language)
    values = {name: decimal(value, language) if isinstance(value, float) else value
              for name, value in params.items()}
    if "strerror" in values:
        said = labels.optional(f"oserror.{values.get('errno', '')}") or values["strerror"]
        values["reason"] = said[:1].lower() + said[1:]
    return labels(key, **values)


def reason(error: BaseException | None, language: str | None = None) -> str:
    """Why something failed, for a message that already names the file: "Permission denied",
    not "[Errno 13] Permission denied: '/long/.x.toml.tmp'" (which names a temporary file).
    With `language`, a system error the labels name (`oserror.ENOENT` …) in that language
    ("Filen eller mappen findes ikke"); the system's own words, in English, for the rest."""
    if isinstance(error, OSError) and error.strerror:
        name = errno.errorcode.get(error.errno or 0)
        said = Labels(language).optional(f"oserror.{name}") if language and name else None
        return said if said is not None else visible(error.strerror)
    return visible(str(error))


def os_params(error: OSError) -> dict[str, str]:
    """An OSError as `refusal`'s params: its errno name and the system's words."""
    return {"errno": errno.errorcode.get(error.errno or 0, ""),
            "strerror": error.strerror or str(error)}


def _line_column(text: str, pos: int) -> str:
    """"LINE:COLUMN" (from 1, columns in characters) of offset `pos` in `text`."""
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"{line}:{column}"


_SYNTAX_AT = re.compile(r"^(.*?)\s*\(at (?:line (\d+), column (\d+)|end of document)\)$", re.S)

_BAD_DATE = (
    "not a real date or time (write dates as 2027-01-31, times as 2026-11-30T09:00:00+01:00)"
)
# tomllib's message → what a facilitator can do about it
_SYNTAX_HINTS = (
    ("Unterminated string", 'a string is not closed (a closing " or """ is missing)'),
    ("Illegal character '\\n'", 'a string is not closed before the end of the line '
                                '(a closing " is missing)'),
    ("Illegal character '\\r'", "a carriage return alone ends no line; "
                                "save the file with LF or CRLF line ends"),
    ("Illegal character", "a control character that TOML does not allow in text"),
    ("Expected ']' at", "a [table] header is not closed (a ] is missing)"),
    ("Expected ']]' at", "an [[array]] header is not closed (]] is missing)"),
    ("Unclosed array", "an array is not closed (a ] is missing)"),
    ("Unclosed inline table", "an inline table is not closed (a } is missing; "
                              "inline tables must fit on one line)"),
    ("Invalid date or datetime", _BAD_DATE),
    ("Unescaped '\\'", 'a backslash inside "…" must be written \\\\ (or use \'…\')'),
    ("Invalid value", 'text must be in double quotes (title = "…")'),
    ("Expected '=' after a key", "a line without = value"),
    ("Invalid statement", "a line that is neither key = value nor a [table] header"),
    ("Cannot mutate immutable namespace", "this extends a table or array already written "
                                          "out in full as a value above"),
)
_DATE_LIKE = re.compile(r"\s*\d{4}-\d")


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError, text: str) -> SessionFileError:
    """tomllib's error at "LINE:COLUMN", its wording kept and a plain hint added."""
    match = _SYNTAX_AT.match(str(exc))
    if not match:
        return SessionFileError(path, f"TOML syntax: {exc}")
    message, line, column = match.groups()
    if line is None:  # at the end of the document: point there, and say what it likely means
        where = _line_column(text, len(text))
        hint = "the file ends in the middle of a value or [table] header: is it cut off?"
        if "string" in message or message == "Expected \"'\"":
            hint = "the file ends inside a string: is it cut off?"
        return SessionFileError(path, f"TOML syntax: {message}; {hint}", where)

    where = f"{line}:{column}"
    lines = text.split("\n")
    here = lines[int(line) - 1] if int(line) <= len(lines) else ""
    hint = next((h for prefix, h in _SYNTAX_HINTS if message.startswith(prefix)), "")
    twice = re.match(r"Cannot declare (\(.*\)) twice", message)
    if twice:
        message = f"the table [{_tuple_key(twice.group(1))}] is declared twice"
        hint = "merge the two into one"
    elif message == "Cannot overwrite a value":
        stripped = here.strip()
        if stripped.startswith("["):
            hint = f"{stripped} clashes with a key of the same name set before"
        else:
            key = stripped.split("=", 1)[0].strip()
            hint = f"{key} is set twice in the same table" if key else "a key is set twice"
    elif message.startswith("Cannot redefine namespace"):
        hint = "a dotted key redefines a table declared before"
    elif message.startswith("Expected newline or end of document"):
        value = here.split("=", 1)[1] if "=" in here else ""
        if here[int(column) - 1: int(column)] == "\r":
            hint = dict(_SYNTAX_HINTS)["Illegal character '\\r'"]
        elif _DATE_LIKE.match(value):
            hint = _BAD_DATE
        else:
            hint = ('unexpected text after the value; text must be in double quotes, '
                    'one key = value per line')
    return SessionFileError(path, f"TOML syntax: {message}" + (f"; {hint}" if hint else ""),
                            where)


def _tuple_key(text: str) -> str:
    """tomllib's key tuple `('a', 'b')` as the dotted key `a.b`."""
    try:
        parts = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    if isinstance(parts, tuple) and all(isinstance(p, str) for p in parts):
        return ".".join(_key(p) for p in parts)
    return text


_PATH_TOKEN = re.compile(r"\.([A-Za-z0-9_]+)|\[(\d+)\]")


def _explain(message: str, raw: dict[str, Any]) -> tuple[str, str]:
    """Turn msgspec's `Expected … - at `$.a.b[1]`` into ("a.b[1]", "expected …, got …")."""
    text, sep, at = message.rpartition(" - at `")  # the value quoted in `text` may hold it
    if not sep:
        text, at = message, "$"
    at = at.rstrip("`")
    tokens: list[str | int] = [
        name if name else int(index) for name, index in _PATH_TOKEN.findall(at[1:])
    ]
    missing = re.match(r"Object missing required field `(\w+)`", text)
    if missing:
        tokens.append(missing.group(1))
        return _dotted(tokens), "missing; this key is required"
    unknown = re.match(r"Object contains unknown field `([^`]*)`", text)
    if unknown:  # a table that takes only the keys it names (the timebox's [agenda])
        tokens.append(unknown.group(1))
        return _dotted(tokens), "unknown key; expected a canvas key or \"overview\""

    node = _type_at(tokens)
    expected = _describe(node)
    value = _value_at(raw, tokens)
    if _is_table_array(node) and isinstance(value, dict):  # [x] written for [[x]]
        name = _dotted(tokens)
        return name, f"expected [[{name}]] blocks (an array of tables), got one [{name}] table"
    if expected and value is not _NOTHING:
        return _dotted(tokens), f"expected {expected}, got {_show(value)}"
    return _dotted(tokens), text[:1].lower() + text[1:]


def _is_table_array(node: Any) -> bool:
    from msgspec import inspect as mi

    return isinstance(node, mi.ListType) and isinstance(_strip_none(node.item_type), mi.StructType)


def _dotted(tokens: list[str | int]) -> str:
    out = ""
    for t in tokens:
        out += f"[{t}]" if isinstance(t, int) else (f".{t}" if out else t)
    return out


_NOTHING = object()


def _value_at(raw: Any, tokens: list[str | int]) -> Any:
    for t in tokens:
        try:
            raw = raw[t]
        except (KeyError, IndexError, TypeError):
            return _NOTHING
    return raw


def _type_at(tokens: list[str | int]) -> Any:
    from msgspec import inspect as mi

    node: Any = mi.type_info(Session)
    for t in tokens:
        node = _strip_none(node)
        if isinstance(t, int) and isinstance(node, mi.ListType):
            node = node.item_type
        elif isinstance(t, str) and isinstance(node, mi.StructType):
            field = next((f for f in node.fields if f.encode_name == t), None)
            if field is None:
                return None
            node = field.type
        else:
            return None
    return _strip_none(node)


def _strip_none(node: Any) -> Any:
    from msgspec import inspect as mi

    if isinstance(node, mi.UnionType):
        rest = [t for t in node.types if not isinstance(t, mi.NoneType)]
        if len(rest) == 1:
            return rest[0]
    return node


def _describe(node: Any) -> str | None:
    from msgspec import inspect as mi

    if isinstance(node, mi.IntType):
        if node.ge is not None and node.le is not None:
            return f"int {node.ge}..{node.le}"
        if node.ge is not None:  # a tally's votes: no upper bound
            return f"int >= {node.ge}"
        return "int"
    if isinstance(node, mi.LiteralType):
        return "one of " + " | ".join(_show(v) for v in node.values)
    if isinstance(node, mi.StrType):
        return "a string" + (f" matching {node.pattern}" if node.pattern else "")
    if isinstance(node, mi.DateTimeType):
        return "an offset date-time (2026-11-30T09:00:00+01:00)"
    if isinstance(node, mi.DateType):
        return "a local date (2027-01-31)"
    if isinstance(node, mi.ListType):
        return "an array"
    if isinstance(node, mi.StructType):
        return "a table"
    return None


def _show(value: Any) -> str:
    """A value as it would look in TOML, for messages."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return str(value)
