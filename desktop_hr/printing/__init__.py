"""ReportLab documents for inspections: certificates, sign-in sheets, archive cards, reports (no Qt here)."""
