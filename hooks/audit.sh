#!/bin/sh
# Audit hook: appends one JSON line per phase change to a log.
#   url: exec:///opt/mws/spool/hooks/audit.sh                 (log: audit.log beside this script)
#   url: exec:///opt/mws/spool/hooks/audit.sh?log=/var/log/phasekeeper-audit.log
# Runs on any transition when defined with, e.g., "nextPhase" or "transition" only; define it
# once per transition you want to audit, or globally with currentPhase/transition/nextPhase.
# Values come from the PHASEKEEPER_* environment, never from the command line, so nothing in them
# is interpreted. No shell features beyond POSIX sh and printf.

log=${1:-audit.log}

escape() {
  # JSON string escaping for backslash and double quote; control characters become blanks.
  printf '%s' "$1" | tr '\n\r\t' '   ' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

now=$(date -u '+%Y-%m-%dT%H:%M:%SZ')
printf '{"at":"%s","kind":"%s","id":"%s","hook":"%s","from":"%s","transition":"%s","to":"%s"}\n' \
  "$now" \
  "$(escape "$PHASEKEEPER_SUBJECT_KIND")" \
  "$(escape "$PHASEKEEPER_SUBJECT_ID")" \
  "$(escape "$PHASEKEEPER_HOOK_NAME")" \
  "$(escape "$PHASEKEEPER_CURRENT_PHASE")" \
  "$(escape "$PHASEKEEPER_TRANSITION")" \
  "$(escape "$PHASEKEEPER_NEXT_PHASE")" >> "$log" || exit 1
echo '{"status":"succeeded"}'
