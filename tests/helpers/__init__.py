"""Builders and tools the tests share; none of these modules holds a test."""
