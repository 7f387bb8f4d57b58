"""The Implementation Grid activities seed 000 quotes verbatim (10 of the initiative's 21), with their numbers.

The report's appendix with the full list is missing from its text, so the other 11 are for each network to
configure. Their kinds follow the report: its five most completed activities are technical changes, its five
least completed adaptive ones; those marked not for middle schools did not apply to the network's three.
"""

from __future__ import annotations

from proficio.programs.models import ChangeKind, GridActivity
from proficio.roster.models import Network

T, A = ChangeKind.TECHNICAL, ChangeKind.ADAPTIVE
# (number, criterion, kind, applies to middle schools)
QUOTED: tuple[tuple[int, str, str, bool], ...] = (
    (
        1,
        "The school has clearly defined graduation learning standards that lead to college and career readiness.",
        T,
        True,
    ),
    (3, "The school must have adequate bandwidth to support access for all students.", T, True),
    (4, "School must have trained Professional Learning Group facilitators.", T, True),
    (
        7,
        "Students are empowered to make demonstrable decisions about how, when, and where they engage in learning "
        "within classrooms and in other settings.",
        A,
        True,
    ),
    (
        8,
        "Every student completes and submits an application to college, the armed services, career or trade "
        "licensing program, certificate-producing training program, or equivalent.",
        A,
        False,
    ),
    (
        12,
        "Every student has access to an electronic computing device (either via a bring your own device policy or "
        "provided by the school).",
        T,
        True,
    ),
    (
        16,
        "The principal and other educators in the building regularly visit classrooms and collect data about the "
        "extent to which instructional practices are aligned with personalized learning and share and analyze "
        "data on the overall instructional patterns with the full faculty at least twice a year.",
        A,
        True,
    ),
    (
        17,
        "The school has a formal process to share information on student learning between middle and high school "
        "teachers.",
        A,
        False,
    ),
    (
        18,
        "The school has implemented a system of comprehensive interventions and supports that provides support to "
        "every student.",
        A,
        True,
    ),
    (
        21,
        "The Principal participates in a monthly meeting (in-person, virtual, and/or phone-call) with other "
        "principals in the LIS in a Professional Learning Network sharing successes, discussing and addressing "
        "challenges, and learning with and from one another. The superintendent assures that the principal will "
        "have the time and support to meet this requirement.",
        T,
        True,
    ),
)


def add_quoted_activities(*, network: Network) -> int:
    """Add the quoted activities the network does not have yet (by number); returns how many were added."""
    have = set(GridActivity.objects.filter(network=network).values_list("number", flat=True))
    new = [
        GridActivity(network=network, number=n, criterion=text, change=kind, applies_to_middle_schools=middle)
        for n, text, kind, middle in QUOTED
        if n not in have
    ]
    GridActivity.objects.bulk_create(new)
    return len(new)
