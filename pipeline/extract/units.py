def extract_divisions(ctx): return []
