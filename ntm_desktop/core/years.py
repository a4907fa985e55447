"""The years the app works with: 2000–2100.

This is the app's own range, not a legal rule: every year box and ``--year`` option takes a year from
2000 to 2100 (the ledger's year totals, reports, the sync profile), so a record dated outside it could be
saved and then never be shown for its year. The ledger's checks refuse such a date, and the entry forms'
date boxes do not go past it.
"""

from __future__ import annotations

FIRST_YEAR = 2000
LAST_YEAR = 2100
