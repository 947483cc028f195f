"""The printing tab, the PDF preview and the print settings."""
