"""Which files a run processes, and the name of each one's JSON document.

Names: the document for input `X.pdf` is `OUT/json/X.json`. When two inputs share a stem (`a/X.pdf` and
`b/X.txt`), the first in input order (the command line's order, each folder's files in sorted path
order) gets `X.json` and every later one `X-<first 8 hex of sha256(absolute path)>.json`. A name,
once given, is kept in the manifest, so later runs never rename a document. Names are compared
case-insensitively (for case-insensitive file systems) and can never leave OUT/json.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from pipeline.export.json_doc import safe_stem

INPUT_SUFFIXES = frozenset({
    ".txt", ".md", ".html", ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".docx", ".odt",
    ".doc", ".text", ".markdown", ".gif", ".bmp", ".webp",
})
MAX_STEM_BYTES = 180  # file names are limited to 255 bytes; CJK takes 3 bytes a character


class InputError(ValueError):
    """The inputs of a run are wrong as given (a usage error): nothing is created or changed."""


class MissingInputError(InputError):
    """A path given as an input does not exist (mistyped?)."""


class NoInputsError(InputError):
    """The folders given hold no file a run would read."""


def check_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The inputs as given, after checking that each one exists (a link counts, even a broken one:
    it is reported as `unreadable` like any file that cannot be read). Raises MissingInputError
    naming every path that does not exist, and NoInputsError when there are none."""
    given = [os.fspath(i) for i in inputs]
    if not given:
        raise NoInputsError("no inputs given")
    missing = [g for g in given if not os.path.lexists(g)]
    if missing:
        shown = ", ".join(shown_path(m) for m in missing[:5]) + (f" and {len(missing) - 5} more"
                                                                 if len(missing) > 5 else "")
        raise MissingInputError(f"no such file or folder: {shown}")
    return given


def discover_checked(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """`discover` after `check_inputs`; NoInputsError when the folders given hold no input file."""
    given = check_inputs(inputs)
    paths = discover(given)
    if not paths:
        suffixes = " ".join(sorted(INPUT_SUFFIXES))
        raise NoInputsError(f"no input files in {', '.join(shown_path(g) for g in given)} "
                            f"(folders are searched for files named {suffixes}; hidden files are skipped)")
    return paths


def discover(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Absolute paths of the inputs: files as given (any name), folders searched recursively for files
    with a known suffix (hidden files and folders skipped; links to folders not followed, so a link cycle
    cannot loop). A broken or cyclic link or a special file (FIFO, socket) with a known suffix is listed
    too: the runner reports it as `unreadable` rather than skipping it without a trace. Each path once,
    in first-seen order."""
    seen: dict[str, None] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(_walk(p)):
                seen.setdefault(os.path.abspath(f), None)
        else:
            seen.setdefault(os.path.abspath(p), None)
    return list(seen)


def _walk(folder: Path) -> Iterable[str]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in INPUT_SUFFIXES:
                full = os.path.join(root, name)
                if not os.path.isdir(full):  # a link to a folder is not followed
                    yield full


def shown_path(path: str) -> str:
    """The path as messages, the manifest and the tables record it: itself when it is valid UTF-8, else
    its undecodable bytes written as \\xNN (a str from the file system carries them as lone surrogates,
    which UTF-8 JSON and Parquet cannot hold)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return path


def json_stem(path: str) -> str:
    """A safe file stem for an input: no separators or control characters, not hidden, not too long."""
    stem = safe_stem(os.path.basename(path))
    raw = stem.encode("utf-8")
    if len(raw) > MAX_STEM_BYTES:
        stem = raw[:MAX_STEM_BYTES].decode("utf-8", errors="ignore").rstrip(" .") or "document"
    return stem


def path_tag(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8", errors="surrogateescape")).hexdigest()[:8]


class Namer:
    """Gives each input path its JSON file name; names already in the manifest are kept."""

    def __init__(self, assigned: Mapping[str, str]) -> None:
        self._by_path = dict(assigned)
        self._taken = {name.casefold(): path for path, name in assigned.items()}

    def name_for(self, path: str) -> str:
        name = self._by_path.get(path)
        if name is None:
            stem = json_stem(path)
            name = f"{stem}.json"
            if name.casefold() in self._taken:
                name = f"{stem}-{path_tag(path)}.json"
                n = 1
                while name.casefold() in self._taken:  # a hash clash: vanishingly rare
                    n += 1
                    name = f"{stem}-{path_tag(path)}-{n}.json"
            self._by_path[path] = name
            self._taken[name.casefold()] = path
        if os.sep in name or "/" in name or name.startswith(".") or "\x00" in name:
            raise ValueError(f"unsafe output name {name!r} for {path}")
        return name
