"""The harness end to end through `convenant eval` / `convenant eval-compare`, with a fake
assistant; and the naive baseline over the bundled corpus with exact fake embeddings."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

import eval.runner as runner_module
from ui.cli import _register_all, app
from assistant.types import Answer, Citation
from eval.naive import CHUNK_OVERLAP, CHUNK_SIZE, NaivePipeline, split_documents, load_corpus
from tests.conftest import SOCIAL_PROFIT

VESOC = "004_0f8bd9c489b07411"

QUESTIONS = [
    {"id": "subsidie", "kind": "fact", "question": "Hoeveel bedraagt de maximale subsidie?",
     "must": [["742.000"]], "sources": [SOCIAL_PROFIT], "note": "ignored"},
    {"id": "jobs", "kind": "fact", "question": "Hoeveel extra jobs?", "must": [[120000]], "sources": [VESOC]},
    {"id": "bouw", "kind": "refusal", "question": "Hoeveel consulenten heeft de bouwsector?"},
    {"id": "vte", "kind": "followup", "question": "Voor hoeveel VTE?", "must": [[7]], "sources": [SOCIAL_PROFIT],
     "history": [{"role": "user", "content": "Hoeveel subsidie?"}, {"role": "assistant", "content": "742.000 EUR"}]},
]


class FakeAssistant:
    """Canned answers; records what it was asked (with history)."""

    def __init__(self, *, good: bool = True, fail_on: str | None = None) -> None:
        self.good = good
        self.fail_on = fail_on
        self.calls: list[tuple[str, object]] = []

    def warm_up(self) -> float:
        self.calls.append(("<warm-up>", None))
        return 1.25

    def ask(self, question, history=None, filters=None):  # noqa: ANN001, ANN201
        self.calls.append((question, history))
        if question == self.fail_on:
            raise RuntimeError("index kapot")
        cite = lambda doc: Citation(1, doc, "t", "Artikel 1", None, "q", 0.9)  # noqa: E731
        timings = {"retrieve": 5.0, "generate": 1.0, "total": 6.0}
        if "subsidie" in question:
            text = "De maximale subsidie bedraagt 742.000,00 EUR [1]." if self.good else "Onbekend [1]."
            return Answer(question, text, "answered", [cite(SOCIAL_PROFIT)], timings_ms=timings,
                          retrieved_doc_ids=[SOCIAL_PROFIT, VESOC],
                          retrieved_passages=["Artikel 1.", "De subsidie bedraagt maximaal 742.000,00 EUR."]
                          if self.good else ["Artikel 1.", "Iets anders."])
        if "jobs" in question:
            return Answer(question, "Geen idee [1].", "answered", [cite(SOCIAL_PROFIT)], timings_ms=timings,
                          retrieved_doc_ids=[SOCIAL_PROFIT, SOCIAL_PROFIT])
        if "bouwsector" in question:
            status = "not_found" if self.good else "answered"
            return Answer(question, "Dat staat niet in de documenten.", status, timings_ms=timings)
        assert history, "the follow-up must be asked with its history"
        return Answer(question, "Voor 7 VTE sectorconsulenten [1].", "answered", [cite(SOCIAL_PROFIT)],
                      timings_ms=timings, retrieved_doc_ids=[SOCIAL_PROFIT])


@pytest.fixture
def questions_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in QUESTIONS), encoding="utf-8")
    return path


@pytest.fixture
def cli(monkeypatch, tmp_path: Path):  # noqa: ANN201
    """Invoke the CLI with `build_pipeline` replaced by fakes per pipeline name."""
    _register_all()
    fakes = {"assistant": FakeAssistant(), "naive": FakeAssistant(good=False)}
    monkeypatch.setattr(runner_module, "build_pipeline", lambda name, settings, llm=None: fakes[name])
    env = {"CONVENANT_DATA_DIR": str(tmp_path / "data")}

    def invoke(*args: str):  # noqa: ANN202
        return CliRunner().invoke(app, list(args), env=env)

    invoke.fakes = fakes  # type: ignore[attr-defined]
    return invoke


def test_eval_writes_results_report_and_figure(cli, questions_file: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = cli("eval", "--questions", str(questions_file), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert "fact accuracy 66.7% (2/3) | refusal accuracy 100.0% (1/1)" in result.stdout

    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in lines] == ["subsidie", "jobs", "bouw", "vte"]
    first = lines[0]
    assert {"question", "answer", "status", "citations", "calculation", "timings_ms"} <= set(first)
    assert first["citations"][0]["doc_id"] == SOCIAL_PROFIT and first["retrieved_doc_ids"][0] == SOCIAL_PROFIT
    assert first["retrieved_passages"] == ["Artikel 1.", "De subsidie bedraagt maximaal 742.000,00 EUR."]
    assert lines[2]["retrieved_passages"] == []
    # warmed up once, before the first question (latency is measured warm, as the chat answers)
    assert [q for q, _ in cli.fakes["assistant"].calls] == ["<warm-up>"] + [q["question"] for q in QUESTIONS]
    assert cli.fakes["assistant"].calls[4][1] == QUESTIONS[3]["history"]

    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["meta"]["warm_up_seconds"] == 1.25
    overall = metrics["rows"]["overall"]
    # "jobs" fails (wrong answer, wrong document); every other question passes.
    assert overall["fact_accuracy"] == pytest.approx(2 / 3) and overall["refusal_accuracy"] == 1.0
    assert overall["hit1"] == pytest.approx(2 / 3) and overall["hit5"] == pytest.approx(2 / 3)
    assert metrics["failed"] == ["jobs"]
    # only "subsidie" retrieved the passage with its answer, at rank 2 (fact and followup only)
    assert (overall["passage_hit1"], overall["passage_hit5"], overall["passage_hit5_n"]) == (0.0, pytest.approx(1 / 3), 3)
    assert metrics["rows"]["refusal"]["passage_hit5"] is None

    report = (out / "report.md").read_text()
    assert "## Metrics per kind" in report and "## Latency per stage" in report
    assert "| fact accuracy | 50.0% (1/2) | 100.0% (1/1) | – | 66.7% (2/3) |" in report
    assert "| refusal accuracy | – | – | 100.0% (1/1) | 100.0% (1/1) |" in report
    assert "### `jobs` (fact)" in report and "> Geen idee [1]." in report
    assert "### `subsidie`" not in report
    png = (out / "report.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_a_question_that_raises_is_recorded_and_the_exit_code_is_1(cli, questions_file, tmp_path, monkeypatch):
    failing = FakeAssistant(fail_on=QUESTIONS[1]["question"])
    monkeypatch.setattr(runner_module, "build_pipeline", lambda name, settings, llm=None: failing)
    out = tmp_path / "out"
    result = cli("eval", "--questions", str(questions_file), "--out", str(out), "--quiet")
    assert result.exit_code == 1
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(lines) == 4 and lines[1]["error"] == "RuntimeError: index kapot" and lines[1]["status"] == "error"
    assert "error: `RuntimeError: index kapot`" in (out / "report.md").read_text()


def test_low_scores_still_exit_0(cli, questions_file, tmp_path):
    result = cli("eval", "--questions", str(questions_file), "--out", str(tmp_path / "n"), "--pipeline", "naive", "--quiet")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "n" / "metrics.json").read_text())["rows"]["overall"]["fact_accuracy"] == pytest.approx(1 / 3)


def test_a_bad_question_file_exits_2_naming_the_line(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(QUESTIONS[0]) + "\n{kapot\n", encoding="utf-8")
    result = cli("eval", "--questions", str(bad), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert f"{bad}:2:" in result.stderr


def test_unknown_pipeline_or_llm_exits_2_before_anything_is_built(cli, questions_file, tmp_path):
    result = cli("eval", "--questions", str(questions_file), "--out", str(tmp_path / "o"), "--pipeline", "tutorial")
    assert result.exit_code == 2 and "--pipeline 'tutorial'" in result.stderr
    result = cli("eval", "--questions", str(questions_file), "--out", str(tmp_path / "o"), "--llm", "gpt")
    assert result.exit_code == 2 and "--llm 'gpt'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_compare_writes_the_readme_block(cli, questions_file, tmp_path):
    for name in ("assistant", "naive"):
        assert cli("eval", "--questions", str(questions_file), "--out", str(tmp_path / name),
                   "--pipeline", name, "--quiet").exit_code == 0
    readme = tmp_path / "README.md"
    readme.write_text("# Titel\n\nvoor\n<!-- eval:start -->\noud\n<!-- eval:end -->\nna\n", encoding="utf-8")
    result = cli("eval-compare", str(tmp_path / "assistant"), str(tmp_path / "naive"), "--readme", str(readme))
    assert result.exit_code == 0, result.output
    text = readme.read_text()
    assert text.startswith("# Titel\n\nvoor\n<!-- eval:start -->\n") and text.endswith("<!-- eval:end -->\nna\n")
    assert "oud" not in text
    assert "| fact accuracy | 66.7% (2/3) | 33.3% (1/3) | +33.3 pt ✓ |" in text
    assert "| refusal accuracy | 100.0% (1/1) | 0.0% (0/1) | +100.0 pt ✓ |" in text
    assert "Only the naive pipeline: 0." in text and "`subsidie`" in text
    assert "| passage hit@1 | 0.0% (0/3) | 0.0% (0/3) | +0.0 pt |" in text
    assert "| passage hit@5 | 33.3% (1/3) | 0.0% (0/3) | +33.3 pt ✓ |" in text
    assert "Document-level hit@k ties because the corpus has two very different documents" in text
    assert "The naive pipeline retrieves 2 passages per question, this project 2: naive passage hit@5 " \
           "therefore means \"among its 2\"." in text

    readme.write_text("geen markers\n", encoding="utf-8")
    result = cli("eval-compare", str(tmp_path / "assistant"), str(tmp_path / "naive"), "--readme", str(readme))
    assert result.exit_code == 2 and "markers" in result.stderr


# --------------------------------------------------------------------------- naive baseline


class EchoWriter:
    """Quotes the best passage and cites it, like an extractive writer would."""

    def compose(self, question, chunks):  # noqa: ANN001, ANN201
        best = chunks[0]
        return SimpleNamespace(
            text=best.chunk.text[:120] + " [1]",
            citations=[Citation(1, best.chunk.doc_id, best.chunk.title, "", best.chunk.page, best.chunk.text[:40], best.score)],
        )


def test_naive_pipeline_is_the_tutorial_over_the_same_files(settings, fake_embedder):
    documents = load_corpus(settings.corpus_dir)
    assert len(documents) == 5
    chunks = split_documents(documents)
    assert all(len(c.text) <= CHUNK_SIZE for c in chunks)
    d3 = next(d for d in documents if d.doc_id == SOCIAL_PROFIT)
    d3_chunks = [c for c in chunks if c.doc_id == SOCIAL_PROFIT]
    assert all(d3.text[c.start:c.end] == c.text for c in d3_chunks)
    assert d3_chunks[0].end - d3_chunks[1].start > 0  # overlapping windows
    assert CHUNK_OVERLAP == 200

    pipeline = NaivePipeline(settings, fake_embedder, writer=EchoWriter())
    assert pipeline.chunks_indexed == len(chunks) == len(fake_embedder.embedded_texts)
    assert (settings.data_dir / "naive" / "chroma").is_dir()
    answer = pipeline.ask("maximale subsidie van 742.000,00 EUR uit te betalen aan VIVO vzw, Sainctelettesquare 13-15 te 1000 Brussel",
                          history=[{"role": "user", "content": "genegeerd"}])
    assert answer.status == "answered" and len(answer.retrieved_doc_ids) == 4
    assert len(answer.retrieved_passages) == 4 and "742.000,00" in answer.retrieved_passages[0]
    assert answer.retrieved_doc_ids[0] == SOCIAL_PROFIT and answer.citations[0].doc_id == SOCIAL_PROFIT
    assert set(answer.timings_ms) == {"retrieve", "generate", "total"}

    again = NaivePipeline(settings, type(fake_embedder)(), writer=EchoWriter())
    assert again.chunks_indexed == len(chunks)  # reopened, nothing embedded again
    assert again.ask("maximale subsidie van 742.000,00 EUR uit te betalen aan VIVO vzw, Sainctelettesquare 13-15 te 1000 Brussel").answer == answer.answer

    (settings.corpus_dir / "001_aa09a84216046a83.txt").unlink()
    fresh = type(fake_embedder)()
    rebuilt = NaivePipeline(settings, fresh, writer=EchoWriter())
    assert rebuilt.chunks_indexed == len(chunks) - sum(1 for c in chunks if c.doc_id == "001_aa09a84216046a83")
    assert len(fresh.embedded_texts) == rebuilt.chunks_indexed
