/*
 * auth.h — passwords and the login policy.
 *
 * Passwords are stored as argon2id hashes (libsodium's crypto_pwhash_str
 * format), which central distributes so that login works offline.  Repeated
 * failures slow the next attempt down and, past a limit, lock the user for
 * a while; every failure is recorded by the caller.
 */
#ifndef YICHUANG_AUTH_H
#define YICHUANG_AUTH_H

#include <stddef.h>

#define AUTH_HASH_MAX 128	/* crypto_pwhash_STRBYTES */

enum auth_role {
	ROLE_CLERK = 1,		/* 综合受理窗口 */
	ROLE_APPROVER,		/* 后台审批 */
	ROLE_ISSUER,		/* 统一出件窗口 */
	ROLE_SUPERVISOR,	/* 监察 */
	ROLE_ADMIN		/* 管理员 */
};

/* Stable names ("clerk", ...) and Chinese display names. */
const char *auth_role_name(enum auth_role r);
const char *auth_role_label(enum auth_role r);
/* 0 when name is not a role. */
enum auth_role auth_role_from_name(const char *name);

/* Hashes a password (argon2id, interactive limits).  Passwords shorter than
 * 8 characters are refused.  0, or -1 with a message. */
int auth_hash(const char *password, char *hash, size_t hashsz, char *err, size_t errsz);
/* 1 when password matches hash, 0 when not (or hash is malformed). */
int auth_verify(const char *hash, const char *password);

/* Login policy: after `failures` consecutive failures, how many seconds the
 * next attempt must wait (0 for the first two, then doubling from 1 s up to
 * 30 s), and whether the account is locked (10 failures: locked for 15
 * minutes, which auth_lock_seconds gives). */
int auth_delay_seconds(int failures);
int auth_locked(int failures);
int auth_lock_seconds(void);

#endif
