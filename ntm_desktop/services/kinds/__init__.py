"""The kinds of record: each declared once, every reader and writer going through that declaration.

See :mod:`ntm_desktop.services.kinds.store` for what a kind declares, and :data:`registry.KINDS` for
the list. Adding a kind or a field is described in ``docs/ARCHITECTURE.md`` ("Kinds of record").
"""
