"""Search: documents from every feature, one Whoosh index per language (behind index.py)."""
