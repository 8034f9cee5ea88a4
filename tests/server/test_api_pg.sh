#!/bin/sh
# test_api_pg.sh — the API suite (test_api.sh) against a PostgreSQL server
# that the test starts itself.
exec sh tests/server/test_api.sh pg
