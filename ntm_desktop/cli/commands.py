"""The registry of commands. Each ``cmd_*`` module adds its subcommands with a ``handler``."""

from __future__ import annotations

import argparse
from typing import Any

from ntm_desktop.cli import (
    cmd_backup,
    cmd_criteria,
    cmd_help,
    cmd_keys,
    cmd_progress,
    cmd_receiver,
    cmd_records,
    cmd_report,
    cmd_setup,
    cmd_signing,
    cmd_supporters,
    cmd_sync,
    cmd_trash,
)

MODULES: list[Any] = [
    cmd_setup,
    cmd_criteria,
    cmd_progress,
    cmd_records,
    cmd_help,
    cmd_supporters,
    cmd_report,
    cmd_signing,
    cmd_sync,
    cmd_keys,
    cmd_receiver,
    cmd_backup,
    cmd_trash,
]


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    for module in MODULES:
        module.register(sub, common)


def names() -> list[str]:
    return [name for module in MODULES for name in getattr(module, "NAMES", ())]
