"""The overview of a whole export (or a search result): key figures, charts, the attribute catalogue."""
