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
from collections.abc import Iterable, Mapping, Sequence, Set
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


def mean_of(total: int, count: int) -> Decimal | None:
    """total / count with one decimal place (half up); None for no count."""
    if count == 0:
        return None
    return (Decimal(total) / count).quantize(_ONE_PLACE, rounding=ROUND_HALF_UP)


def mean(values: Sequence[int]) -> Decimal | None:
    """The mean with one decimal place (half up); None for no values."""
    return mean_of(sum(values), len(values))


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


Score = tuple[date, str, int]  # when the review's period ended, the period, the score (plain: 50,000 of them)
Pair = tuple[Score, Score]  # before, after


class ReviewScores:
    """Review scores on the competencies of interest: each attendee's by competency (in period order), and
    everyone's by competency and period (for the comparison group)."""

    def __init__(self, rows: Iterable[tuple[int, str, int, int]], attendees: Set[int]) -> None:
        """`rows`: (employee_id, period, competency_id, score); histories are kept for `attendees` only."""
        self.history: dict[tuple[int, int], list[Score]] = {}
        self.by_period: dict[tuple[int, str], dict[int, int]] = {}
        ends: dict[str, date | None] = {}
        history, by_period = self.history, self.by_period
        for employee_id, period, competency_id, score in rows:
            if period not in ends:
                ends[period] = period_end(period)
            end = ends[period]
            if end is None:
                continue
            if employee_id in attendees:
                history.setdefault((employee_id, competency_id), []).append((end, period, score))
            by_period.setdefault((competency_id, period), {})[employee_id] = score
        for scores in history.values():
            scores.sort()  # by the day the period ended, then its name

    def around(
        self, employee_id: int, competency_id: int, starts: date, ends: date
    ) -> tuple[Score, Score] | None:
        """The last score before `starts` (period ended on or before it) and the first after `ends` (period
        ended after it), or None unless both exist."""
        before: Score | None = None
        after: Score | None = None
        for score in self.history.get((employee_id, competency_id), ()):
            if score[0] <= starts:
                before = score
            elif score[0] > ends and after is None:
                after = score
        if before is None or after is None:
            return None
        return before, after

    def pairs(self, competency_id: int, attendees: Mapping[int, tuple[date, date]]) -> dict[int, Pair]:
        """Each attendee's (employee_id -> first start, last end) scores before and after, for those with both."""
        found: dict[int, Pair] = {}
        for employee_id, (starts, ends) in attendees.items():
            pair = self.around(employee_id, competency_id, starts, ends)
            if pair is not None:
                found[employee_id] = pair
        return found


Sums = tuple[int, int, int]  # before, after, people


class Comparisons:
    """The comparison groups (未参训), summed by department once per course, competency and pair of periods
    (the per-department view asks for the same group once per department)."""

    def __init__(
        self,
        scores: ReviewScores,
        departments: Mapping[int, int | None],
        attended: Mapping[int, Set[int]],
    ) -> None:
        """`departments`: everyone in scope who has not left, with their department; `attended`: by course,
        everyone who ever attended one of its sessions."""
        self._scores = scores
        self._departments = departments
        self._attended = attended
        self._groups: dict[tuple[int, int, str, str], dict[int | None, Sums]] = {}

    def _group(self, course_id: int, competency_id: int, before: str, after: str) -> dict[int | None, Sums]:
        key = (course_id, competency_id, before, after)
        found = self._groups.get(key)
        if found is not None:
            return found
        before_scores = self._scores.by_period.get((competency_id, before), {})
        after_scores = self._scores.by_period.get((competency_id, after), {})
        excluded = self._attended.get(course_id, frozenset())
        sums: dict[int | None, Sums] = {}
        for employee_id in before_scores.keys() & after_scores.keys():
            if employee_id in excluded or employee_id not in self._departments:
                continue
            department = self._departments[employee_id]
            b, a, n = sums.get(department, (0, 0, 0))
            sums[department] = (b + before_scores[employee_id], a + after_scores[employee_id], n + 1)
        self._groups[key] = sums
        return sums

    def figures(
        self,
        course_id: int,
        competency_id: int,
        periods: tuple[str, str],
        department: int | None,
        split: bool,
    ) -> tuple[int, Decimal | None, Decimal | None]:
        """People, mean before and mean after of the group (with `split`: of `department` only)."""
        group = self._group(course_id, competency_id, *periods)
        if split:
            before, after, people = group.get(department, (0, 0, 0))
        else:
            before = sum(b for b, _a, _n in group.values())
            after = sum(a for _b, a, _n in group.values())
            people = sum(n for _b, _a, n in group.values())
        return people, mean_of(before, people), mean_of(after, people)


def competency_effect(
    name: str,
    key: tuple[int, int],
    pairs: Iterable[Pair],
    comparisons: Comparisons,
    *,
    department_id: int | None,
    split: bool,
) -> CompetencyEffect:
    """Before/after means over the attendees' `pairs` of scores on the competency of `key` (course_id,
    competency_id), and its comparison group (with `split`, for the per-department view: of `department_id`
    only)."""
    course_id, competency_id = key
    pairs = list(pairs)
    if not pairs:
        return CompetencyEffect(name, 0, None, None, "", "", 0, None, None)
    counts = Counter((b[1], a[1]) for b, a in pairs)
    order = {(b[1], a[1]): (a[0], b[0], a[1], b[1]) for b, a in pairs}
    periods = max(counts, key=lambda pair: (counts[pair], order[pair]))
    others, others_before, others_after = comparisons.figures(
        course_id, competency_id, periods, department_id, split
    )
    return CompetencyEffect(
        name,
        len(pairs),
        mean([b[2] for b, _a in pairs]),
        mean([a[2] for _b, a in pairs]),
        periods[0],
        periods[1],
        others,
        others_before,
        others_after,
    )
