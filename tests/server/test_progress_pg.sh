#!/bin/sh
# test_progress_pg.sh — the progress query suite (test_progress.sh) against a
# PostgreSQL server that the test starts itself.
exec sh tests/server/test_progress.sh pg
