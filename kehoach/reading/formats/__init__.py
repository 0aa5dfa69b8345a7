"""The readers of document formats: .docx, .doc, .pdf, .html -> the text a .txt gives."""
