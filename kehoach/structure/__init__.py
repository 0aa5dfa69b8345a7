"""Document structure: header, section/item tree, tables, references, signature."""
