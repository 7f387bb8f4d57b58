"""The renderer proficio used before Typst — WeasyPrint on an HTML print template — kept as the report-card
benchmark's baseline only (WeasyPrint is a test extra, not a dependency of proficio).

``weasyprint_pdf(report)`` prints a ``ReportData`` as the last WeasyPrint version did: the same compact lines
(``printed.html``), the same stylesheets (``print.css``, ``report.css``), tagged, in the school's language.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent


@cache
def _engine() -> Any:
    from django.template import Engine

    return Engine(
        dirs=[str(FOLDER)],
        libraries={"i18n": "django.templatetags.i18n", "progress": "proficio.progress.templatetags.progress"},
        autoescape=True,
    )


def weasyprint_pdf(report: Any) -> bytes:
    """The report as a tagged PDF, by WeasyPrint."""
    from django.conf import settings
    from django.template import Context
    from django.utils import timezone, translation
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = (
            _engine()
            .get_template("document.html")
            .render(
                Context(
                    {
                        "reports": [report],
                        "print_title": f"{report.title}: {report.name}",
                        "print_lang": settings.LANGUAGE_CODE,
                        "print_created": timezone.localtime(),
                    }
                )
            )
        )
    pdf = HTML(string=html).write_pdf(pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf
