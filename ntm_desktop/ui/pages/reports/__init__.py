"""The Reports page: make, preview, sign, save and print reports; check signed PDFs."""
