"""Convenantassistent: retrieval, answering and the financing calculator."""
