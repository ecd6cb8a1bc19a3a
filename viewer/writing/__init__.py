"""Taking profiles away (no Qt): CSV, NDJSON and JSON files, and tab-separated rows for the clipboard.

``export_profiles`` writes a file safely (a temporary file renamed into place
when complete, never over a file the export was read from) with the
``progress(done, total)`` and ``cancelled()`` callbacks ``viewer.load`` has.
"""
