"""Markdown in CASE statements renders as HTML, and nothing a publisher writes can run in the page."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from proficio.interop.case.markdown import render_markdown


def test_it_renders_markdown() -> None:
    html = render_markdown("Students **communicate**:\n\n- in writing\n- in speech")
    assert (
        html == "<p>Students <strong>communicate</strong>:</p>\n<ul>\n<li>in writing</li>\n<li>in speech</li>\n</ul>\n"
    )


def test_characters_beyond_the_bmp_survive() -> None:
    assert "Solve 𝑥² + 5𝑥 + 6 = 0 📚" in render_markdown("Solve 𝑥² + 5𝑥 + 6 = 0 📚")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Hello <img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_raw_html_is_escaped(text: str) -> None:
    html = render_markdown(text)
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<iframe" not in html
    assert "&lt;" in html


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](%6Aavascript:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![img](javascript:alert(1))",
        "<javascript:alert(1)>",
    ],
)
def test_dangerous_links_are_not_links(text: str) -> None:
    html = render_markdown(text)
    assert "href=" not in html and "src=" not in html


@pytest.mark.parametrize(
    "url", ["https://www.example.org/a?b=c", "http://example.org", "mailto:a@example.org", "/standards/1"]
)
def test_ordinary_links_are_kept(url: str) -> None:
    assert f'href="{url}"' in render_markdown(f"[see]({url})")


def test_the_template_filter() -> None:
    template = Template("{% load case_markdown %}{{ statement|case_markdown }}")
    html = template.render(Context({"statement": "*Model* <script>x</script>"}))
    assert html == "<p><em>Model</em> &lt;script&gt;x&lt;/script&gt;</p>\n"
    assert template.render(Context({"statement": None})) == ""
