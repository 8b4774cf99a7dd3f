from pipeline.models import Coverage
def build_outline(doc, profile, head): return [], Coverage(chars_total=len(doc.text), chars_in_sections=0, share_in_sections=0.0)
