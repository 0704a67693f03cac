"""Latency of the HTTP API of a running `convenant serve`, one request at a time.

    python scripts/api_latency.py --url http://127.0.0.1:7860 [--key KEY] [--questions eval/dev.jsonl]

For every question of the set (follow-ups without their history are skipped): POST /api/ask, the
openai client's plain /v1/chat/completions, and the streamed one (time to the first content and to
the end). Prints p50/p95 in milliseconds, measured at the client.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import httpx
from openai import OpenAI


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860")
    parser.add_argument("--key", default="niet-nodig")
    parser.add_argument("--questions", type=Path, default=Path("eval/dev.jsonl"))
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [r["question"] for r in rows if not r.get("history")]
    headers = {"Authorization": f"Bearer {args.key}"}
    client = OpenAI(base_url=f"{args.url}/v1", api_key=args.key)
    timings: dict[str, list[float]] = {"api_ask": [], "v1_plain": [], "v1_stream_first": [], "v1_stream_total": []}
    with httpx.Client(timeout=300) as http:
        for question in questions:
            start = time.perf_counter()
            http.post(f"{args.url}/api/ask", json={"question": question}, headers=headers).raise_for_status()
            timings["api_ask"].append((time.perf_counter() - start) * 1000)
            messages = [{"role": "user", "content": question}]
            start = time.perf_counter()
            client.chat.completions.create(model="convenantassistent", messages=messages)
            timings["v1_plain"].append((time.perf_counter() - start) * 1000)
            start, first = time.perf_counter(), None
            for chunk in client.chat.completions.create(model="convenantassistent", messages=messages, stream=True):
                if first is None and chunk.choices and chunk.choices[0].delta.content:
                    first = time.perf_counter()
            end = time.perf_counter()
            timings["v1_stream_first"].append(((first or end) - start) * 1000)
            timings["v1_stream_total"].append((end - start) * 1000)
    print(f"{len(questions)} questions, one at a time, {args.url}")
    for name, values in timings.items():
        print(f"{name:16s} p50 {statistics.median(values):7.0f} ms   p95 {_pct(values, 0.95):7.0f} ms")


if __name__ == "__main__":
    main()
