"""OneRoster 1.2 CSV roster import: a zip or folder of CSV files becomes proficio's district, schools,
sessions, courses, sections, people, memberships, guardian links and enrollments — all or nothing.

Modules, in the order a run uses them: ``spec`` (the binding's files and columns), ``manifest``,
``csvfile`` (streaming, encoding and header checks), ``rows`` (cell checks), ``read_orgs`` /
``read_classes`` / ``read_people`` (per-file checks into ``staging`` tables), ``cross_checks``,
``write_orgs`` / ``write_classes`` / ``write_people``, and ``importer``, the service that ties them together.
Safe reading of archives and folders is ``proficio.interop.files``.
"""
