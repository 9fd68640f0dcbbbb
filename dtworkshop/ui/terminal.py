"""Terminal input that no byte can end: bytes that are not UTF-8 become U+FFFD.

Textual's `LinuxDriver.run_input_thread` (Textual 8.x) decodes what the terminal sends with
`codecs.getincrementaldecoder("utf-8")()`, which is strict: one byte that is not UTF-8 (a
terminal in another encoding, a paste cut off mid-character, `tmux send-keys -H e6`) raises
UnicodeDecodeError in the input thread, and the app ends with a traceback, losing the keys
typed since the last autosave and leaving its lock behind. Upstream this is
https://github.com/Textualize/textual/issues/6456 (open; the fixes proposed pass
`errors="replace"`, as done here).

Copying `run_input_thread` into a driver subclass would mean carrying a copy of Textual's
input loop; instead the one name that loop looks up, `getincrementaldecoder` in
`textual.drivers.linux_driver`'s namespace, is replaced by one that makes replacing
decoders. Everything else about reading keys stays Textual's.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable

__all__ = ["lenient_decoders", "replacing_decoder"]


def replacing_decoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder(encoding)`, but the decoders it makes replace what
    cannot be decoded with U+FFFD instead of raising (`errors="replace"` unless the caller
    passes its own `errors`). Raises LookupError for an unknown encoding, as codecs does."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def lenient_decoders() -> bool:
    """Make Textual's Linux terminal driver decode its input with `replacing_decoder`.

    Idempotent. Returns False (and changes nothing) where that driver cannot be imported
    (Windows) or no longer looks the decoder up by that name (a Textual that changed its
    input loop: then the tests of odd bytes in a pseudo-terminal say whether it still
    needs this)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # no termios: Windows
        return False
    if not hasattr(linux_driver, "getincrementaldecoder"):
        return False
    linux_driver.getincrementaldecoder = replacing_decoder  # type: ignore[attr-defined]
    return True
