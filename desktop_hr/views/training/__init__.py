"""Courses, sessions, a session's page and its panels, the sign-in kiosk."""
