#!/usr/bin/env bash
# PostgreSQL's CPU per backend during a benchmark, each backend named by the statements it ran (BENCHMARKS.md, session 16).
# pg_stat_statements times are wall time and, on a busy 2-core machine, mostly waiting for a core; this reads CPU.
# Usage: start it, then the benchmark (it waits for the embedded server: a data directory named pathways-postgres-*):
#   deploy/pg-cpu-by-backend.sh /tmp/pgcpu & deploy/benchmark-import.sh 200000
# When the server stops, it prints CPU-seconds per role and writes the samples to the folder given (default /tmp/pgcpu).
set -uo pipefail
out=${1:-/tmp/pgcpu}
mkdir -p "$out"
rm -f "$out"/cpu "$out"/queries
while true; do
  postmaster=$(ps -eo pid,args | awk '$2 ~ /postgres$/ && /pathways-postgres/ {print $1}' | head -1)
  [ -n "$postmaster" ] && break
  sleep 0.5
done
port=$(tr '\0' ' ' < "/proc/$postmaster/cmdline" | grep -oE -- '-p [0-9]+' | awk '{print $2}')
while kill -0 "$postmaster" 2>/dev/null; do
  for pid in $(ps --ppid "$postmaster" -o pid=); do
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || continue
    echo "$pid $ticks $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-60)" >> "$out/cpu"
  done
  PGPASSWORD=postgres psql -h localhost -p "$port" -U postgres -d pathways -At -F'|' -c \
    "select pid, regexp_replace(left(query, 90), '\s+', ' ', 'g') from pg_stat_activity where query <> '' and pid <> pg_backend_pid()" \
    >> "$out/queries" 2>/dev/null
  sleep 1
done
hz=$(getconf CLK_TCK)
awk '{last[$1] = $2; name[$1] = $0} END {for (p in last) print p, last[p], name[p]}' "$out/cpu" | while read -r pid ticks rest; do
  role=$(grep "^$pid|" "$out/queries" | cut -d'|' -f2 \
    | grep -oE 'journey_event|read_model.processed|analytics.processed|with c as materialized|domain_event_entry|token_entry|import_job|copy_students' \
    | sed -e 's/journey_event\|read_model.processed/journeys consumer/' -e 's/analytics.processed\|with c as materialized/analytics consumer/' \
          -e 's/domain_event_entry/import lanes (event store)/' -e 's/token_entry/Kafka publisher/' -e 's/import_job/import progress/' \
          -e 's/copy_students/benchmark COPY ceiling/' | sort | uniq -c | sort -rn | head -1 | sed 's/^ *[0-9]* //')
  case "$rest" in
    *walwriter*) role="WAL writer" ;;
    *autovacuum*) role="autovacuum" ;;
    *checkpointer*|*"background writer"*) role="checkpointer, background writer" ;;
  esac
  echo "$ticks|${role:-other}"
done | awk -F'|' -v hz="$hz" '{cpu[$2] += $1; all += $1} END {for (r in cpu) printf "%8.1f CPU-s %5.1f %%  %s\n", cpu[r] / hz, 100 * cpu[r] / all, r; printf "%8.1f CPU-s %7s  %s\n", all / hz, "", "PostgreSQL in all"}' | sort -rn
