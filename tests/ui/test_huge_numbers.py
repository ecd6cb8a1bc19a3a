"""Numbers far beyond 64 bits (and beyond CPython's 4,300-digit str() limit) show every digit."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.window.test_main_window import open_and_wait

DIGITS = 5000


def test_huge_integers_are_shown_whole_everywhere(qtbot, window, tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(
        b'[{"integrationId": "URN-huge", "id": ' + b"7" * DIGITS
        + b', "totalSales": ' + b"8" * DIGITS
        + b', "created": "2020-06-10T09:05:27Z", "attributes": {"Score": ' + b"9" * DIGITS
        + b'}, "audienceMemberships": [{"id": ' + b"3" * DIGITS + b', "name": "Big"}]}]'
    )
    open_and_wait(qtbot, window, [str(path)])

    texts = [label.text() for label in window.panel.findChildren(QLabel)]
    assert any(text.startswith("777") and text.count("7") == DIGITS for text in texts)
    assert "8" * DIGITS + ".00" in [text.replace(",", "") for text in texts]  # money: grouped, two decimals
    model = window.table.model()
    assert model.index(0, 0).data().count("7") == DIGITS

    window.search.setText("99999")
    qtbot.waitUntil(lambda: window.count_label.text().startswith("1 of 1"))
