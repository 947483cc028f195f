"""Alembic migrations, run automatically when a database is opened."""
