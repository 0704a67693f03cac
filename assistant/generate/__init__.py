"""Answer writers: the optional language-model writer (``llm``) and its citation checker
(``verify``); the local model server lives in ``local_server``."""
