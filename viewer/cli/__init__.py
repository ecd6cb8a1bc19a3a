"""The console commands of ``audience-viewer`` (no Qt): one module per command.

``check`` (``--check``), ``summary`` (``--summary``), ``query`` (``--query``,
``--count``), ``export`` (``--export``) and ``compare`` (``--compare``).
``viewer.app`` parses the command line and calls the one asked for; each
writes readable text (or one JSON object with ``--json``) and returns the exit
status. ``standard_input`` makes ``-`` as a FILE read standard input.
"""
