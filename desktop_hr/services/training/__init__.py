"""Training operations: courses, sessions, enrolment, sign-in, submissions, exams and feedback, history, reminders, the dashboard."""
