"""The sample commune most tests set up (the ``ws`` fixture), and the bare one the window tests open."""

from __future__ import annotations

from ntm_desktop.core.units import Officer, UnitProfile

SAMPLE_UNIT = UnitProfile(
    code="01234",
    name="Xã Bằng Thành",
    province_code="19",
    region="TDMNPB",
    group=3,
    villages=("Bằng Thành II", "Nà Phầy"),
    officers=(Officer("Nguyễn Văn A", "Chủ tịch UBND xã", "TM", True),),
)

BARE_UNIT = UnitProfile(
    code="01234",
    name="Xã Bằng Thành",
    province_code="19",
    region="TDMNPB",
    officers=(Officer("Hoàng Văn Thắng", "Chủ tịch UBND xã", is_signer=True),),
)
"""The same commune with only what the setup wizard asks for first: no group, no villages."""
