"""What each audited action is called in a record's history (``ws.history``, File › History…, ``history ID``).

Every action the app writes into the audit has words here, the commune's and the receiving office's
alike: a raw ``receiver.expect`` in a history is a word the officer cannot read. Record kinds share the
last word of their action (``help.add``, ``supporter.add`` … "Created"); every other action is named
whole. ``tests/test_action_words.py`` reads the code's audit calls and fails on an action with no words.
"""

from __future__ import annotations

from collections.abc import Callable

from ntm_desktop.core.i18n import tr

_LAST: dict[str, Callable[[], str]] = {
    "add": lambda: tr("Created"),
    "record": lambda: tr("Recorded"),
    "update": lambda: tr("Changed"),
    "remove": lambda: tr("Removed"),
    "restore": lambda: tr("Restored from the trash"),
    "import": lambda: tr("Imported from a file"),
    "attach": lambda: tr("Evidence file attached"),
    "detach": lambda: tr("Evidence file removed"),
    "target": lambda: tr("Target set"),
    "rejudge": lambda: tr("Judged again against the criteria in force"),
}
"""A record's own actions, by their last word (``help.evidence.attach`` → attach)."""

_WHOLE: dict[str, Callable[[], str]] = {
    "unit.setup": lambda: tr("Unit details set up"),
    "unit.update": lambda: tr("Unit details changed"),
    "unit.former_receiving_unit": lambda: tr("Former receiving unit recorded"),
    "criteria.install": lambda: tr("Built-in criteria set installed"),
    "criteria.edited": lambda: tr("Criteria set edited"),
    "criteria.xlsx": lambda: tr("Criteria set loaded from an Excel file"),
    "criteria.file": lambda: tr("Criteria set loaded from a file"),
    "criteria.sync": lambda: tr("Criteria set received from the receiving unit"),
    "criteria.use": lambda: tr("Criteria set chosen for the years"),
    "criteria.seen": lambda: tr("The receiving unit's choice of criteria seen"),
    "settings.set": lambda: tr("Setting changed"),
    "certificate.trust": lambda: tr("Certificate trusted"),
    "certificate.untrust": lambda: tr("Certificate no longer trusted"),
    "signing.signature_image": lambda: tr("Signature image set"),
    "signing.seal_image": lambda: tr("Seal image set"),
    "backup.restore": lambda: tr("Restored from a backup: continues as a new device"),
    "receiver.expect": lambda: tr("Added to the communes expected to report"),
    "receiver.merge": lambda: tr("Recorded as merged into another commune"),
    "receiver.recognise": lambda: tr("Recognition recorded or withdrawn"),
    "receiver.status": lambda: tr("Review status set"),
    "receiver.amendment": lambda: tr("Amendment request received"),
    "receiver.amendment.accepted": lambda: tr("Amendment request accepted"),
    "receiver.amendment.rejected": lambda: tr("Amendment request rejected"),
    "sync.export": lambda: tr("Bundle written"),
    "sync.import": lambda: tr("Bundle received"),
    "sync.update": lambda: tr("Received in a bundle"),
    "sync.remove": lambda: tr("Removed, as received in a bundle"),  # at the other end, or a duplicate
    "sync.unit": lambda: tr("Commune details received in a bundle"),
    "sync.resolve": lambda: tr("Sync conflict resolved"),
    "sync.correction": lambda: tr("Correction requested"),
    "sync.correction.close": lambda: tr("Correction request closed"),
    "sync.recognition": lambda: tr("Recognition received from the receiving unit"),
    "sync.decision": lambda: tr("Decision received from the receiving unit"),
    "sync.receipt": lambda: tr("Receipt of a bundle"),
    "sync.trust": lambda: tr("Key trusted"),
    "sync.revoke": lambda: tr("Key revoked"),
    "sync.office.create": lambda: tr("Office key created"),
    "sync.office.certify": lambda: tr("A commune's key certified"),
    "sync.office.revoke": lambda: tr("A commune's key certificate revoked"),
    "sync.office.replace": lambda: tr("Certificate of the replaced office key set aside"),
    "sync.office.backup": lambda: tr("Office key backed up"),
    "sync.office.restore": lambda: tr("Office key restored"),
    "sync.office.passphrase": lambda: tr("Office key passphrase changed"),
    "sync.rollup.export": lambda: tr("Roll-up bundle written"),
    "sync.rollup.import": lambda: tr("Roll-up bundle received"),
    "sync.rollup.signoff": lambda: tr("Review status received in a roll-up"),
    "sync.rollup.recognition": lambda: tr("Recognition received in a roll-up"),
    "sync.rollup.amendment": lambda: tr("Amendment request received in a roll-up"),
    "sync.rollup.history": lambda: tr("Review history received in a roll-up"),
}
"""Every other action, named whole."""


def known_label(action: str) -> str | None:
    """The words for ``action`` in the current language; None when it has none."""
    whole = _WHOLE.get(action)
    if whole is not None:
        return whole()
    last = _LAST.get(action.rsplit(".", 1)[-1])
    return None if last is None else last()


def action_label(action: str) -> str:
    """``help.add`` → "Created", ``receiver.expect`` → "Added to the communes expected to report" …
    (the raw action only for one written by a later version)."""
    return known_label(action) or action
