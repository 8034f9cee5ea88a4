/*
 * auth.c — password hashes and the login policy (see auth.h).
 */
#include <sodium.h>
#include <string.h>

#include "yichuang/auth.h"
#include "yichuang/util.h"

#define AUTH_MIN_PASSWORD 8
#define AUTH_LOCK_AFTER 10
#define AUTH_LOCK_SECONDS (15 * 60)
#define AUTH_MAX_DELAY 30

static const struct {
	const char *name;
	const char *label;
} roles[] = {
	[ROLE_CLERK] = { "clerk", N_("综合受理") },
	[ROLE_APPROVER] = { "approver", N_("后台审批") },
	[ROLE_ISSUER] = { "issuer", N_("统一出件") },
	[ROLE_SUPERVISOR] = { "supervisor", N_("监察") },
	[ROLE_ADMIN] = { "admin", N_("管理员") },
};

const char *auth_role_name(enum auth_role r)
{
	return r >= ROLE_CLERK && r <= ROLE_ADMIN ? roles[r].name : "";
}

const char *auth_role_label(enum auth_role r)
{
	return r >= ROLE_CLERK && r <= ROLE_ADMIN ? _(roles[r].label) : "";
}

enum auth_role auth_role_from_name(const char *name)
{
	for (int r = ROLE_CLERK; r <= ROLE_ADMIN; r++)
		if (strcmp(roles[r].name, name) == 0)
			return (enum auth_role)r;
	return 0;
}

int auth_hash(const char *password, char *hash, size_t hashsz, char *err, size_t errsz)
{
	if (sodium_init() < 0)
		return yc_seterr(err, errsz, _("密码库初始化失败"));
	if (hashsz < crypto_pwhash_STRBYTES)
		return yc_seterr(err, errsz, _("密码散列的缓冲区太小"));
	if (utf8_len(password) < AUTH_MIN_PASSWORD)
		return yc_seterr(err, errsz, _("密码至少需要 %d 个字符"), AUTH_MIN_PASSWORD);
	if (crypto_pwhash_str(hash, password, strlen(password),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return yc_seterr(err, errsz, _("内存不足，无法计算密码散列"));
	return 0;
}

int auth_verify(const char *hash, const char *password)
{
	if (sodium_init() < 0 || !hash || !password)
		return 0;
	if (strncmp(hash, crypto_pwhash_STRPREFIX, strlen(crypto_pwhash_STRPREFIX)) != 0)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int auth_delay_seconds(int failures)
{
	int d = 1;

	if (failures < 3)
		return 0;
	for (int i = 3; i < failures && d < AUTH_MAX_DELAY; i++)
		d *= 2;
	return d > AUTH_MAX_DELAY ? AUTH_MAX_DELAY : d;
}

int auth_locked(int failures)
{
	return failures >= AUTH_LOCK_AFTER;
}

int auth_lock_seconds(void)
{
	return AUTH_LOCK_SECONDS;
}
