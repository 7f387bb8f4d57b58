"""1EdTech CASE (Competencies and Academic Standards Exchange) 1.0 / 1.1 import and export.

A CFPackage is read in stages, each in its own module, so every stage can be tested on its own:

``decoding`` (bytes → JSON, with size, encoding and syntax checks) → ``validate`` (required fields, types,
enumerations, dates, duplicates, dangling references, isChildOf cycles) → ``mapping`` (CFItemType → standard,
indicator, objective or ignore) → ``structure`` (the isChildOf tree as proficio levels, codes, positions,
kinds) → ``scales`` (which proficiency scale the rubric levels sit on) → ``changes`` (what differs from the
current framework version) → ``writer`` (one new framework version). ``importer`` runs them in one
transaction; ``exporter`` goes the other way; ``views`` serves the CASE 1.1 read API.
"""
