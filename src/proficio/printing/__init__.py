"""Printable documents as tagged PDF/UA-1, typeset by Typst (``typeset``; templates in ``typst/``): progress
reports, report cards, transcripts and the student data export."""
