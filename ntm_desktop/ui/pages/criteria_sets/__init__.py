"""Bộ tiêu chí: the criteria sets of this data file, the editor for one, Excel and revisions."""
