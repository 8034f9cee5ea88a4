#!/bin/sh
# test_admin_pg.sh — the administration suite (test_admin.sh) against a PostgreSQL
# server that the test starts itself.
exec sh tests/server/test_admin.sh pg
