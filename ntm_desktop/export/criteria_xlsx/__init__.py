"""A criteria set as an Excel workbook: written for a clerk to fill from Phụ lục I, read back with a
preview that names the cell of every problem, then stored as one new revision (all or nothing).

write_set(cs, Path("bo-tieu-chi.xlsx"))
write_template(Path("mau-bo-tieu-chi.xlsx"), "group")
pv = preview(ws, Path("bo-tieu-chi-da-dien.xlsx"))     # nothing written; pv.problems, pv.text()
cs, changes = apply(ws, pv)
"""

from ntm_desktop.export.criteria_xlsx.importing import SetPreview, apply, preview
from ntm_desktop.export.criteria_xlsx.writer import write_set, write_template

__all__ = ["SetPreview", "apply", "preview", "write_set", "write_template"]
