"""The project's own exception types. Each message names the bad file or value."""


class ConvenantError(Exception):
    """Base class of every error this project raises on purpose."""


class ConfigError(ConvenantError):
    """A setting has a value we cannot use."""


class IngestError(ConvenantError):
    """A file could not be read or indexed; the message names the file and the step."""


class IndexMismatchError(ConvenantError):
    """The index was built with another embedder or chunker version."""


class EmbedderUnavailable(ConvenantError):
    """The configured embedding model is not available on this machine."""


class FinancingError(ConvenantError, ValueError):
    """A financing parameter is invalid; the message names the parameter and value."""


class QuestionError(ConvenantError):
    """A question cannot be answered as asked (empty, too long, ...)."""
