"""Tổng quan hỗ trợ: the year's help and criteria in charts."""
