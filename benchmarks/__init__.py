"""Timing and memory scripts with their data generators; run them with `python -m benchmarks.<name>`."""
