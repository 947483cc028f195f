"""Excel import, export and templates for every kind."""
