"""Talent development: internal trainers, nominations, mentoring, the training-needs pool, needs analysis, training effect."""
