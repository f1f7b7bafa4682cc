#!/bin/sh
# Progress hook: a long-running script that reports through its callback instead of being polled.
#   url: exec:///opt/mws/spool/hooks/progress.sh?steps=3
# It reports each step to PUT $PHASEKEEPER_CALLBACK_URL with Authorization: Bearer
# $PHASEKEEPER_TOKEN (the token is valid for this run only, and only while it is WAITING): the
# service's statusCode and stepsCompleted change as it goes; the last report ends the run.
# Needs curl, or wget as a fallback; without either it only prints its result.

steps=${1:-3}

report() {
  if command -v curl >/dev/null 2>&1; then
    curl -sS -f -X PUT -H "Authorization: Bearer $PHASEKEEPER_TOKEN" \
      -H 'Content-Type: application/json' --data "$1" "$PHASEKEEPER_CALLBACK_URL" >/dev/null
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O /dev/null --method=PUT --header="Authorization: Bearer $PHASEKEEPER_TOKEN" \
      --header='Content-Type: application/json' --body-data="$1" "$PHASEKEEPER_CALLBACK_URL"
  else
    echo "progress: neither curl nor wget is installed; not reporting '$1'" >&2
  fi
}

i=1
while [ "$i" -le "$steps" ]; do
  sleep 1
  report "{\"status\":\"waiting\",\"statusCode\":$i,\"stepsCompleted\":[\"progress-$i\"]}" || exit 1
  i=$((i + 1))
done
report '{"status":"succeeded","message":"all steps done"}'
echo '{"status":"succeeded"}'
