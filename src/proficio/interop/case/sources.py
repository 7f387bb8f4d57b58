"""Read a CASE package from a file or an http(s) URL, never more than the import size limit.

A URL is read in blocks and abandoned as soon as it passes the limit, so a huge or endless response cannot
fill memory; a file's size is checked before it is read.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from proficio.interop.case.decoding import check_size
from proficio.interop.problems import ImportRefused, Problem

TIMEOUT_SECONDS = 60
USER_AGENT = "proficio CASE import"


def _refuse(source: str, message: str) -> ImportRefused:
    return ImportRefused([Problem(file=source, message=message, where="source")])


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # http(s) only
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit():
                check_size(int(declared), url)
            blocks: list[bytes] = []
            size = 0
            while block := response.read(1 << 20):
                size += len(block)
                check_size(size, url)
                blocks.append(block)
            return b"".join(blocks)
    except urllib.error.HTTPError as error:
        raise _refuse(url, f"the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise _refuse(url, f"could not fetch the package: {reason}") from None


def load_case_source(source: str | Path) -> tuple[bytes, str]:
    """The bytes of a CASE package and the name to record it under (the path or URL as given)."""
    name = str(source)
    if name.startswith(("http://", "https://")):
        return _fetch(name), name
    if "://" in name:
        raise _refuse(name, "only files and http(s) URLs can be imported")
    path = Path(source)
    if not path.is_file():
        raise _refuse(name, "no such file")
    check_size(path.stat().st_size, name)
    return path.read_bytes(), name
