"""What counts as having come to a session and when an action plan is due: read by training, points and
records alike, so it sits below all three (points' awards read it; the training services call the awards)."""

from __future__ import annotations

from desktop_hr.models import AttendanceStatus

# Statuses that mean the person came (or completed online): a second scan changes nothing; the course's
# hours and credits are earned (history), and an assignment is expected (submissions).
ATTENDED = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.COMPLETED})

# DOMAIN.md: an action plan is due 30 calendar days after the session (on the 30th day is on time).
ACTION_PLAN_DAYS = 30
