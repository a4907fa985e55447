"""The app's data files, installed as the package ``ntm_desktop.resources`` (see ``setup.py``).

``criteria/`` the national criteria sets, ``i18n/`` the Vietnamese catalogues, ``icons/`` the sidebar icons,
``guide/`` the user guide (Help › User guide) and its pictures.
Code reaches them through :mod:`ntm_desktop.core.resources`, never through a path of its own.
"""
