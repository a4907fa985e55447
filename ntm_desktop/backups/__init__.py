"""Backups of a data file: automatic copies on closing, one-file backups to a USB stick, restoring.

Usable without an open workspace (restoring replaces the file a workspace would hold open):

    from ntm_desktop.backups import service
    made = service.create(db_path, usb_folder)                # one .ntmbackup file, verified
    shown = service.preview(made.path)                        # unit, date (Vietnam time), counts
    service.restore(made.path, db_path)                       # the current file is kept first

``auto`` keeps the copies made on closing, ``health`` checks a file when it is opened.
"""
