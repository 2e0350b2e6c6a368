"""Building the compiled vocabulary: public vocabularies (MeSH, HGNC, GO) turned into typed concepts.

``osteoheme vocabulary build`` runs this once at build time; the pipeline only reads the result
(``resources/vocabulary/``), so no vocabulary package is needed at run time.
"""
