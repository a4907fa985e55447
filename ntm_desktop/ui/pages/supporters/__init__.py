"""Đơn vị hỗ trợ: supporters, their assignments and what they gave."""
