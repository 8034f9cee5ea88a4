/* test_sync_client.c — the sync client without a central service: request
 * bodies gzipped so that zlib reads them back, a round against a port
 * nobody listens on ends "unreachable" with nothing lost and the status
 * saying offline, a database with no server is refused with a message,
 * and the background sync runs a round and reports it finished. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "yichuang/casestore.h"
#include "yichuang/date.h"
#include "yichuang/store.h"
#include "yichuang/sync.h"
#include "yichuang/util.h"
#include "yichuang/workdays.h"
#include "../../src/sync/transport.h"
#include "testlib.h"

static char tmpdir[256];
static struct calendar *cal;

static int setup(void **state)
{
	char err[YC_ERRSZ];

	(void)state;
	cal = calendar_new();
	if (!cal || calendar_load_builtin(cal, err, sizeof err) != 0)
		return -1;
	return testlib_mkdtemp(tmpdir, sizeof tmpdir, "syncclient");
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(cal);
	return testlib_rmtree(tmpdir);
}

static const char *tpath(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
	return buf;
}

/* A loopback URL on a port that was free a moment ago (nobody listens). */
static void dead_url(char *buf, size_t bufsz)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	close(fd);
	snprintf(buf, bufsz, "http://127.0.0.1:%d/", ntohs(sa.sin_port));
}

/* A station with one case waiting in the outbox, registered to url. */
static struct store *station(const char *name, const char *url)
{
	struct store *st = NULL;
	struct case_intake in;
	char id[CASE_ID_MAX], no[CASENO_TEXT_MAX], err[YC_ERRSZ] = "";

	assert_int_equal(store_open(tpath(name), STORE_OPEN_CREATE, &st, err, sizeof err), 0);
	assert_int_equal(store_init_terminal(st, "539102", 2, err, sizeof err), 0);
	if (url) {
		assert_int_equal(store_setting_set(st, "sync.server", url, err, sizeof err), 0);
		assert_int_equal(store_setting_set(st, "sync.token", "t0ken", err, sizeof err), 0);
	}
	memset(&in, 0, sizeof in);
	in.day = date_from_ymd(2026, 11, 20);
	in.item_code = "X1";
	in.catalog_version = 1;
	in.promised_limit = 5;
	in.promised_unit = LIMIT_WORKDAYS;
	in.applicant.name = "李四";
	if (case_receive(st, cal, &in, "clerk", id, no, err, sizeof err) != 0)
		fail_msg("%s", err);
	return st;
}

static void test_request_body_is_gzip_that_zlib_reads_back(void **state)
{
	const char *json = "{\"key\":\"k\",\"events\":[]}";
	char back[128];
	uLongf backlen = sizeof back;
	size_t n = 0;
	unsigned char *gz = transport_gzip(json, strlen(json), &n);
	z_stream zs;

	(void)state;
	assert_non_null(gz);
	assert_true(n > 10);
	assert_int_equal(gz[0], 0x1f);		/* gzip magic */
	assert_int_equal(gz[1], 0x8b);
	memset(&zs, 0, sizeof zs);
	assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
	zs.next_in = gz;
	zs.avail_in = (uInt)n;
	zs.next_out = (Bytef *)back;
	zs.avail_out = (uInt)backlen;
	assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
	back[zs.total_out] = '\0';
	inflateEnd(&zs);
	assert_string_equal(back, json);
	free(gz);
}

static void test_unreachable_central_loses_nothing_and_says_offline(void **state)
{
	struct sync_config cfg;
	struct sync_report rep;
	struct sync_status s;
	char url[64], err[YC_ERRSZ] = "";
	struct store *st;

	(void)state;
	dead_url(url, sizeof url);
	st = station("down.db", url);
	memset(&cfg, 0, sizeof cfg);
	cfg.retries = 2;
	cfg.backoff_ms = 10;
	cfg.connect_timeout = 2;
	assert_int_equal(sync_round(st, &cfg, &rep, err, sizeof err), SYNC_UNREACHABLE);
	assert_non_null(strstr(rep.error, "127.0.0.1"));
	sync_report_free(&rep);
	assert_int_equal(sync_status(st, &s, err, sizeof err), 0);
	assert_int_equal(s.configured, 1);
	assert_int_equal(s.online, 0);
	assert_int_equal(s.pending, 1);
	assert_int_equal(s.conflicts, 0);
	assert_non_null(strstr(s.last_error, "127.0.0.1"));
	/* The batch kept its key for the retry, and the attempt is counted. */
	{
		struct syncstore_batch b;

		assert_int_equal(syncstore_next_batch(st, 200, &b, err, sizeof err), 1);
		assert_int_equal(b.resent, 1);
		assert_int_equal(b.n, 1);
		syncstore_batch_free(&b);
	}
	store_close(st);
}

static void test_round_without_server_is_refused_with_advice(void **state)
{
	struct sync_report rep;
	struct sync_status s;
	char err[YC_ERRSZ] = "";
	struct store *st = station("alone.db", NULL);

	(void)state;
	assert_int_equal(sync_round(st, NULL, &rep, err, sizeof err), -1);
	assert_non_null(strstr(err, "yichuang init"));
	assert_int_equal(sync_status(st, &s, err, sizeof err), 0);
	assert_int_equal(s.configured, 0);
	assert_int_equal(s.pending, 1);
	store_close(st);
}

static void test_bad_server_address_is_refused(void **state)
{
	struct sync_config cfg;
	struct sync_report rep;
	char err[YC_ERRSZ] = "";
	struct store *st = station("badurl.db", NULL);

	(void)state;
	memset(&cfg, 0, sizeof cfg);
	cfg.server = "ftp://central";
	cfg.token = "x";
	assert_int_equal(sync_round(st, &cfg, &rep, err, sizeof err), -1);
	assert_non_null(strstr(err, "ftp://central"));
	store_close(st);
}

static void test_background_round_finishes_and_is_polled(void **state)
{
	struct sync_bg *bg;
	struct sync_status s;
	char url[64], err[YC_ERRSZ] = "";
	struct store *st;
	int finished = 0;

	(void)state;
	dead_url(url, sizeof url);
	st = station("bg.db", url);
	bg = sync_bg_new(tpath("bg.db"), 3600);
	assert_non_null(bg);
	assert_int_equal(sync_bg_poll(bg, time(NULL)), 0);	/* starts the first round */
	for (int i = 0; i < 300 && !finished; i++) {
		struct timespec ts = { 0, 50 * 1000000L };

		nanosleep(&ts, NULL);
		finished = sync_bg_poll(bg, time(NULL));
	}
	assert_int_equal(finished, 1);
	/* The interval has not passed: no second round yet. */
	assert_int_equal(sync_bg_poll(bg, time(NULL)), 0);
	sync_bg_free(bg);
	assert_int_equal(sync_status(st, &s, err, sizeof err), 0);
	assert_int_equal(s.online, 0);
	assert_int_equal(s.pending, 1);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_body_is_gzip_that_zlib_reads_back),
		cmocka_unit_test(test_unreachable_central_loses_nothing_and_says_offline),
		cmocka_unit_test(test_round_without_server_is_refused_with_advice),
		cmocka_unit_test(test_bad_server_address_is_refused),
		cmocka_unit_test(test_background_round_finishes_and_is_polled),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
