"""Screens that are not canvases: the session list and the small dialogs."""
