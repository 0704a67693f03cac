"""Reports of an evaluation run: report.md (tables and failed questions), report.png (accuracy per
kind, latency distribution), and the "this project vs naive" table for the README."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import ConvenantError
from eval.metrics import WALL, Grade, RowMetrics

if TYPE_CHECKING:
    from eval.runner import EvalRun

__all__ = [
    "README_END",
    "README_START",
    "comparison_markdown",
    "format_cell",
    "format_ms",
    "load_metrics",
    "passage_explanation",
    "render_markdown",
    "render_png",
    "update_readme",
    "write_report",
]

README_START = "<!-- eval:start -->"
README_END = "<!-- eval:end -->"

# (field of RowMetrics.values(), label, higher is better)
METRIC_ROWS: tuple[tuple[str, str, bool], ...] = (
    ("hit1", "document hit@1", True),
    ("hit5", "document hit@5", True),
    ("passage_hit1", "passage hit@1", True),
    ("passage_hit5", "passage hit@5", True),
    ("mrr", "MRR", True),
    ("fact_accuracy", "fact accuracy", True),
    ("citation_precision", "citation precision", True),
    ("refusal_accuracy", "refusal accuracy", True),
    ("false_refusal_rate", "false-refusal rate", False),
    ("calc_exact", "calculation exact match", True),
)
LATENCY_ROWS: tuple[tuple[str, str], ...] = (
    ("latency_p50_ms", "latency p50 (ms, wall)"),
    ("latency_p95_ms", "latency p95 (ms, wall)"),
)
KIND_LABELS = {"fact": "fact", "calc": "calc", "followup": "followup", "refusal": "refusal", "overall": "**overall**"}


def _pct(value: float | None, n: int | None = None) -> str:
    if value is None:
        return "–"
    text = f"{value * 100:.1f}%"
    return f"{text} ({round(value * n)}/{n})" if n else text


def format_ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 10 else f"{value:,.0f}".replace(",", " ")


def format_cell(values: Mapping[str, Any], key: str) -> str:
    value = values.get(key)
    if key == "mrr":
        return "–" if value is None else f"{value:.3f}"
    return _pct(value, values.get(f"{key}_n"))


def _metrics_table(rows: Mapping[str, RowMetrics | Mapping[str, Any]]) -> str:
    values = {k: (r.values() if isinstance(r, RowMetrics) else r) for k, r in rows.items()}
    names = list(values)
    lines = [
        "| metric | " + " | ".join(KIND_LABELS.get(n, n) for n in names) + " |",
        "|---|" + "---:|" * len(names),
        "| questions | " + " | ".join(str(values[n]["n"]) for n in names) + " |",
    ]
    for key, label, _ in METRIC_ROWS:
        lines.append(f"| {label} | " + " | ".join(format_cell(values[n], key) for n in names) + " |")
    for key, label in LATENCY_ROWS:
        lines.append(f"| {label} | " + " | ".join(format_ms(values[n].get(key)) for n in names) + " |")
    lines.append("| errors | " + " | ".join(str(values[n]["errors"]) for n in names) + " |")
    return "\n".join(lines)


def _stages_table(stages: Mapping[str, Mapping[str, Any]]) -> str:
    lines = ["| stage | p50 (ms) | p95 (ms) | questions |", "|---|---:|---:|---:|"]
    for stage, v in stages.items():
        label = "wall (harness, around ask)" if stage == WALL else stage
        lines.append(f"| {label} | {format_ms(v['p50'])} | {format_ms(v['p95'])} | {v['n']} |")
    return "\n".join(lines)


def _short(text: str, limit: int = 700) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in (text or "(leeg)").splitlines() or ["(leeg)"])


def _failed_section(run: "EvalRun") -> str:
    by_id = {r.get("id"): r for r in run.records}
    failed: list[tuple[Grade, Any]] = [(g, q) for g, q in zip(run.metrics.grades, run.questions) if g.failed]
    if not failed:
        return "None: every question passed.\n"
    parts = []
    for g, q in failed:
        record = by_id.get(q.id, {})
        cites = ", ".join(sorted({c.get("doc_id", "?") for c in record.get("citations") or []})) or "none"
        lines = [f"### `{q.id}` ({q.kind})", "", f"**Q:** {q.question}"]
        for m in q.history:
            lines.append(f"- history ({m.role}): {_short(m.content, 200)}")
        if q.kind == "refusal":
            lines.append(f"- expected: a refusal (`not_found`); got status `{g.status}`")
        else:
            lines.append(f"- expected: {json.dumps([list(x) for x in q.must], ensure_ascii=False)}"
                         + (f"; forbidden numbers {list(q.forbid_numbers)}" if q.forbid_numbers else "")
                         + f"; sources {list(q.sources)}")
            if g.match is not None and g.match.missing:
                lines.append(f"- missing: {json.dumps(g.match.missing, ensure_ascii=False)}")
            if g.match is not None and g.match.forbidden:
                lines.append(f"- forbidden number present: {g.match.forbidden}")
            lines.append(f"- status `{g.status}`; hit@5 {g.hits[5]}; passage hit@5 {g.passage_hits[5]}; cited: {cites}; "
                         f"retrieved: {', '.join(record.get('retrieved_doc_ids') or []) or 'none'}")
        if g.error:
            lines.append(f"- error: `{_short(g.error, 300)}`")
        lines += ["", _quote(_short(record.get("answer", ""))), ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def render_markdown(run: "EvalRun") -> str:
    meta = run.meta
    machine = meta.get("machine", {})
    failed = sum(1 for g in run.metrics.grades if g.failed)
    head = [
        f"# Evaluation report: {run.pipeline}",
        "",
        f"- questions: `{meta.get('questions')}` ({meta.get('n')} questions, sha256 {meta.get('questions_sha256')})",
        f"- pipeline: `{run.pipeline}`; answer writer LLM: `{meta.get('llm')}`; embedder: `{meta.get('embedder')}`",
        f"- run: {meta.get('started')}, {meta.get('seconds')} s; machine: {machine.get('platform')}, "
        f"{machine.get('cpus')} CPUs, Python {machine.get('python')}",
        f"- failed: {failed} of {len(run.questions)}; errors: {run.errors}",
        "",
        "## Metrics per kind",
        "",
        _metrics_table(run.metrics.rows),
        "",
        "Definitions: see `eval/metrics.py`. Document hit@k: a source document among the first k "
        "retrieved passages or citations. Passage hit@k (fact and followup questions): one of the "
        "first k retrieved passages holds the answer, i.e. satisfies every `must` group on its own. "
        "Fact accuracy: every `must` group found, no `forbid_numbers`, not "
        "refused. Citation precision: cited documents that are among the sources. Latency: wall "
        "time around `ask`, measured by the harness.",
        "",
        "## Latency per stage",
        "",
        _stages_table(run.metrics.stages),
        "",
        "![accuracy and latency](report.png)",
        "",
        "## Failed questions",
        "",
        _failed_section(run),
    ]
    return "\n".join(head)


def render_png(run: "EvalRun", path: Path) -> None:
    """Accuracy per kind (bars) and the latency distribution per kind (box plot)."""
    from matplotlib.figure import Figure

    rows = {k: v.values() for k, v in run.metrics.rows.items()}
    kinds = [k for k in rows if k != "overall"] + ["overall"]
    fig = Figure(figsize=(11, 4.2), dpi=110)
    ax1, ax2 = fig.subplots(1, 2)
    series = (("fact_accuracy", "fact accuracy"), ("refusal_accuracy", "refusal accuracy"), ("hit5", "hit@5"))
    width = 0.8 / len(series)
    for i, (key, label) in enumerate(series):
        pairs = [(j, rows[k][key]) for j, k in enumerate(kinds) if rows[k].get(key) is not None]
        if not pairs:
            continue
        xs = [j + (i - (len(series) - 1) / 2) * width for j, _ in pairs]
        bars = ax1.bar(xs, [v * 100 for _, v in pairs], width, label=label)
        ax1.bar_label(bars, fmt="%.0f", fontsize=7, padding=1)
    ax1.set_xticks(range(len(kinds)), kinds)
    ax1.set_ylim(0, 122)
    ax1.set_yticks(range(0, 101, 20))
    ax1.set_ylabel("%")
    ax1.legend(loc="upper center", ncol=len(series), fontsize=8, frameon=False)
    ax1.set_title(f"Accuracy per kind ({run.pipeline})")
    data, labels = [], []
    for k in kinds[:-1]:
        walls = [g.latency_ms[WALL] for g in run.metrics.grades if g.kind == k and WALL in g.latency_ms]
        if walls:
            data.append(walls)
            labels.append(k)
    if data:
        ax2.boxplot(data, tick_labels=labels, showfliers=True)
        if max(max(d) for d in data) / max(min(min(d) for d in data), 0.1) > 50:
            ax2.set_yscale("log")
    ax2.set_ylabel("ms (wall, per question)")
    ax2.set_title("Latency distribution")
    fig.tight_layout()
    fig.savefig(path)


def write_report(run: "EvalRun") -> tuple[Path, Path]:
    md = run.out_dir / "report.md"
    png = run.out_dir / "report.png"
    md.write_text(render_markdown(run), encoding="utf-8")
    render_png(run, png)
    return md, png


# --------------------------------------------------------------------------- comparison


def _fmt_delta(key: str, a: float | None, b: float | None) -> str:
    if a is None or b is None:
        return "–"
    if key == "mrr":
        return f"{a - b:+.3f}"
    return f"{(a - b) * 100:+.1f} pt"


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def _passages(retrieval: Mapping[str, Any]) -> str | None:
    """How many passages a run retrieves per question: "4", or "up to 6" when it varies."""
    most, median = retrieval.get("passages_max"), retrieval.get("passages_p50")
    if not most:
        return None
    return str(most) if median == most else f"up to {most}"


def passage_explanation(project: Mapping[str, Any], naive: Mapping[str, Any]) -> str:
    """Why document hit@k ties and what passage hit@k measures, with each run's passage count."""
    p_ret, n_ret = project.get("retrieval") or {}, naive.get("retrieval") or {}
    documents = max(p_ret.get("documents") or 0, n_ret.get("documents") or 0)
    corpus = f"has {_count(documents)} very different documents" if documents else "has a few very different documents"
    text = (
        f"Document-level hit@k ties because the corpus {corpus}: any retriever finds the right "
        "document. Passage-level hit@k shows whether the passage that holds the answer (every "
        "`must` group in that one passage's text) is retrieved; fact and followup questions only."
    )
    p_k, n_k = _passages(p_ret), _passages(n_ret)
    if p_k and n_k:
        text += f" The naive pipeline retrieves {n_k} passages per question, this project {p_k}"
        n_max = int(n_ret["passages_max"])
        text += f": naive passage hit@5 therefore means \"among its {n_max}\"." if n_max < 5 else "."
    return text


