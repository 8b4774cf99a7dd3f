def extract_dates(ctx): return [], []
