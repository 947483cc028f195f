"""What printing and verification read: certificates, the print log, print settings, report data."""
