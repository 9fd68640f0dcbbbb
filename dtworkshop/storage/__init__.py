"""Reading, validating and writing session files, and listing a folder of them.

Files are decoded in two steps so that every error can be located: `tomllib` for the TOML
syntax (line and column), then `msgspec.convert` against `Session` for the content (dotted
key path). Keys a newer dtworkshop wrote are attached to the Structs on load and written back
unchanged on save. Saves are atomic: nothing on disk is ever half-written.

The package's modules, by what they hold:

- `storage.reader`: `read_session`, `decode_session` and the limits a file must keep
  (`SUFFIX`, `MAX_BYTES`, `MAX_DEPTH`).
- `storage.errors`: `SessionFileError` and the messages that say what is wrong and where.
- `storage.toml_writer`: `dumps`, a session as the TOML bytes of its file.
- `storage.files`: `write_atomic`, `temporary_file`, `place_new`, `save_session`,
  `create_session`, the backup (`backup_path`, `restore_backup`), `session_path`,
  `unique_id`, `list_sessions`.

Imports go files → reader → errors → toml_writer, and from each of them to
`dtworkshop.core`; never to the UI (this is the files layer). The public names are
re-exported here so that `from dtworkshop.storage import read_session` keeps working for the
tests, the benchmarks and other programs; code inside dtworkshop imports from the module
that holds the name. To replace a function in a test, replace it in the module that calls
it: `create_session` calls `storage.files.unique_id`, and replacing
`dtworkshop.storage.unique_id` changes nothing it does.
"""

from dtworkshop.storage.errors import SessionFileError
from dtworkshop.storage.files import (
    NO_HARD_LINKS,
    WINDOWS_DEVICES,
    Listing,
    backup_path,
    create_session,
    list_sessions,
    place_new,
    restore_backup,
    save_session,
    session_path,
    temporary_file,
    unique_id,
    write_atomic,
)
from dtworkshop.storage.reader import MAX_BYTES, MAX_DEPTH, SUFFIX, decode_session, read_session
from dtworkshop.storage.toml_writer import dumps

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "NO_HARD_LINKS",
    "SUFFIX",
    "WINDOWS_DEVICES",
    "Listing",
    "SessionFileError",
    "backup_path",
    "create_session",
    "decode_session",
    "dumps",
    "list_sessions",
    "place_new",
    "read_session",
    "restore_backup",
    "save_session",
    "session_path",
    "temporary_file",
    "unique_id",
    "write_atomic",
]
