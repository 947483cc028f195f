"""Accounts, permissions and the write guard, the audit trail, backups and restores."""
