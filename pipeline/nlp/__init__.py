"""Optional NLP layers on top of the rules (CKIP models from a local folder; spaCy export)."""
