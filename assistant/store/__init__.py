"""The index store, shared by reader and writer: its layout (``layout``), the Chroma connection,
the BM25 keyword index, the answer-unit table, the covenant terms file, reader leases, and the
index reader. The writer is ``ingest.index``."""