def comparison_markdown(project: Mapping[str, Any], naive: Mapping[str, Any]) -> str:
    """The "this project vs naive" block from two metrics.json objects of the same question set."""
    p_rows, n_rows = project["rows"], naive["rows"]
    p, n = p_rows["overall"], n_rows["overall"]
    pm, nm = project.get("meta", {}), naive.get("meta", {})
    if pm.get("questions_sha256") and pm.get("questions_sha256") != nm.get("questions_sha256"):
        raise ConvenantError("the two runs used different question sets; compare runs of the same set")
    machine = pm.get("machine", {})
    composition = ", ".join(f"{row['n']} {kind}" for kind, row in p_rows.items() if kind != "overall")
    lines = [
        f"Question set `{pm.get('questions')}`: {p['n']} questions ({composition}). "
        f"Both pipelines run back to back by `make eval` on the same machine ({machine.get('cpus')} CPUs, "
        f"{machine.get('platform')}) on {str(pm.get('started', '?'))[:10]}, answer writer LLM `{pm.get('llm')}` "
        f"for both, embedder `{pm.get('embedder')}`.",
        "",
        "| metric | this project | naive RAG (tutorial) | difference |",
        "|---|---:|---:|---:|",
    ]
    for key, label, higher in METRIC_ROWS:
        a, b = p.get(key), n.get(key)
        better = "" if a is None or b is None or a == b else (" ✓" if (a > b) == higher else " ✗")
        lines.append(f"| {label} | {format_cell(p, key)} | {format_cell(n, key)} | {_fmt_delta(key, a, b)}{better} |")
    for key, label in LATENCY_ROWS:
        a, b = p.get(key), n.get(key)
        ratio = f"×{a / b:.2f}" if a and b else "–"
        lines.append(f"| {label} | {format_ms(a)} | {format_ms(b)} | {ratio} |")
    lines += [
        "",
        passage_explanation(project, naive),
        "",
        "Fact accuracy per kind (refusal accuracy for refusals):",
        "",
        "| kind | this project | naive RAG |",
        "|---|---:|---:|",
    ]
    for kind in [k for k in p_rows if k != "overall"]:
        key = "refusal_accuracy" if kind == "refusal" else "fact_accuracy"
        lines.append(f"| {kind} | {format_cell(p_rows[kind], key)} | {format_cell(n_rows.get(kind, {}), key)} |")
    p_failed, n_failed = set(project.get("failed", [])), set(naive.get("failed", []))
    only_project = sorted(n_failed - p_failed)
    only_naive = sorted(p_failed - n_failed)
    lines += [
        "",
        f"Questions only this project gets right: {len(only_project)}"
        + (f" ({', '.join(f'`{i}`' for i in only_project)})" if only_project else "")
        + f". Only the naive pipeline: {len(only_naive)}"
        + (f" ({', '.join(f'`{i}`' for i in only_naive)})" if only_naive else "") + ".",
        "",
        "✓ / ✗: this project better / worse than the naive pipeline on that metric.",
    ]
    return "\n".join(lines)


def update_readme(readme: Path, block: str) -> None:
    """Replace what lies between the eval markers in ``readme`` with ``block``."""
    replace_block(readme, block, README_START, README_END)


def replace_block(readme: Path, block: str, start: str, end: str) -> None:
    """Replace what lies between the markers ``start`` and ``end`` in ``readme`` with ``block``."""
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise ConvenantError(f"{readme}: markers {start} … {end} not found")
    new = pattern.sub(lambda _: f"{start}\n{block.strip()}\n{end}", text, count=1)
    readme.write_text(new, encoding="utf-8")


def load_metrics(out_dir: Path) -> dict[str, Any]:
    path = Path(out_dir) / "metrics.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConvenantError(f"{path}: not found; run `convenant eval --out {out_dir}` first") from None
