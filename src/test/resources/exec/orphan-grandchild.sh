#!/bin/sh
# Starts a child shell that starts a grandchild and exits after a moment, so the grandchild is
# re-parented away from this script's tree; appends the pids to $1 and then runs until killed.
pids="$1"
sh -c 'sleep 300 & echo $! >> "$0"; sleep 0.8' "$pids" &
echo $! >> "$pids"
echo $$ >> "$pids"
sleep 300
