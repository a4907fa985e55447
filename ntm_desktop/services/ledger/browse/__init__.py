"""Browsing the help ledger fast, with no Qt: its records held in columns (:mod:`.index`), the item
quantities under any filter (:mod:`.quantities`), and a cache file that spares the first read (:mod:`.cache`).
The ledger page's table model sits on top of these."""
