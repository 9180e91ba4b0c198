#!/usr/bin/env bash
# make demo: migrate, seed, start API + worker + Studio (honcho, Procfile), replay the demo events,
# print the Studio URL and the demo logins, then wait. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export WHATSAPP_APP_SECRET="${WHATSAPP_APP_SECRET:-demo-app-secret}"
# Meta actions go to the local Graph stand-in (Procfile "meta") unless real credentials are configured.
export META_SANDBOX="${META_SANDBOX:-1}"
API_URL="http://127.0.0.1:8000"
STUDIO_URL="http://127.0.0.1:8501"

copilot db upgrade
copilot seed --demo

honcho -f Procfile start &
HONCHO_PID=$!
stop_all() {
  trap - INT TERM EXIT
  if kill -0 "$HONCHO_PID" 2>/dev/null; then
    echo "stopping API, worker and Studio..."
    kill -TERM "$HONCHO_PID" 2>/dev/null || true
    wait "$HONCHO_PID" 2>/dev/null || true
  fi
}
trap stop_all INT TERM EXIT

echo "waiting for ${API_URL}/healthz ..."
for _ in $(seq 1 120); do
  if python -c "import sys, urllib.request; urllib.request.urlopen('${API_URL}/healthz', timeout=2); sys.exit(0)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$HONCHO_PID" 2>/dev/null; then
    echo "error: the services stopped while starting (see the log above)" >&2
    exit 1
  fi
  sleep 1
done
python -c "import urllib.request; urllib.request.urlopen('${API_URL}/healthz', timeout=2)" 2>/dev/null \
  || { echo "error: API did not answer ${API_URL}/healthz within 120 s" >&2; exit 1; }

copilot events replay data/events.jsonl --org clinica-demo --wait 600
# Campaign roll-up on the dataset's last day (28-day window, set by the demo seed): the traffic alert.
copilot rollup run --org clinica-demo --day 2026-08-28

python - <<PY
from engine.seed import DEMO_PASSWORD, DEMO_SELLERS, DEMO_USERS, seller_email
print()
print("Copilot 2.0 demo is running.")
print("  Studio: ${STUDIO_URL}")
print("  API:    ${API_URL}/docs")
print("  Logins (password: %s):" % DEMO_PASSWORD)
for email, name, role in DEMO_USERS:
    print(f"    {email:34} {role.value:16} {name}")
for seller in DEMO_SELLERS:
    print(f"    {seller_email(seller):34} {'SELLER':16} {seller}")
print("  Meta:   sandbox stand-in at http://127.0.0.1:8799 (META_SANDBOX=1; set it to 0 to use real credentials)")
print("Insights appear as the worker processes the replayed events. Ctrl-C stops everything.")
PY

wait "$HONCHO_PID"
