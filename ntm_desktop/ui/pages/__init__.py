"""The main window's pages: overview, criteria, and honest placeholders for what comes next."""
