"""Auditor tools: the 列管 case ledger, overdue action items, the HTML review page."""
