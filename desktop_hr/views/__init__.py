"""Every line of PySide6: the main window, one module per tab, dialogs, item models and the background runner."""
