#!/bin/sh
# Starts a child shell that starts a grandchild, and a direct child; appends every pid to $1,
# then waits for them (so it runs until killed).
pids="$1"
sh -c 'sleep 300 & echo $! >> "$0"; wait' "$pids" &
echo $! >> "$pids"
sleep 300 &
echo $! >> "$pids"
echo $$ >> "$pids"
wait
