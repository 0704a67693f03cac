#!/usr/bin/env bash
# Time from a fresh clone to an answering page, phase by phase: what `make serve` does in a new
# clone of this repository (install, model folder, first ingest, start), until the chat's API
# answers a question. Usage: scripts/measure_fresh_clone.sh [BRANCH]   (port: PORT, default 7861)
# Prints one line per phase and the total; leaves nothing running; removes the clone.
set -euo pipefail
src=$(git rev-parse --show-toplevel)
branch=${1:-$(git -C "$src" rev-parse --abbrev-ref HEAD)}
port=${PORT:-7861}
work=$(mktemp -d /tmp/convenant-fresh-XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
# wall seconds and, when given, CPU seconds (user + system, all processes of the phase)
phase() { printf '%-46s %6.1f s wall' "$1" "$(echo "$3 - $2" | bc)"; [ -n "${4:-}" ] && printf '  %6.1f s CPU' "$4"; echo; }
cpu_of() { awk '{print $2 + $3}' "$1"; }

git clone -q --branch "$branch" "$src" "$work/repo"
cd "$work/repo"
t0=$(now)
/usr/bin/time -o "$work/install.time" -f "%e %U %S" make -s .venv/.installed-stamp > "$work/install.log" 2>&1
t1=$(now)
/usr/bin/time -o "$work/embedder.time" -f "%e %U %S" make -s embedder > "$work/embedder.log" 2>&1
t2=$(now)
# The rest of `make serve` (both steps above are now up to date): index the corpus, start the app.
setsid env CONVENANT_PORT="$port" make -s serve > "$work/serve.log" 2>&1 &
server=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
t3=$(now)
answer=$(.venv/bin/python - "$port" <<'EOF'
import sys
from gradio_client import Client
client = Client(f"http://127.0.0.1:{sys.argv[1]}/", verbose=False, download_files=False)
result = client.predict(question="Wat is de looptijd van het sectorconvenant social profit?", history=None, filters=None, api_name="/ask")
print(str(result)[:160].replace("\n", " "))
EOF
)
t4=$(now)
# CPU seconds of the server's process group so far (make, convenant serve and its children)
serve_cpu=$(ps -o times= --sid "$server" | awk '{s += $1} END {print s}')
ingest=$(grep -o 'in [0-9.,]* s' "$work/serve.log" | head -1 || true)
phase "pip install (make .venv/.installed-stamp)" "$t0" "$t1" "$(cpu_of "$work/install.time")"
phase "model folder (make embedder)" "$t1" "$t2" "$(cpu_of "$work/embedder.time")"
phase "convenant serve: ingest + start, page answers" "$t2" "$t3" "$serve_cpu"
phase "first question answered through the API" "$t3" "$t4"
phase "total: fresh clone -> answering page" "$t0" "$t4"
echo "answer: $answer"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)  ${ingest:+(serve log: $ingest)}"
installer=pip; [ -x .venv/bin/uv ] && installer="uv $(.venv/bin/uv --version | cut -d' ' -f2)"
echo "installed by: $installer${PYTHONDONTWRITEBYTECODE:+  (PYTHONDONTWRITEBYTECODE is set: imports compile in memory, no .pyc is kept)}"
