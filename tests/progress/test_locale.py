"""The Spanish catalogue is complete and its committed .mo matches the .po (CI has no gettext tools, so a stale
.mo would otherwise go unnoticed: run `django-admin compilemessages` after editing the .po)."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import proficio

MESSAGES = Path(proficio.__file__).resolve().parent / "locale" / "es" / "LC_MESSAGES"


def _entries() -> dict[object, str]:
    """msgid (or (msgid, plural index)) → msgstr, from django.po; a msgid with a context is keyed as gettext
    keys it."""
    entries: dict[object, str] = {}
    for block in (MESSAGES / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith("msg"):
                current, rest = line.split(" ", 1)
                fields[current] = [rest]
            elif current:
                fields[current].append(line)
        text = {key: "".join(ast.literal_eval(part) for part in parts) for key, parts in fields.items()}
        if not text.get("msgid"):
            continue  # the header
        # gettext keys a message with a context as "context\x04msgid"
        msgid = f"{text['msgctxt']}\x04{text['msgid']}" if "msgctxt" in text else text["msgid"]
        if "msgid_plural" in text:
            for key, value in text.items():
                if key.startswith("msgstr["):
                    entries[(msgid, int(key[7:-1]))] = value
        else:
            entries[msgid] = text["msgstr"]
    return entries


def test_every_message_is_translated() -> None:
    entries = _entries()
    assert len(entries) > 80
    assert [key for key, value in entries.items() if not value] == []
    assert "fuzzy" not in (MESSAGES / "django.po").read_text(encoding="utf-8")


def test_the_compiled_catalogue_matches_the_source() -> None:
    with (MESSAGES / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    compiled = {key: value for key, value in catalog.items() if key != ""}
    assert compiled == _entries()
