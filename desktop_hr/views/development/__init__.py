"""Talent development tabs: internal trainers, mentoring, the needs pool, needs analysis, training effect."""
