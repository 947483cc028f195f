"""The Home tab: what is due today and the dashboard charts."""
