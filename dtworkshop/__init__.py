"""dtworkshop: a terminal workshop companion for digital transformation workshops.

The method follows "Det er dig, der er den! Toplederens ni gode råd til digitale
transformationer" (Væksthus for Ledelse): nine pieces of advice, each backed by a model
that the app shows as a canvas.
"""

__version__ = "0.1.0"
