"""The Textual UI: the App, one Screen per canvas, shared widgets. Styles live beside their code."""
