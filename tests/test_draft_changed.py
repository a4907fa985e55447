"""``fields.changed`` (the import's quick ``dataclasses.replace``) makes exactly what ``replace`` makes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ntm_desktop.services.kinds.assessment_draft import AssessmentDraft
from ntm_desktop.services.kinds.fields import changed
from ntm_desktop.services.ledger.values import HelpDraft, ItemDraft


def test_changed_is_replace() -> None:
    help_draft = HelpDraft(date(2024, 3, 1), "Xây nhà", ("s-1",), (ItemDraft("cash", Decimal(5), "đồng"),))
    assessment = AssessmentDraft(2024, indicator="2.1", value=85)
    for draft, values in (
        (help_draft, {"supporters": ("uid-1",)}),
        (assessment, {"set_id": "qd318-2022", "met": True, "basis": "≥ 80"}),
    ):
        made = changed(draft, **values)
        assert made == replace(draft, **values)
        assert repr(made) == repr(replace(draft, **values))
        assert hash(made) == hash(replace(draft, **values))
        assert made is not draft and draft == replace(draft)  # the draft itself is left as it was
    with pytest.raises(TypeError):
        changed(assessment, set_idd="qd318-2022")
