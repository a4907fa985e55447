"""The first-run wizard (``SetupWizard.ask``)."""

from ntm_desktop.ui.wizard.wizard import SetupWizard

__all__ = ["SetupWizard"]
