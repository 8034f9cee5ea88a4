#!/bin/sh
# test_push_rules_pg.sh — test_push_rules.sh against a PostgreSQL server
# that the test starts itself.
exec sh tests/server/test_push_rules.sh pg
