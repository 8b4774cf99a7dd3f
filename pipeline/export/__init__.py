"""Export: results to files (JSON per document; Parquet tables for an archive)."""
