"""The main window's pages, built by :mod:`.registry` for the workspace's role."""
