#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer. Start local servers when installed but stopped;
# otherwise stop with one clear line saying what to run.
set -uo pipefail
DB_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/copilot}"
REDIS="${REDIS_URL:-redis://127.0.0.1:6379/0}"
pg_host=$(python3 -c "from urllib.parse import urlparse as u; p=u('$DB_URL'.replace('+psycopg','')); print(p.hostname or '127.0.0.1', p.port or 5432)")
read -r PGH PGP <<<"$pg_host"
redis_hp=$(python3 -c "from urllib.parse import urlparse as u; p=u('$REDIS'); print(p.hostname or '127.0.0.1', p.port or 6379)")
read -r RH RP <<<"$redis_hp"

pg_up() { pg_isready -q -h "$PGH" -p "$PGP" 2>/dev/null || python3 - "$PGH" "$PGP" <<'PY'
import socket, sys
s = socket.socket(); s.settimeout(1)
sys.exit(0 if s.connect_ex((sys.argv[1], int(sys.argv[2]))) == 0 else 1)
PY
}
redis_up() { python3 - "$RH" "$RP" <<'PY'
import socket, sys
try:
    s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1)
    s.sendall(b"PING\r\n"); ok = s.recv(16).startswith(b"+PONG")
except OSError:
    ok = False
sys.exit(0 if ok else 1)
PY
}

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is stopped - starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_up && break; sleep 0.5; done
  fi
  pg_up || { echo "error: PostgreSQL is not reachable at $PGH:$PGP - start it (pg_ctlcluster <version> main start) or set DATABASE_URL"; exit 1; }
fi

if ! redis_up; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "Redis is stopped - starting a local redis-server"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$RP" --save "" --appendonly no >/dev/null
    for _ in $(seq 1 30); do redis_up && break; sleep 0.2; done
  fi
  redis_up || { echo "error: Redis is not reachable at $RH:$RP - run: redis-server --daemonize yes --port $RP, or set REDIS_URL"; exit 1; }
fi
echo "services: PostgreSQL $PGH:$PGP and Redis $RH:$RP are up"
