#!/bin/sh
# Prints the environment, each NAME=value followed by a NUL byte.
exec env -0
