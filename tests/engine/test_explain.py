"""Every result explains itself, for every method, in words a student or parent understands."""

from __future__ import annotations

from datetime import date

import pytest

from proficio.engine.catalogue import METHODS
from proficio.engine.explain import EvidenceItem, explain_graduation, explain_indicator, explain_standard
from proficio.engine.graduation import verify_graduation
from proficio.engine.policy import Policy
from proficio.engine.rollup import rollup_standard
from proficio.engine.scales import Scale

SCALE = Scale.of([(1, "Does not meet"), (2, "Partially meets"), (3, "Meets"), (4, "Exceeds")], threshold=3)
EVIDENCE = [
    EvidenceItem(2, "Claim paragraph", date(2026, 1, 10)),
    EvidenceItem(2, "Debate prep", date(2026, 2, 2)),
    EvidenceItem(3, "Argument essay", date(2026, 3, 4)),
]
SUBJECT = "Analyze a text's central idea"


def test_the_most_recent_sentence_reads_as_the_issue_asks() -> None:
    explanation = explain_indicator(EVIDENCE, SCALE, Policy(method="most_recent"), SUBJECT)
    assert explanation.sentence == (
        "Your level for *Analyze a text's central idea* is 3 – Meets. We use your most recent evidence: "
        "“Argument essay” on March 4, scored 3. Earlier scores (2, 2) show how you got there."
    )


@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_method_names_the_level_and_its_evidence(method: str) -> None:
    policy = Policy(method=method)
    explanation = explain_indicator(EVIDENCE, SCALE, policy, SUBJECT)
    assert explanation.trace is not None
    level = explanation.trace.level
    assert level is not None
    assert explanation.sentence.startswith(f"Your level for *{SUBJECT}* is {level}.")
    assert explanation.trace.method == method
    assert [item.value for item in explanation.trace.evidence] == [2, 2, 3]
    # The sentence cites the scores (or the one score) behind the level.
    assert "3" in explanation.sentence.split(f"is {level}.", 1)[1]


def test_decaying_average_shows_each_step() -> None:
    sentence = explain_indicator(EVIDENCE, SCALE, Policy(method="decaying_average"), SUBJECT).sentence
    assert "each new score counts 65% and everything before it 35%" in sentence
    assert "2 → 2 → 2.65" in sentence
    assert "2.65, which maps to 3 on the scale" in sentence


def test_n_of_m_says_how_many_reached_the_threshold() -> None:
    sentence = explain_indicator(EVIDENCE, SCALE, Policy(method="n_of_m"), SUBJECT).sentence
    assert "at least 2 of the last 3 scores reach 3 – Meets" in sentence
    assert "1 reaches it, so for now the level is 2 – Partially meets" in sentence


def test_a_family_reads_it_in_the_third_person() -> None:
    sentence = explain_indicator(EVIDENCE, SCALE, Policy(method="most_recent"), SUBJECT, owner="Maya's").sentence
    assert sentence.startswith("Maya's level for")
    assert "show how Maya got there" in sentence


def test_insufficient_evidence_is_explained_not_zero() -> None:
    explanation = explain_indicator(EVIDENCE[:1], SCALE, Policy(minimum_evidence=2), SUBJECT)
    assert "is not decided yet: we need at least 2 summative scores and there is 1 so far" in explanation.sentence
    assert explanation.trace is not None and explanation.trace.value is None
    assert explain_indicator([], SCALE, Policy(), SUBJECT).sentence.endswith("there is no summative evidence so far.")


def test_a_held_standard_says_why() -> None:
    levels = [SCALE.levels[2], SCALE.levels[3], SCALE.levels[1]]
    policy = Policy(rollup="all_proficient")
    sentence = explain_standard(levels, SCALE, policy, "Reading").sentence
    assert rollup_standard(levels, SCALE, policy).adjusted == "held"
    assert "every indicator must reach 3 – Meets; 2 do" in sentence
    assert "held at 2 – Partially meets" in sentence


def test_a_standard_without_enough_indicators_says_how_many_are_needed() -> None:
    levels = [SCALE.levels[2], None, None, None]
    sentence = explain_standard(levels, SCALE, Policy(minimum_share=0.5), "Reading").sentence
    assert "1 of its 4 indicators has a level, and at least 2 are needed" in sentence


def test_graduation_lists_what_is_missing_by_name() -> None:
    met = rollup_standard([SCALE.levels[2]], SCALE, Policy())
    result = verify_graduation(["ELA.1", "MATH.1"], {"ELA.1": met})
    sentence = explain_graduation(result, {"ELA.1": "Reading", "MATH.1": "Algebra"}).sentence
    assert sentence == (
        "1 of 2 required graduation standards are met. Still to go: Algebra. "
        "1 of them do not have enough evidence for a level yet."
    )
