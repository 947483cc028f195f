"""Two clerks at once: redemptions never overdraw a balance and approvals never take the stock below zero.

Each clerk is a thread (or a process) with its own Database on the same file (or PostgreSQL server, with
DESKTOP_HR_TEST_DB_URL set), started together at a barrier.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from test_rewards import give
from training_data import building, make_people

from desktop_hr.db import Database, read_only
from desktop_hr.errors import DomainError
from desktop_hr.models import PointEntry, Redemption, RedemptionStatus
from desktop_hr.services.points import ledger
from desktop_hr.services.points.rewards import (
    RedemptionWrongStatus,
    RewardData,
    RewardOutOfStock,
    approve,
    get_reward,
    request_redemption,
    save_reward,
)
from desktop_hr.services.trust.database import open_database

AT = datetime(2026, 3, 10, 10)
REPO = Path(__file__).resolve().parents[3]
Outcome = str | DomainError  # "ok", or the refusal


def at_once(db: Database, works: list[Callable[[Database], object]]) -> list[Outcome]:
    """Run each work in its own thread on its own Database, all released together; their outcomes."""
    outcomes: list[Outcome | None] = [None] * len(works)
    failures: list[BaseException] = []
    barrier = threading.Barrier(len(works))

    def run(index: int) -> None:
        own = open_database(db.url, migrate=False)
        own.principal = db.principal
        try:
            barrier.wait()
            works[index](own)
            outcomes[index] = "ok"
        except DomainError as refused:
            outcomes[index] = refused
        except BaseException as error:  # a bug: the test reports it
            failures.append(error)
        finally:
            own.dispose()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failures, failures
    assert all(o is not None for o in outcomes)
    return [o for o in outcomes if o is not None]


def ledger_lines(db: Database, employee_id: int) -> list[int]:
    with read_only(db) as s:
        return list(
            s.scalars(
                select(PointEntry.points).where(PointEntry.employee_id == employee_id).order_by(PointEntry.id)
            )
        )


@pytest.fixture
def setup(db: Database) -> tuple[int, int, int]:
    """(张三, 李四, a reward costing 100 with one in stock)."""
    with building(db) as s:
        zhang, li = make_people(s, {"00001": "张三", "00002": "李四"})
    return zhang.id, li.id, save_reward(db.uow(), RewardData("限量礼品", 100, stock=1))


def test_two_threads_requesting_with_points_for_one(db: Database, setup: tuple[int, int, int]) -> None:
    zhang, _li, reward = setup
    give(db, zhang, 150)

    def request(own: Database) -> int:
        return request_redemption(own.uow(), zhang, reward, at=AT)

    outcomes = at_once(db, [request, request])
    assert outcomes.count("ok") == 1
    refused = next(o for o in outcomes if o != "ok")
    assert isinstance(refused, ledger.InsufficientPoints)
    assert "50" in refused.message()  # the refusal saw the first clerk's hold
    assert ledger_lines(db, zhang) == [150, -100]
    with read_only(db) as s:
        assert ledger.balance(s, zhang) == 50
        assert len(s.scalars(select(Redemption)).all()) == 1


def test_two_processes_never_overdraw(db: Database, setup: tuple[int, int, int], tmp_path: Path) -> None:
    """Four programs on the same database, points for two requests: two succeed, the balance ends at 50."""
    zhang, _li, _reward = setup
    reward = save_reward(db.uow(), RewardData("带薪假2天", 100))
    give(db, zhang, 250)
    go = tmp_path / "go"
    script = (
        "import sys, time, pathlib\n"
        "from datetime import datetime\n"
        "from desktop_hr.services.trust.database import open_database\n"
        "from desktop_hr.errors import DomainError\n"
        "from desktop_hr.services.points.rewards import request_redemption\n"
        "url, employee, reward, go = sys.argv[1:5]\n"
        "from desktop_hr.models import Role\n"
        "from desktop_hr.services.trust.permissions import Principal\n"
        "db = open_database(url, migrate=False)\n"
        "db.principal = Principal(name='p', role=Role.ADMIN)\n"
        "while not pathlib.Path(go).exists():\n"
        "    time.sleep(0.005)\n"
        "try:\n"
        "    request_redemption(db.uow(), int(employee), int(reward), at=datetime(2026, 3, 10))\n"
        "    print('ok')\n"
        "except DomainError as refused:\n"
        "    print(type(refused).__name__)\n"
        "db.dispose()\n"
    )
    url = db.url.render_as_string(hide_password=False)
    programs = [
        subprocess.Popen(
            [sys.executable, "-c", script, url, str(zhang), str(reward), str(go)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    go.touch()
    results = [p.communicate(timeout=120) for p in programs]
    assert all(p.returncode == 0 for p in programs), [err for _out, err in results]
    said = sorted(out.strip() for out, _err in results)
    assert said == ["InsufficientPoints", "InsufficientPoints", "ok", "ok"]
    assert ledger_lines(db, zhang) == [250, -100, -100]
    with read_only(db) as s:
        assert ledger.balance(s, zhang) == 50


def test_the_last_in_stock_approved_twice_at_once(db: Database, setup: tuple[int, int, int]) -> None:
    zhang, li, reward = setup
    give(db, zhang, 100)
    give(db, li, 100)
    first = request_redemption(db.uow(), zhang, reward, at=AT)
    second = request_redemption(db.uow(), li, reward, at=AT)

    outcomes = at_once(
        db,
        [lambda own: approve(own.uow(), first, at=AT), lambda own: approve(own.uow(), second, at=AT)],
    )
    assert outcomes.count("ok") == 1
    assert any(isinstance(o, RewardOutOfStock) for o in outcomes)
    with read_only(db) as s:
        assert get_reward(s, reward).stock == 0
        statuses = sorted(s.scalars(select(Redemption.status)))
    assert statuses == sorted([RedemptionStatus.APPROVED, RedemptionStatus.REQUESTED])


def test_one_redemption_approved_by_two_clerks_at_once(db: Database, setup: tuple[int, int, int]) -> None:
    zhang, _li, _limited = setup
    plenty = save_reward(db.uow(), RewardData("远程办公2天", 100, stock=5))
    give(db, zhang, 100)
    only = request_redemption(db.uow(), zhang, plenty, at=AT)

    outcomes = at_once(db, [lambda own: approve(own.uow(), only, at=AT)] * 2)
    assert outcomes.count("ok") == 1
    assert any(isinstance(o, RedemptionWrongStatus) for o in outcomes)
    with read_only(db) as s:
        assert get_reward(s, plenty).stock == 4  # taken once
