"""Printable documents as tagged PDFs.

Reports (progress reports, report cards, transcripts) are typeset by Typst (``typeset``, templates in
``typst/``). The student data export still prints through WeasyPrint (``render.render_pdf``, a Django template
and ``static/printing/print.css``) until it moves to Typst too. It is an app so that its base template and
print stylesheet are found like any other app's.
"""
