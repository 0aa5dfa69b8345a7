"""Reading files: bytes or a path -> normalised text and Source (encodings, Word, PDF, HTML)."""
