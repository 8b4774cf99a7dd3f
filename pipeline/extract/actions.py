def extract_actions(ctx): return []
