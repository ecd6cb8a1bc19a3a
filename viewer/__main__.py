"""``python -m viewer``: the same entry point as ``audience-viewer``."""

from viewer.app import main

raise SystemExit(main())
