"""The help ledger as Excel: export with totals, a template to hand out, and import with a preview.

export_ledger(ws, Path("so-ho-tro-2023.xlsx"), year=2023)
write_template(Path("mau-so-ho-tro.xlsx"))
pv = preview(ws, Path("so-ho-tro-da-dien.xlsx"))    # nothing written; pv.problems, pv.text()
result = apply(ws, pv)                              # all or nothing
"""

from ntm_desktop.export.xlsx.importer import XlsxPreview, apply, preview
from ntm_desktop.export.xlsx.writer import export_ledger, write_template

__all__ = ["XlsxPreview", "apply", "export_ledger", "preview", "write_template"]
