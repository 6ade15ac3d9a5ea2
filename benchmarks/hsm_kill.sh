#!/usr/bin/env bash
# Overbuild protection under kill -9: eight stations ask a served M-HSM for device authorisations without pause while
# the server is killed (SIGKILL) at random moments and restarted on its store, KILLS times (at least 100). Prints what
# was delivered, the ticket's counter and SQLite's integrity check; exits 1 if more than the maximum was delivered,
# the counter shows fewer uses than were delivered, or the store is damaged.
#   benchmarks/hsm_kill.sh [kills] [ticket maximum]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
kills="${1:-120}"
max="${2:-400}"
if [ "$kills" -lt 100 ]; then
  echo "hsm_kill.sh: $kills kills asked; the run makes at least 100." >&2
  exit 2
fi
dotnet run -c Release --project "$root/benchmarks/Spps.Benchmarks" -- kill "$kills" "$max"
