"""Two clerks' programs on one PostgreSQL server at the same moment, many times over: redeeming never
overdraws, awarding never awards twice, and of two dialogs saving one employee the second is refused.

Each clerk is a process (race_worker.py) that reads what it needs, says it is ready, and waits for a start
file; both are released together. SQLite lets one writer in at a time (BEGIN IMMEDIATE); PostgreSQL has to be
shown: db.py gives its write transactions one lock too, and each service locks the rows it checks.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from databases import postgresql_only
from sqlalchemy import func, select
from test_rewards import give
from training_data import building, enrol, make_course, make_people, make_session, sign_in

from desktop_hr.db import Database, read_only
from desktop_hr.models import PointEntry, Redemption
from desktop_hr.services.archive import employees as emp
from desktop_hr.services.points import awards, ledger
from desktop_hr.services.points.rewards import RewardData, save_reward

pytestmark = postgresql_only

REPO = Path(__file__).resolve().parents[3]
WORKER = Path(__file__).with_name("race_worker.py")
ROUNDS = 6
ON_TIME = datetime(2026, 3, 10, 10)  # when race_worker signs in
_starts = itertools.count(1)


def race(db: Database, folder: Path, *workers: tuple[object, ...]) -> list[str]:
    """Run each worker (ACTION, ARG...) in its own process, released together; what they said, sorted."""
    start = folder / f"start{next(_starts)}"
    url = db.url.render_as_string(hide_password=False)
    programs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), url, str(start), *map(str, worker)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in workers
    ]
    deadline = time.monotonic() + 120
    while len(list(folder.glob(f"{start.name}.ready.*"))) < len(programs):
        if any(p.poll() is not None for p in programs) or time.monotonic() > deadline:
            break  # a program died before it was ready: its traceback is reported below
        time.sleep(0.01)
    start.touch()
    results = [p.communicate(timeout=120) for p in programs]
    crashes = [
        err.strip().splitlines()[-3:]
        for (_out, err), p in zip(results, programs, strict=True)
        if p.returncode
    ]
    assert not crashes, crashes
    return sorted(out.strip() for out, _err in results)


def test_two_programs_redeeming_with_points_for_one(db: Database, tmp_path: Path) -> None:
    with building(db) as s:
        [zhang] = make_people(s, {"00001": "张三"})
        zhang_id = zhang.id
    reward = save_reward(db.uow(), RewardData("赛跑礼品", 100))
    for round_ in range(ROUNDS):
        give(db, zhang_id, 150 if round_ == 0 else 100)  # 150 at the start of each round
        ok, refused = race(db, tmp_path, ("redeem", zhang_id, reward), ("redeem", zhang_id, reward))
        assert ok.startswith("ok ")
        assert refused.startswith("refused InsufficientPoints:") and "00001" in refused, refused
        with read_only(db) as s:
            assert ledger.balance(s, zhang_id) == 50
    with read_only(db) as s:
        lines = list(
            s.scalars(
                select(PointEntry.points).where(PointEntry.employee_id == zhang_id).order_by(PointEntry.id)
            )
        )
        redemptions = s.scalar(select(func.count()).select_from(Redemption))
    assert min(itertools.accumulate(lines)) >= 0, lines  # never below zero, at any point of the ledger
    assert redemptions == ROUNDS


def award_nets(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    """(the points each automatic award should have, the ledger's net per award key)."""
    with read_only(db) as s:
        desired = {key: award.points for key, award in awards.desired_awards(s).items()}
        nets = s.execute(
            select(PointEntry.award_key, func.sum(PointEntry.points))
            .where(PointEntry.award_key.is_not(None), PointEntry.rule_code.in_(awards.AUTOMATIC))
            .group_by(PointEntry.award_key)
        )
        return desired, {str(key): int(points) for key, points in nets}


def test_two_programs_awarding_the_same_attendance(db: Database, tmp_path: Path) -> None:
    """Two recomputes of a sign-in recorded without its award, or two sign-ins of one person at once."""
    with building(db) as s:
        course_id = make_course(s).id
        [zhang] = make_people(s, {"00001": "张三"})
        zhang_id = zhang.id
    for round_ in range(ROUNDS):
        with building(db) as s:
            training = make_session(s, course_id, f"S{round_:02d}", ON_TIME)
            enrol(s, training, zhang_id)
            session_id = training.id
            if round_ % 2 == 0:
                sign_in(s, training, zhang_id)  # as an older version left it: no award yet
        if round_ % 2 == 0:
            said = race(db, tmp_path, ("recompute",), ("recompute",))
            assert said == ["ok 0", "ok 1"]  # how many awards each added: one, then none left to add
        else:
            said = race(db, tmp_path, ("sign-in", session_id, "00001"), ("sign-in", session_id, "00001"))
            assert said == ["ok ALREADY", "ok SIGNED_IN"]
        desired, nets = award_nets(db)
        assert len(desired) == round_ + 1  # one award per session attended
        assert nets == desired  # each award once: the rule's points, not twice
    assert awards.recompute(db.uow()).added == 0


def test_two_dialogs_saving_the_same_employee(db: Database, tmp_path: Path) -> None:
    zhang = emp.create_employee(db.uow(), emp.EmployeeData(employee_no="00012", name="张三"))
    for round_ in range(ROUNDS):
        phone, title = f"1380000000{round_}", f"职称{round_}"
        ok, refused = race(db, tmp_path, ("edit", zhang, "phone", phone), ("edit", zhang, "title", title))
        version = 2 * round_ + 2  # each round: the winner's version, then the loser's second try
        assert ok == f"ok {version}"
        assert (
            refused == "refused EmployeeChangedElsewhere: 员工 00012 张三 已被其他人修改，请重新打开后再改。"
        )
        with read_only(db) as s:
            stored = emp.get_employee(s, zhang)
        assert (stored.phone == phone) != (stored.title == title)  # exactly the winner's change
        assert stored.version == version
        # The loser reopens and saves again: both changes are kept.
        emp.update_employee(db.uow(), zhang, replace(stored, phone=phone, title=title))
