"""Sign-in, accounts, the audit tab and backups."""
