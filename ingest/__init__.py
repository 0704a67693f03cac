"""Ingest: loaders, structure-aware chunking, Chroma and BM25 indexes."""
