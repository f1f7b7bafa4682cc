#!/bin/sh
# Prints $1 on stdout, $3 (if any) on stderr, and exits with $2.
printf '%s' "$1"
printf '%s' "${3:-}" >&2
exit "$2"
