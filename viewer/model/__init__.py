"""The Qt-free core: parsing exports into typed profiles, problems, attribute data.

Nothing under ``viewer.model`` imports Qt; a test keeps it that way.
"""
