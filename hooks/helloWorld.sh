#!/bin/sh

is_succeeded=true
if $is_succeeded ; then
  echo '{"output":"hello world!", "status":"succeeded"}' 
else
  echo '{"status":"failed"}'
fi
