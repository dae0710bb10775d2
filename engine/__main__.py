"""``python -m engine``: the ``backplan`` command, where its script is not on the PATH (a
virtual environment not activated, say)."""

from engine.command import main

main()
