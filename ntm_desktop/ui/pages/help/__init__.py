"""Hỗ trợ nhận được: the help ledger's page (ledger, overview, supporters, cadres, events)."""
