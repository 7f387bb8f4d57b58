"""Leaders' insights: graduation readiness by cohort, with every figure broken down by student group.

Above the apps whose data it reads (roster, proficiency, audit), below none: nothing imports it but the URL
configuration. Figures about groups of students are shown only for groups of at least
``PROFICIO_MIN_GROUP_SIZE`` students (``suppression``); student rows only to those who may read them
(``scope``).
"""
