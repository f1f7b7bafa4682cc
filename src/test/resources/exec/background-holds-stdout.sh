#!/bin/sh
# Leaves a background process that keeps stdout open, writes its pid to $1 and exits 0.
# The short pause makes sure the runner is already reading when this script exits (otherwise the
# JDK drains and closes the pipe itself at exit, and nothing is held open).
sleep 300 &
echo $! > "$1"
echo done
sleep 0.3
