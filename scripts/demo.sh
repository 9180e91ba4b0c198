#!/usr/bin/env bash
# make demo: migrate, seed, start API + worker + Studio (honcho, Procfile), replay the demo events,
# print the Studio URL and the demo logins, then wait. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
export WHATSAPP_APP_SECRET="${WHATSAPP_APP_SECRET:-demo-app-secret}"
# Meta actions go to the local Graph stand-in (Procfile "meta") unless real credentials are configured.
export META_SANDBOX="${META_SANDBOX:-1}"
# The Studio signs its session cookie with this; a fresh one per demo run unless you set your own.
export STUDIO_SESSION_SECRET="${STUDIO_SESSION_SECRET:-$(python -c 'import secrets; print(secrets.token_urlsafe(32))')}"
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
import os
from engine.ingest.intake import org_credentials
from engine.seed import DEMO_PASSWORD, DEMO_SELLERS, DEMO_SLUG, DEMO_USERS, seller_email
creds = org_credentials(DEMO_SLUG)
print()
print("Copilot 2.0 demo is running.")
print("  Studio: ${STUDIO_URL}")
print("  API:    ${API_URL}/docs")
print("  Logins (password: %s):" % DEMO_PASSWORD)
for email, name, role in DEMO_USERS:
    print(f"    {email:34} {role.value:16} {name}")
for seller in DEMO_SELLERS:
    print(f"    {seller_email(seller):34} {'SELLER':16} {seller}")
print("  Secrets of this demo:")
print(f"    CRM events (POST /v1/events): X-Copilot-Org: {DEMO_SLUG}, X-Copilot-Signature: sha256=HMAC-SHA256(body)")
print(f"      with the organisation's events secret: {creds.events_secret if creds else '(organisation missing)'}")
print(f"    WhatsApp webhooks (X-Hub-Signature-256): WHATSAPP_APP_SECRET={os.environ['WHATSAPP_APP_SECRET']}")
print("    Studio session cookies: STUDIO_SESSION_SECRET (generated for this run unless you exported one)")
print("  Meta:   sandbox stand-in at http://127.0.0.1:8799 (META_SANDBOX=1; set it to 0 to use real credentials)")
print("  Worker log: warnings and errors only (run 'python worker.py --verbose' to see every job)")
print("Insights appear as the worker processes the replayed events. Ctrl-C stops everything.")
PY

wait "$HONCHO_PID"
