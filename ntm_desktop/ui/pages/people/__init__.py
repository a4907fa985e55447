"""Cán bộ tăng cường and Hoạt động: seconded cadres and events."""
