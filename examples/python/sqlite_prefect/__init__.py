"""sqlite_prefect: load the sqlite-prefect SQLite extension into a Python connection.

    import sqlite3
    import sqlite_prefect

    conn = sqlite3.connect("file:/home/me/.prefect/prefect.db?mode=ro", uri=True)
    sqlite_prefect.load(conn)
    conn.execute("SELECT count(*) FROM artifacts('{\\"artifacts\\": {\\"type\\": {\\"any_\\": [\\"table\\"]}}}')")

The built library is looked for, in this order, at:

1. $SQLITE_PREFECT_PATH (a file; the .so suffix may be left out), when set;
2. prefect.so beside this file (where the wheel of `make python` puts it;
   or copy it there to carry the package around);
3. dist/prefect.so of the repository this package sits in (`make` builds it).

Python's sqlite3 module must be able to load extensions: Debian's
/usr/bin/python3 can; some builds (pyenv's default one, for example) cannot.
"""
import os
import sqlite3

__all__ = ["ENTRY_POINT", "ENV_VAR", "LibraryNotFound", "LoadingNotSupported", "load", "loadable_path"]

ENV_VAR = "SQLITE_PREFECT_PATH"
ENTRY_POINT = "sqlite3_prefect_init"
_LIBRARY = "prefect.so"
_HERE = os.path.dirname(os.path.abspath(__file__))
_REPO_DIST = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(_HERE))), "dist")


class LibraryNotFound(FileNotFoundError):
    """The built library is not where it was looked for."""


class LoadingNotSupported(RuntimeError):
    """This Python's sqlite3 module was built without extension loading."""


def loadable_path():
    """The path of the built library, for conn.load_extension() or any other
    SQLite client. Raises LibraryNotFound, naming the places it looked at."""
    override = os.environ.get(ENV_VAR)
    if override:
        for candidate in (override, override + ".so"):
            if os.path.isfile(candidate):
                return os.path.abspath(candidate)
        raise LibraryNotFound(f"sqlite_prefect: ${ENV_VAR} is {override!r}, and there is no such file")
    candidates = [os.path.join(_HERE, _LIBRARY), os.path.join(_REPO_DIST, _LIBRARY)]
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    raise LibraryNotFound("sqlite_prefect: the sqlite-prefect library is not built: looked for "
                          + " and ".join(candidates)
                          + f"; run `make` in the repository, or set ${ENV_VAR} to the library's path")


def load(conn):
    """Loads sqlite-prefect into the sqlite3 connection conn: its virtual
    tables (artifacts, flow_runs, ...) and functions (prefect_api, ...) are
    then there for every query on conn. Extension loading is switched on only
    for the load, and off again afterwards."""
    path = loadable_path()
    if not hasattr(conn, "enable_load_extension"):
        raise LoadingNotSupported(
            f"sqlite_prefect: this Python's sqlite3 module cannot load extensions (it was built without "
            f"them; SQLite {sqlite3.sqlite_version}). Use one that can, such as Debian's /usr/bin/python3")
    conn.enable_load_extension(True)
    try:
        # SQL's load_extension() takes the entry point on every Python
        # version, so a renamed copy of the library loads too.
        conn.execute("SELECT load_extension(?, ?)", [path, ENTRY_POINT]).fetchall()
    finally:
        conn.enable_load_extension(False)
