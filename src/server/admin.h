/*
 * admin.h — what the files of `yichuangd admin` share (admin.c: adding
 * terminals, users, catalogs, calendars, settings; admin_ops.c: lists,
 * conflicts, revoking, disabling, pruning).  Each command gets the argv
 * after its first word, prints, and returns the exit status (0, 1 when it
 * failed, 2 for a usage error).
 */
#ifndef YICHUANG_SERVER_ADMIN_H
#define YICHUANG_SERVER_ADMIN_H

#include <stddef.h>

#include "server.h"

/* The usage text, on stderr. */
void admin_usage(void);

/* The value of option `name` among argv[from..], or NULL. */
const char *admin_opt(int argc, char **argv, int from, const char *name);

/* Runs change() in a transaction that also moves the reference version
 * when bump is 1. */
int admin_tx(const struct backend_ops *ops, struct bconn *c, int bump,
	     int (*change)(const struct backend_ops *, struct bconn *, void *, char *, size_t),
	     void *arg, char *err, size_t errsz);

/* conflicts [--all] | conflicts resolve N --note TEXT */
int admin_conflicts(const struct backend_ops *ops, struct bconn *c, int argc, char **argv);
/* terminal list (argv after "list") */
int admin_terminal_list(const struct backend_ops *ops, struct bconn *c, int argc,
			char **argv);
/* terminal revoke NAME|SITE-TT|ID (argv after "revoke") */
int admin_terminal_revoke(const struct backend_ops *ops, struct bconn *c, int argc,
			  char **argv);
/* user list (argv after "list") */
int admin_user_list(const struct backend_ops *ops, struct bconn *c, int argc, char **argv);
/* user disable NAME | user enable NAME (argv from "disable"/"enable") */
int admin_user_active(const struct backend_ops *ops, struct bconn *c, int argc,
		      char **argv);
/* batches prune --older-than DAYS */
int admin_batches(const struct backend_ops *ops, struct bconn *c, int argc, char **argv);

#endif
