"""`convenant ask`: one question, answered with numbered sources."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.config import load_settings
from assistant.errors import ConvenantError
from assistant.present import answer_plain_text


def read_history(path: Path) -> list[dict[str, str]]:
    """A JSON list of {"role": "user"|"assistant", "content": str} messages."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConvenantError(f"{path}: geschiedenis onleesbaar ({exc})") from exc
    if not isinstance(data, list) or not all(
        isinstance(m, dict) and m.get("role") in {"user", "assistant"} and isinstance(m.get("content"), str)
        for m in data
    ):
        raise ConvenantError(f"{path}: verwacht een JSON-lijst van {{\"role\": \"user\"|\"assistant\", \"content\": \"...\"}}")
    return data


def render_text(answer) -> str:
    return answer_plain_text(answer, quotes=True, status_tag=True)


def register(app: typer.Typer) -> None:
    @app.command("ask")
    def ask_command(
        question: Annotated[str, typer.Argument(help="De vraag, in het Nederlands")],
        as_json: Annotated[bool, typer.Option("--json", help="Eén JSON-object als uitvoer")] = False,
        history: Annotated[Optional[Path], typer.Option("--history", help="JSON-bestand met eerdere berichten")] = None,
        doc: Annotated[Optional[list[str]], typer.Option("--doc", help="Beperk tot dit document (id); herhaalbaar")] = None,
        llm: Annotated[Optional[str], typer.Option("--llm", help="none, openai of local")] = None,
    ) -> None:
        """Een vraag stellen over de sectorconvenants."""
        from assistant.chain import build_assistant

        try:
            if llm is not None and llm not in {"none", "openai", "local"}:
                raise ConvenantError(f"--llm {llm!r}: kies none, openai of local")
            messages = read_history(history) if history else None
            assistant = build_assistant(load_settings(), llm=llm)
            answer = assistant.ask(question, history=messages, filters={"doc_ids": doc} if doc else None)
        except ConvenantError as exc:
            typer.echo(f"Fout: {exc}", err=True)
            raise typer.Exit(2) from None
        if as_json:
            sys.stdout.write(json.dumps(answer.to_dict(), ensure_ascii=False) + "\n")
        else:
            typer.echo(render_text(answer))
