"""Đồng bộ: signed bundles on a USB stick, for a commune and for the office that receives its data."""
