"""What the attribute tree looked like, carried across profiles and filters.

Rows are remembered by key path (``Node.path_keys``), not by index, so opening
``Address`` in one profile opens it in the next, the selected attribute stays
selected, and each profile scrolls back to where the user left it. Expansion done
by the program (filters, restoring) is not recorded: only the user's own clicks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QModelIndex, QObject, QPoint, Slot
from PySide6.QtWidgets import QAbstractItemView

from viewer.attributes.nodes import Node
from viewer.attributes.tree import AttributeTree
from viewer.ui.attributes.tree_view import AttributeTreeView

PATH_MEMORY = 5000  # remembered expanded paths across profiles


class AttributeViewMemory(QObject):
    """Expanded paths, the selected path and per-profile scroll positions of one tree view."""

    def __init__(self, view: AttributeTreeView) -> None:
        super().__init__(view)
        self._view = view
        self._model = view.attribute_model()
        self._tracking = True  # expansion signals update the remembered paths
        self._expanded_paths: dict[tuple, bool] = {}
        self._scroll_paths: dict[object, tuple] = {}
        self._last_top: tuple | None = None
        self._current_path: tuple | None = None
        view.expanded.connect(self._on_expanded)
        view.collapsed.connect(self._on_collapsed)

    @contextmanager
    def untracked(self) -> Iterator[None]:
        """Expansion changes made inside are the program's, not the user's: forget them."""
        self._tracking = False
        try:
            yield
        finally:
            self._tracking = True

    def note_current(self, node: Node) -> None:
        """``node`` was selected: select it again in the next profile and after filters."""
        self._current_path = node.path_keys()

    def remember(self, key: object) -> None:
        """Note the top row shown (unfiltered only), also as profile ``key``'s scroll position."""
        top = self._model.node(self._view.indexAt(QPoint(1, 1)))
        if top is not None and self._model.filter_result is None:
            self._last_top = top.path_keys()
            if key is not None:
                self._scroll_paths[key] = self._last_top

    def restore(self, tree: AttributeTree, key: object, reveal_current: bool = False) -> None:
        """Expand the remembered paths, select the remembered node, scroll as before.

        ``reveal_current``: open the selected node's ancestors and scroll to it (after
        a filter is cleared, the row the user picked while filtering stays in sight).
        """
        view, model = self._view, self._model
        indexes = []
        for path, expanded in self._expanded_paths.items():
            node = tree.find(path) if expanded else None
            if node is not None and node.is_container:
                indexes.append(model.index_for_node(node))
        with self.untracked():
            view.set_expanded_many(indexes)
        current = tree.find(self._current_path) if self._current_path is not None else None
        if current is not None and current.parent is not None:
            index = model.index_for_node(current)
            view.setCurrentIndex(index)
            if reveal_current:
                up = index.parent()
                while up.isValid():
                    view.expand(up)
                    up = up.parent()
                view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                return
        top_path = self._scroll_paths.get(key) if key is not None else None
        node = tree.find(top_path or self._last_top or ())
        if node is not None and node.parent is not None:
            view.scrollTo(model.index_for_node(node), QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            view.scrollToTop()

    def reselect(self, tree: AttributeTree) -> bool:
        """After a reset, select the same node again if it is still shown; False if it is not."""
        node = tree.find(self._current_path) if self._current_path else None
        index = self._model.index_for_node(node) if node is not None else QModelIndex()
        if index.isValid():
            self._view.setCurrentIndex(index)
            self._view.scrollTo(index)
            return True
        self._view.setCurrentIndex(QModelIndex())
        self._view.scrollToTop()
        return False

    @Slot(QModelIndex)
    def _on_expanded(self, index: QModelIndex) -> None:
        self._note_expansion(index, True)

    @Slot(QModelIndex)
    def _on_collapsed(self, index: QModelIndex) -> None:
        self._note_expansion(index, False)

    def _note_expansion(self, index: QModelIndex, expanded: bool) -> None:
        if not self._tracking or self._model.filter_result is not None:
            return
        node = self._model.node(index)
        if node is None:
            return
        path = node.path_keys()
        self._expanded_paths.pop(path, None)
        self._expanded_paths[path] = expanded  # re-insert: the newest stay longest
        if len(self._expanded_paths) > PATH_MEMORY:
            del self._expanded_paths[next(iter(self._expanded_paths))]
