"""The employees tab and its dialogs, panels and models."""
