"""NTM Desktop: offline records of a commune's New Rural Development (nông thôn mới) progress."""

__version__ = "0.2.0"
