/*
 * cli_sync.h — what `init --server` (cmd_init.c) shares with `sync`
 * (cmd_sync.c): printing the end of a sync round.
 */
#ifndef YICHUANG_CLI_SYNC_H
#define YICHUANG_CLI_SYNC_H

struct sync_report;

/* Prints the end of a round (the summary on stdout, refused events with
 * their reasons, or why central was not reached on stderr) and turns the
 * outcome rc of sync_round (or -1 with err) into the exit code:
 * 0 done, 1 some events refused, 2 unreachable or a local failure. */
int cli_sync_report(int rc, const struct sync_report *rep, const char *err);

#endif
