"""Packages: everything under ``ntm_desktop/``, plus the top-level ``resources/`` folder installed as
``ntm_desktop.resources`` (the project metadata is in ``pyproject.toml``)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["ntm_desktop", "ntm_desktop.*"]), "ntm_desktop.resources"],
    package_dir={"ntm_desktop.resources": "resources"},
    package_data={
        "ntm_desktop": ["db/migrations/*.mako", "db/migrations/versions/*.py"],
        "ntm_desktop.resources": [
            "criteria/*.json",
            "i18n/*/*.json",
            "icons/*.svg",
            "signing/*.json",
            "guide/*/*.html",
            "guide/img/*.png",
            "guide/img/*/*.png",  # the English guide's pictures (img/en)
        ],
    },
)
