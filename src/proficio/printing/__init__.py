"""Printable documents: a Django template rendered to a PDF with WeasyPrint (``render.render_pdf``).

The student data export prints through it today; report cards and transcripts will too. It is an app only so
that its base template and print stylesheet are found like any other app's.
"""
