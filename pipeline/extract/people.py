def extract_people(ctx): return []
