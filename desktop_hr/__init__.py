"""desktop_hr: offline desktop program for the training side of HR (archive, training, points, printing)."""

__version__ = "0.1.0"
