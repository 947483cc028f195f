"""The requirements area of the window: the Requirements tab, the requirement dialog, the credit-recognition
table, and each employee's standing and growth view."""
