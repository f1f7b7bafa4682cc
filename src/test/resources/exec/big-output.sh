#!/bin/sh
# Writes HEAD, $1 filler bytes and TAIL to stdout, and the same to stderr.
for stream in 1 2; do
  {
    printf 'HEAD'
    head -c "$1" /dev/zero | tr '\000' x
    printf 'TAIL'
  } >&$stream
done
