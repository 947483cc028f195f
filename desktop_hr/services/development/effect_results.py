"""The results level of the training effect: review scores on a course's competencies before and after it,
beside people who did not attend.

When a review counts as "before" or "after" a session, defined once here:
- a review's period ends on its last day: "2025" on 31 December 2025, "2025H1" on 30 June, "2025Q3" on
  30 September (periods written otherwise are not placed in time and never count);
- the review *before* a session is the one whose period ended on or before the day the session started
  (the last such); the review *after* it is the one whose period ended after the day it ended (the first).
A person who attended several sessions of a course in the report's period is measured from the start of the
first to the end of the last. Only reviews that scored the competency count (the last one before that did,
the first one after that did).

The comparison group (未参训) of a course and competency: people in the same department scope who never
attended any session of the course and have not left, scored on the competency in the same two periods as
the attendees' most common pair (the later pair when two are as common).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from desktop_hr import messages
from desktop_hr.services.requirements.wording import say

messages.define(
    {
        "effect.line": ("{competency} {before} → {after}", "{competency} {before} → {after}"),
        "effect.line_compared": (
            "{competency} {before} → {after}（未参训 {others_before} → {others_after}）",
            "{competency} {before} → {after} (not trained {others_before} → {others_after})",
        ),
        "effect.line_no_pairs": ("{competency} 无训前训后评分", "{competency}: no scores before and after"),
    }
)

_ONE_PLACE = Decimal("0.1")
_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:([HhQq])\s*([1-4]))?\s*$")
_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def period_end(period: str) -> date | None:
    """The last day of a review period ("2025" → 2025-12-31, "2025H1" → 2025-06-30, "2025Q3" →
    2025-09-30); None for a period written any other way."""
    match = _PERIOD.match(period)
    if match is None:
        return None
    year, kind, number = int(match[1]), (match[2] or "").upper(), int(match[3] or 0)
    if kind == "H":
        if number > 2:
            return None
        return date(year, 6, 30) if number == 1 else date(year, 12, 31)
    if kind == "Q":
        month, day = _QUARTER_END[number]
        return date(year, month, day)
    return date(year, 12, 31)


def mean(values: Sequence[int]) -> Decimal | None:
    """The mean with one decimal place (half up); None for no values."""
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(_ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CompetencyEffect:
    """One competency a course addresses: the attendees' mean before and after (over those scored in both),
    and the comparison group's in the attendees' most common pair of periods."""

    competency: str
    people: int  # attendees scored both before and after
    before: Decimal | None
    after: Decimal | None
    before_period: str  # the attendees' most common pair ("" when nobody has both)
    after_period: str
    others: int  # people in the comparison group
    others_before: Decimal | None
    others_after: Decimal | None

    def line(self, language: str | None = None) -> str:
        """ "谈判能力 65.0 → 82.0（未参训 66.0 → 68.0）", as a head reads it."""
        if self.before is None or self.after is None:
            return say("effect.line_no_pairs", language, competency=self.competency)
        if self.others_before is None or self.others_after is None:
            return say(
                "effect.line", language, competency=self.competency, before=self.before, after=self.after
            )
        return say(
            "effect.line_compared",
            language,
            competency=self.competency,
            before=self.before,
            after=self.after,
            others_before=self.others_before,
            others_after=self.others_after,
        )


@dataclass(frozen=True)
class Score:
    ends: date
    period: str
    score: int


class ReviewScores:
    """Review scores on the competencies of interest, by person and competency (in period order), and by
    competency and period (for the comparison group)."""

    def __init__(self, rows: Iterable[tuple[int, str, int, int]]) -> None:
        """`rows`: (employee_id, period, competency_id, score)."""
        self.history: dict[tuple[int, int], list[Score]] = {}
        self.by_period: dict[tuple[int, str], dict[int, int]] = {}
        ends: dict[str, date | None] = {}
        for employee_id, period, competency_id, score in rows:
            if period not in ends:
                ends[period] = period_end(period)
            end = ends[period]
            if end is None:
                continue
            self.history.setdefault((employee_id, competency_id), []).append(Score(end, period, score))
            self.by_period.setdefault((competency_id, period), {})[employee_id] = score
        for scores in self.history.values():
            scores.sort(key=lambda s: (s.ends, s.period))

    def around(
        self, employee_id: int, competency_id: int, starts: date, ends: date
    ) -> tuple[Score, Score] | None:
        """The last score before `starts` (period ended on or before it) and the first after `ends` (period
        ended after it), or None unless both exist."""
        before: Score | None = None
        after: Score | None = None
        for score in self.history.get((employee_id, competency_id), ()):
            if score.ends <= starts:
                before = score
            elif score.ends > ends and after is None:
                after = score
        if before is None or after is None:
            return None
        return before, after


@dataclass(frozen=True)
class Pool:
    """Who may be in a comparison group: people in scope who have not left, with their department."""

    departments: Mapping[int, int | None]  # employee_id -> department_id

    def admits(self, employee_id: int, department_id: int | None, split: bool) -> bool:
        """In scope (and, with `split`, for a department's view, in `department_id`)."""
        if employee_id not in self.departments:
            return False
        return not split or self.departments[employee_id] == department_id


def competency_effect(
    name: str,
    competency_id: int,
    attendees: Mapping[int, tuple[date, date]],
    scores: ReviewScores,
    *,
    never_attended: Pool,
    attended_ever: frozenset[int] | set[int],
    department_id: int | None,
    split: bool,
) -> CompetencyEffect:
    """Before/after means of `attendees` (employee_id -> first start, last end) on one competency, and the
    comparison group: `never_attended`'s people outside `attended_ever` (with `split`: those of
    `department_id` only, for the per-department view)."""
    pairs: list[tuple[Score, Score]] = []
    for employee_id, (starts, ends) in attendees.items():
        found = scores.around(employee_id, competency_id, starts, ends)
        if found is not None:
            pairs.append(found)
    if not pairs:
        return CompetencyEffect(name, 0, None, None, "", "", 0, None, None)
    counts = Counter((b.period, a.period) for b, a in pairs)
    order = {(b.period, a.period): (a.ends, b.ends, a.period, b.period) for b, a in pairs}
    before_period, after_period = max(counts, key=lambda pair: (counts[pair], order[pair]))
    before_scores = scores.by_period.get((competency_id, before_period), {})
    after_scores = scores.by_period.get((competency_id, after_period), {})
    others = [
        employee_id
        for employee_id in before_scores.keys() & after_scores.keys()
        if employee_id not in attended_ever and never_attended.admits(employee_id, department_id, split)
    ]
    return CompetencyEffect(
        name,
        len(pairs),
        mean([b.score for b, _a in pairs]),
        mean([a.score for _b, a in pairs]),
        before_period,
        after_period,
        len(others),
        mean([before_scores[e] for e in others]),
        mean([after_scores[e] for e in others]),
    )
