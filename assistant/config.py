"""Settings, read once from environment variables with the CONVENANT_ prefix."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[1]

#: Environment variables that keep third-party libraries off the network.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    corpus_dir: Path
    embedder: str = "e5-small"
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = "convenant"
    max_file_mb: float = 50.0
    embed_batch: int = 16
    top_k: int = 6
    reranker: str | None = None
    llm: str = "none"
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    llm_timeout_s: float = 60.0
    llm_sources: int = 3
    local_model_path: Path | None = None
    host: str = "127.0.0.1"
    port: int = 7860
    users_file: Path | None = None
    admin_users: tuple[str, ...] = ()
    # Hardening limits (issue 12); see the README settings table.
    max_chunks_per_doc: int = 1000
    max_inflated_mb: float = 100.0
    max_zip_ratio: float = 100.0
    max_question_chars: int = 2000
    max_history_turns: int = 20
    max_history_chars: int = 20000
    open_uploads: bool = False
    login_max_failures: int = 5
    login_window_s: float = 300.0
    api_keys_file: Path | None = None  # unset: data_dir/api_keys, required only with login

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    def with_overrides(self, **changes: object) -> "Settings":
        return replace(self, **changes)


def apply_offline_env() -> None:
    """Keep libraries from reaching model hubs or analytics endpoints."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None


def _float(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number") from None
    if value <= 0:
        raise ConfigError(f"{name}={raw!r} must be positive")
    return value


def _bool(env: dict[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on", "ja"}:
        return True
    if raw in {"0", "false", "no", "off", "nee"}:
        return False
    raise ConfigError(f"{name}={raw!r}: use 1/true/yes or 0/false/no")


def _positive_int(env: dict[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value <= 0:
        raise ConfigError(f"{name}={value!r} must be positive")
    return value


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (default: the process environment)."""
    env = dict(os.environ if env is None else env)
    get = lambda name, default=None: env.get(name) or default  # noqa: E731
    llm = get("CONVENANT_LLM", "none").lower()
    if llm not in {"none", "openai", "local"}:
        raise ConfigError(f"CONVENANT_LLM={llm!r}: choose none, openai or local")
    users_file = get("CONVENANT_USERS_FILE")
    local_model = get("CONVENANT_LOCAL_MODEL_PATH")
    data_dir = Path(get("CONVENANT_DATA_DIR", str(PROJECT_ROOT / "data"))).expanduser()
    return Settings(
        data_dir=data_dir,
        corpus_dir=Path(get("CONVENANT_CORPUS_DIR", str(PROJECT_ROOT / "corpus"))).expanduser(),
        embedder=get("CONVENANT_EMBEDDER", "e5-small"),
        chroma_host=get("CONVENANT_CHROMA_HOST"),
        chroma_port=_int(env, "CONVENANT_CHROMA_PORT", 8000),
        collection=get("CONVENANT_COLLECTION", "convenant"),
        max_file_mb=_float(env, "CONVENANT_MAX_FILE_MB", 50.0),
        embed_batch=_int(env, "CONVENANT_EMBED_BATCH", 16),
        top_k=_int(env, "CONVENANT_TOP_K", 6),
        reranker=get("CONVENANT_RERANKER"),
        llm=llm,
        openai_base_url=get("CONVENANT_OPENAI_BASE_URL"),
        openai_model=get("CONVENANT_OPENAI_MODEL", "gpt-4o-mini"),
        llm_timeout_s=_float(env, "CONVENANT_LLM_TIMEOUT", 60.0),
        llm_sources=_int(env, "CONVENANT_LLM_SOURCES", 3),
        local_model_path=Path(local_model) if local_model else data_dir / "models" / "qwen2.5-1.5b-q4_k_m.gguf",
        host=get("CONVENANT_HOST", "127.0.0.1"),
        port=_int(env, "CONVENANT_PORT", 7860),
        users_file=Path(users_file) if users_file else None,
        admin_users=tuple(u.strip() for u in get("CONVENANT_ADMIN_USERS", "").split(",") if u.strip()),
        max_chunks_per_doc=_positive_int(env, "CONVENANT_MAX_CHUNKS_PER_DOC", 1000),
        max_inflated_mb=_float(env, "CONVENANT_MAX_INFLATED_MB", 100.0),
        max_zip_ratio=_float(env, "CONVENANT_MAX_ZIP_RATIO", 100.0),
        max_question_chars=_positive_int(env, "CONVENANT_MAX_QUESTION_CHARS", 2000),
        max_history_turns=_positive_int(env, "CONVENANT_MAX_HISTORY_TURNS", 20),
        max_history_chars=_positive_int(env, "CONVENANT_MAX_HISTORY_CHARS", 20000),
        open_uploads=_bool(env, "CONVENANT_OPEN_UPLOADS", False),
        login_max_failures=_positive_int(env, "CONVENANT_LOGIN_MAX_FAILURES", 5),
        login_window_s=_float(env, "CONVENANT_LOGIN_WINDOW", 300.0),
        api_keys_file=Path(get("CONVENANT_API_KEYS_FILE")).expanduser() if get("CONVENANT_API_KEYS_FILE") else None,
    )
