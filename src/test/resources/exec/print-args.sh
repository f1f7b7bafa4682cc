#!/bin/sh
# Prints each argument followed by a NUL byte, so the test sees argv exactly.
for argument in "$@"; do
  printf '%s\000' "$argument"
done
