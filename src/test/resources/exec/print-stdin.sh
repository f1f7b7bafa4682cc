#!/bin/sh
# Copies stdin to stdout.
exec cat
