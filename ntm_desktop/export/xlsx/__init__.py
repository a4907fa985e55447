"""The help ledger as Excel: export with totals, and a template to hand out (the sheet's layout and
reading it are here too; importing a filled-in sheet is :mod:`ntm_desktop.records.excel`).

export_ledger(ws, Path("so-ho-tro-2023.xlsx"), year=2023)
write_template(Path("mau-so-ho-tro.xlsx"))
"""

from ntm_desktop.export.xlsx.writer import export_ledger, write_template

__all__ = ["export_ledger", "write_template"]
