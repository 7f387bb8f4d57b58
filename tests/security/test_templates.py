"""No template or generated markup needs ``'unsafe-inline'``: no inline script, style attribute or handler.

The Content-Security-Policy would block them in the browser anyway; this test finds them before a user does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "proficio"
TEMPLATES = sorted(p for p in SOURCE.rglob("*.html") if "templates" in p.parts)
PYTHON = sorted(p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts)
SCRIPTS = sorted(p for p in (SOURCE / "static").rglob("*.js") if "vendor" not in p.parts)

EVENTS = (
    r"(?:click|dblclick|change|input|submit|reset|load|unload|error|focus|focusin|focusout|blur|keydown|keyup|"
    r"keypress|mouse[a-z]+|pointer[a-z]+|touch[a-z]+|drag[a-z]*|drop|scroll|resize|wheel|copy|cut|paste|select|"
    r"toggle|animation[a-z]+|transition[a-z]+|before[a-z]+|after[a-z]+|hashchange|popstate|message|invalid|"
    r"abort|contextmenu|play|pause|ended|show|close|cancel)"
)
FORBIDDEN_MARKUP = {
    "inline <script> (load a static file instead)": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"
    ),
    "style attribute (add a class to site.css)": re.compile(r"""\sstyle\s*=\s*["'{]"""),
    "<style> element (add the rules to site.css)": re.compile(r"<style\b"),
    "on…= event handler (bind it in a static script)": re.compile(rf"<[a-zA-Z][^<>]*\son{EVENTS}\s*=", re.IGNORECASE),
    "hx-on (htmx would need 'unsafe-eval')": re.compile(r"\shx-on"),
    "hx-trigger event filter [...] (htmx would need 'unsafe-eval')": re.compile(r"""hx-trigger\s*=\s*["'][^"']*\["""),
    "javascript: or js: in an attribute": re.compile(r"""=\s*["']\s*(?:javascript|js):""", re.IGNORECASE),
}
FORBIDDEN_SCRIPT = {
    "eval (needs 'unsafe-eval')": re.compile(r"\beval\s*\("),
    "new Function (needs 'unsafe-eval')": re.compile(r"\bnew\s+Function\s*\("),
    "string timer (needs 'unsafe-eval')": re.compile(r"set(?:Timeout|Interval)\s*\(\s*[\"'`]"),
    "style attribute written as text": re.compile(r"""setAttribute\(\s*["']style["']|\sstyle=\\?["']"""),
}


def _problems(path: Path, rules: dict[str, re.Pattern[str]]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    found = []
    for what, pattern in rules.items():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(SOURCE)}:{line}: {what}")
    return found


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) > 10
    assert any(p.name == "base.html" for p in TEMPLATES)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_template_has_inline_script_style_or_handlers(path: Path) -> None:
    assert _problems(path, FORBIDDEN_MARKUP) == []


def test_no_python_module_generates_inline_script_style_or_handlers() -> None:
    """Views and helpers that build markup with ``format_html`` are held to the same rule."""
    problems = [p for path in PYTHON for p in _problems(path, FORBIDDEN_MARKUP)]
    assert problems == []


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_script_needs_eval_or_inline_style(path: Path) -> None:
    assert _problems(path, FORBIDDEN_SCRIPT) == []


def test_htmx_is_told_not_to_inject_styles_or_run_inline_scripts() -> None:
    base = (SOURCE / "templates" / "base.html").read_text(encoding="utf-8")
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', base)
    assert config is not None
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowScriptTags": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)


def test_every_post_form_carries_the_csrf_token() -> None:
    missing = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for form in re.finditer(r"<form\b([^>]*)>(.*?)</form>", text, re.DOTALL | re.IGNORECASE):
            if re.search(
                r"""method\s*=\s*["']?post""", form.group(1), re.IGNORECASE
            ) and "csrf_token" not in form.group(2):
                missing.append(f"{path.relative_to(SOURCE)}:{text.count(chr(10), 0, form.start()) + 1}")
    assert missing == []


def test_htmx_sends_the_csrf_token_on_every_request() -> None:
    base = (SOURCE / "templates" / "base.html").read_text(encoding="utf-8")
    assert """<body hx-headers='{"X-CSRFToken": "{{ csrf_token }}"}'>""" in base
