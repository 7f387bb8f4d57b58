"""Most Significant Change stories: collected at schools, coded by the network into composite stories, and the
composites ranked by the participants of an event (seed 000, Appendix II).

Invariants:

- A ranking at an event ranks **every** composite of the network, 1 to n with n the number of composites, each
  rank once, with the votes behind it. It is recorded all or nothing: a ranking with any error changes nothing,
  and a new one for the same event replaces the old one whole.
- A story is coded only into a composite of its own school's network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count

from proficio.programs.models import ChangeStory, CompositeRanking, Event, StoryComposite
from proficio.roster.models import Network


@dataclass(frozen=True)
class RankEntry:
    rank: int | None
    votes: int | None


@dataclass(frozen=True)
class CompositeLine:
    composite: StoryComposite
    stories: int


@dataclass(frozen=True)
class RankingLine:
    rank: int
    title: str
    votes: int


def ranking_errors(entries: Mapping[str, RankEntry]) -> list[str]:
    """What is wrong with a ranking of the composites named by ``entries``' keys (empty when it is whole)."""
    n = len(entries)
    errors = []
    for title, entry in entries.items():
        if entry.rank is None:
            errors.append(f"“{title}” has no rank: every composite is ranked.")
        elif not 1 <= entry.rank <= n:
            errors.append(f"“{title}” is ranked {entry.rank}: ranks go from 1 to {n}.")
        if entry.votes is None:
            errors.append(f"“{title}” has no number of votes (0 if none).")
        elif entry.votes < 0:
            errors.append(f"“{title}” has a negative number of votes.")
    ranks: dict[int, list[str]] = {}
    for title, entry in entries.items():
        if entry.rank is not None:
            ranks.setdefault(entry.rank, []).append(title)
    for rank, titles in sorted(ranks.items()):
        if len(titles) > 1:
            names = " and ".join(f"“{t}”" for t in titles)
            errors.append(f"Rank {rank} is given to {names}: each rank goes to one composite.")
    return errors


@transaction.atomic
def record_ranking(*, event: Event, entries: Mapping[StoryComposite, RankEntry]) -> list[CompositeRanking]:
    """Replace the event's ranking with ``entries``; ValueError (nothing written) if they are not a whole ranking."""
    errors = ranking_errors({c.title: e for c, e in entries.items()})
    if any(c.network_id != event.network_id for c in entries):
        errors.append("A composite of another network cannot be ranked at this event.")
    if errors:
        raise ValueError("\n".join(errors))
    CompositeRanking.objects.filter(event=event).delete()
    return CompositeRanking.objects.bulk_create(
        CompositeRanking(event=event, composite=c, rank=e.rank or 0, votes=e.votes or 0) for c, e in entries.items()
    )


def composite_lines(*, network: Network) -> list[CompositeLine]:
    counts = dict(
        ChangeStory.objects.filter(composite__network=network)
        .values("composite_id")
        .annotate(n=Count("pk"))
        .values_list("composite_id", "n")
    )
    return [CompositeLine(c, counts.get(c.pk, 0)) for c in StoryComposite.objects.filter(network=network)]


def ranking_lines(*, event: Event) -> list[RankingLine]:
    rows = CompositeRanking.objects.filter(event=event).select_related("composite")
    return [RankingLine(r.rank, r.composite.title, r.votes) for r in rows]


def code_story(*, story: ChangeStory, composite: StoryComposite | None) -> None:
    """Code ``story`` into ``composite`` (None: uncoded); ValueError for a composite of another network."""
    if composite is not None and composite.network_id != story.school.district.network_id:
        raise ValueError("That composite belongs to another network.")
    story.composite = composite
    story.save(update_fields=["composite"])


def votes_chart_spec(lines: Sequence[RankingLine]) -> dict[str, Any] | None:
    """A bar per composite, in rank order: the votes it received."""
    import altair as alt  # imported on first use: it is large

    if not lines:
        return None
    labels = [f"{line.rank}. {line.title}" for line in lines]
    values = [{"composite": label, "votes": line.votes} for label, line in zip(labels, lines, strict=True)]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(color="#2f6f9f")
        .encode(
            y=alt.Y("composite:N", title=None, sort=labels, axis=alt.Axis(labelLimit=320)),
            x=alt.X("votes:Q", title="Votes"),
            tooltip=[alt.Tooltip("composite:N"), alt.Tooltip("votes:Q")],
        )
        .properties(width="container", height=max(120, 28 * len(values)))
    )
    return chart.to_dict(validate=False)


def votes_alternative(lines: Sequence[RankingLine]) -> str:
    return "; ".join(f"{line.rank}. {line.title}: {line.votes} votes" for line in lines) + "." if lines else ""
