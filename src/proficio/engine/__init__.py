"""proficio's proficiency engine: pure Python and numpy, never Django.

- ``methods``: one indicator's chronological scores → a decimal (``compute``, ``trace``);
- ``scales``: levels, threshold and rounding;
- ``policy``: a framework's calculation policy;
- ``indicator``: scores → level or insufficient evidence;
- ``rollup``: indicator levels → a standard's level; ``graduation``: standards → met or what is missing;
- ``explain``: a structured trace and a plain-language sentence for any result;
- ``batch``: the same for a whole district over numpy arrays, bit-identical to the scalar API.
"""
