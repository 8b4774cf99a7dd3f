def extract_cases(ctx): return []
