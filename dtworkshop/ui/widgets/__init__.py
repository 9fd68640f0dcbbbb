"""Widgets shared by the canvas screens."""
