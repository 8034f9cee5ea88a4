/*
 * api_ref.h — what api.c shares with applications.c: the reference data
 * the service itself uses (the official calendar, built in and imported,
 * and the current catalog), reloaded by api_refresh when the "ref"
 * counter moves and read under api_ref_lock; the reply helpers; the
 * online applications handler.
 */
#ifndef YICHUANG_SERVER_API_REF_H
#define YICHUANG_SERVER_API_REF_H

#include <pthread.h>

#include "yichuang/catalog.h"
#include "server.h"

extern pthread_rwlock_t api_ref_lock;	/* read-held while using the three below */
extern struct calendar *api_cal;
extern struct catalog api_cat;
extern int api_cat_version;

/* Reloads calendars and catalog when the reference version changed.
 * Called without api_ref_lock held. */
int api_refresh(struct api *a, struct bconn *c, char *err, size_t errsz);

/* Fills r with a JSON body (taken over; NULL means out of memory). */
void api_json(struct api_reply *r, int status, char *body);
/* Fills r with {"error": msg}. */
void api_error(struct api_reply *r, int status, const char *msg);
/* A request that failed on the database (or otherwise inside the
 * service): err goes to the log on stderr, the client gets 500 with
 * API_FAIL_MSG, never the database's own words. */
void api_fail(struct api_reply *r, const char *err);

#define API_FAIL_MSG _("中心内部出错，请稍后重试；一再出现时请管理员查看 yichuangd 的日志")
#define API_DB_DOWN_MSG _("中心数据库暂时不可用，请稍后重试")

/* POST /v1/sync/push by terminal t with the body text (push.c). */
void api_push(struct api *a, struct bconn *c, const struct codec_terminal *t,
	      const char *body, size_t len, struct api_reply *r);

/* POST /v1/applications with the body text. */
void api_applications(struct api *a, struct bconn *c, const char *text,
		      struct api_reply *r);

#endif
