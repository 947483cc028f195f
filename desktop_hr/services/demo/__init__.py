"""Realistic demo data: the archive, a year of training and its points."""
