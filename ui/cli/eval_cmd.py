"""`convenant eval`, `convenant eval-compare` and `convenant bench`.

``eval`` runs a question set through the assistant (or the naive baseline) and writes
results.jsonl, metrics.json, report.md and report.png. It exits 0 whatever the scores; 1 when a
question raised an error (the run still completes), 2 when it cannot start (bad question file,
no index, bad setting).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.errors import ConvenantError

log = logging.getLogger(__name__)

EXIT_QUESTION_ERRORS = 1
EXIT_CANNOT_RUN = 2
LLM_CHOICES = ("none", "openai", "local")


def run_eval_command(
    questions: Path, out: Path, *, pipeline: str, llm: str | None, quiet: bool = False, part: str | None = None
) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from assistant.config import load_settings
    from eval.questions import load_questions
    from eval.report import format_cell, format_ms
    from eval.runner import PIPELINES, build_pipeline, run_eval

    err = Console(stderr=True)
    if pipeline not in PIPELINES:
        err.print(f"[red]Fout:[/red] --pipeline {pipeline!r}: kies {' of '.join(PIPELINES)}", markup=True, highlight=False)
        return EXIT_CANNOT_RUN
    if part is not None and part not in ("tune", "test"):
        err.print(f"[red]Fout:[/red] --part {part!r}: kies tune of test", markup=True, highlight=False)
        return EXIT_CANNOT_RUN
    if llm is not None and llm not in LLM_CHOICES:
        err.print(f"[red]Fout:[/red] --llm {llm!r}: kies {', '.join(LLM_CHOICES)}", markup=True, highlight=False)
        return EXIT_CANNOT_RUN
    try:
        load_questions(questions)  # fail fast, before a model or an index is opened
        settings = load_settings()
        err.print(f"Pijplijn [bold]{pipeline}[/bold] opbouwen…", highlight=False)
        pipe = build_pipeline(pipeline, settings, llm=llm)
        with Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), console=err, transient=True, disable=quiet,
        ) as bar:
            task = bar.add_task("Vragen", total=None)
            run = run_eval(
                questions, out, pipe, pipeline_name=pipeline, settings=settings, llm=llm, part=part,
                progress=lambda done, total, qid: bar.update(task, completed=done, total=total, description=qid),
            )
    except ConvenantError as exc:
        err.print(f"[red]Fout:[/red] {exc}", markup=True, highlight=False)
        return EXIT_CANNOT_RUN
    except ImportError as exc:
        err.print(f"[red]Fout:[/red] pijplijn {pipeline!r}: {exc}", markup=True, highlight=False)
        return EXIT_CANNOT_RUN
    overall = run.metrics.overall.values()
    out_console = Console()
    summary = (
        f"{run.pipeline}: {overall['n']} vragen | hit@1 {format_cell(overall, 'hit1')} | hit@5 {format_cell(overall, 'hit5')} | "
        f"MRR {format_cell(overall, 'mrr')} | fact accuracy {format_cell(overall, 'fact_accuracy')} | "
        f"refusal accuracy {format_cell(overall, 'refusal_accuracy')} | p50 {format_ms(overall['latency_p50_ms'])} ms"
    )
    out_console.print(summary, highlight=False, soft_wrap=True)
    out_console.print(f"Rapport: {run.out_dir / 'report.md'}", highlight=False, soft_wrap=True)
    if run.errors:
        err.print(f"[red]{run.errors} vraag/vragen gaven een fout[/red] (zie report.md)", markup=True)
        return EXIT_QUESTION_ERRORS
    return 0


def run_compare_command(project: Path, naive: Path, *, readme: Path | None, out: Path | None) -> int:
    from eval.report import comparison_markdown, load_metrics, update_readme

    try:
        block = comparison_markdown(load_metrics(project), load_metrics(naive))
        if out is not None:
            out.write_text(block + "\n", encoding="utf-8")
        if readme is not None:
            update_readme(readme, block)
    except (ConvenantError, OSError) as exc:
        typer.echo(f"Fout: {exc}", err=True)
        return EXIT_CANNOT_RUN
    typer.echo(block)
    return 0


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        questions: Annotated[Path, typer.Option("--questions", help="Vragenset (JSON Lines), bv. eval/dev.jsonl.")],
        out: Annotated[Path, typer.Option("--out", help="Uitvoermap: results.jsonl, metrics.json, report.md, report.png.")],
        llm: Annotated[Optional[str], typer.Option("--llm", help="Antwoordschrijver: none, openai of local (standaard CONVENANT_LLM).")] = None,
        pipeline: Annotated[str, typer.Option("--pipeline", help="assistant (het project) of naive (LangChain-tutorial).")] = "assistant",
        quiet: Annotated[bool, typer.Option("--quiet", help="Geen voortgangsbalk.")] = False,
        part: Annotated[Optional[str], typer.Option("--part", help="Enkel de vragen van dit deel van de documentsplitsing: tune of test (eval/split.yaml).")] = None,
    ) -> None:
        """Een vragenset evalueren: scores per soort vraag, mislukte vragen, latentie."""
        raise typer.Exit(run_eval_command(questions, out, pipeline=pipeline, llm=llm, quiet=quiet, part=part))

    @app.command("eval-summary")
    def summary_command(
        root: Annotated[Path, typer.Argument(help="Map met PIJPLIJN/SET-DEEL/metrics.json (make eval).")],
        readme: Annotated[Optional[Path], typer.Option("--readme", help="README waarvan het blok tussen <!-- eval-split:start --> en <!-- eval-split:end --> herschreven wordt.")] = None,
    ) -> None:
        """Tabel per vragenset en deel (tune/test), dit project naast de naive pijplijn."""
        from eval.summary import SPLIT_END, SPLIT_START, summary_markdown
        from eval.report import replace_block

        try:
            block = summary_markdown(root)
            if readme is not None:
                replace_block(readme, block, SPLIT_START, SPLIT_END)
        except (ConvenantError, OSError) as exc:
            typer.echo(f"Fout: {exc}", err=True)
            raise typer.Exit(EXIT_CANNOT_RUN) from None
        typer.echo(block)

    @app.command("eval-compare")
    def compare_command(
        project: Annotated[Path, typer.Argument(help="Uitvoermap van de run met --pipeline assistant.")],
        naive: Annotated[Path, typer.Argument(help="Uitvoermap van de run met --pipeline naive.")],
        readme: Annotated[Optional[Path], typer.Option("--readme", help="README waarvan het blok tussen <!-- eval:start --> en <!-- eval:end --> herschreven wordt.")] = None,
        out: Annotated[Optional[Path], typer.Option("--out", help="Schrijf de vergelijkingstabel ook naar dit bestand.")] = None,
    ) -> None:
        """Tabel 'dit project vs naive' uit twee evaluatieruns (en in de README zetten)."""
        raise typer.Exit(run_compare_command(project, naive, readme=readme, out=out))

    @app.command("bench")
    def bench_command(
        out: Annotated[Path, typer.Option("--out", help="Markdown-uitvoer.")] = Path("BENCHMARKS.md"),
        questions: Annotated[Path, typer.Option("--questions", help="Vragenset voor de latentiemeting.")] = Path("eval/dev.jsonl"),
        scale_chunks: Annotated[int, typer.Option("--scale-chunks", help="Grootte van het synthetische corpus (chunks); 0 = overslaan.")] = 10_000,
        work_dir: Annotated[Optional[Path], typer.Option("--work-dir", help="Werkmap voor de meet-indexen (standaard een tijdelijke map).")] = None,
        generation_chunks: Annotated[int, typer.Option("--generation-chunks", help="Minimum aantal chunks van de volledige generatie (alles echt ingebed); 0 = overslaan.")] = 3000,
        no_fp32: Annotated[bool, typer.Option("--no-fp32", help="De vergelijking met PyTorch fp32 overslaan.")] = False,
    ) -> None:
        """Meten: ingest per teken tegenover fp32, een volledige generatie, indexgrootte, latentie, geheugen -> BENCHMARKS.md."""
        from eval.bench import run_bench

        try:
            path = run_bench(
                out=out, questions=questions, scale_chunks=scale_chunks, work_dir=work_dir,
                generation_chunks=generation_chunks, fp32_reference=not no_fp32,
                say=lambda message: typer.echo(message, err=True),
            )
        except ConvenantError as exc:
            typer.echo(f"Fout: {exc}", err=True)
            raise typer.Exit(EXIT_CANNOT_RUN) from None
        typer.echo(f"Geschreven: {path}")
