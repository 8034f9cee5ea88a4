/*
 * bgsync.c — helper of tests/sync/test_stall.sh: drives the background
 * sync the full-screen program runs (sync_bg_*) against a real yichuangd
 * whose process it stops and continues (SIGSTOP, SIGCONT: a pulled
 * cable, plugged in again), and prints how long each step took:
 *
 *   bgsync DB YICHUANGD_PID
 *
 *   online MS         the first round reached central
 *   offline MS        after central stalled, the status says offline
 *   online-again MS   after central came back, the status says online
 *   quit MS           sync_bg_free with a round hanging on a stalled central
 *
 * A step that does not happen within 40 s prints "STEP timeout" and the
 * helper exits 1.  The interval between rounds is 60 s, as in the program.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "yichuang/store.h"
#include "yichuang/sync.h"
#include "yichuang/util.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The status's online flag, as the title line reads it; -1 on error. */
static int online(const char *path)
{
	struct store *st = NULL;
	struct sync_status s;
	char err[YC_ERRSZ];
	int rc;

	if (store_open(path, STORE_OPEN_EXISTING, &st, err, sizeof err) != 0)
		return -1;
	rc = sync_status(st, &s, err, sizeof err) == 0 ? s.online : -1;
	store_close(st);
	return rc;
}

/* Polls bg (as the program's tick does, every 100 ms) until the status
 * says `want` after at least one job finished; prints the time. */
static int wait_for(struct sync_bg *bg, const char *path, int want, const char *step)
{
	long long t0 = now_ms();
	int finished = 0;

	while (now_ms() - t0 < 40000) {
		finished |= sync_bg_poll(bg, time(NULL));
		if (finished && online(path) == want) {
			printf("%s %lld\n", step, now_ms() - t0);
			fflush(stdout);
			return 0;
		}
		usleep(100000);
	}
	printf("%s timeout\n", step);
	return -1;
}

int main(int argc, char **argv)
{
	struct sync_bg *bg;
	pid_t pid;
	long long t0;

	if (argc != 3) {
		fprintf(stderr, "usage: bgsync DB YICHUANGD_PID\n");
		return 2;
	}
	pid = (pid_t)atoi(argv[2]);
	bg = sync_bg_new(argv[1], 60);
	if (!bg)
		return 2;
	if (wait_for(bg, argv[1], 1, "online") != 0)
		goto fail;
	kill(pid, SIGSTOP);
	if (wait_for(bg, argv[1], 0, "offline") != 0)
		goto fail;
	kill(pid, SIGCONT);
	if (wait_for(bg, argv[1], 1, "online-again") != 0)
		goto fail;
	/* a round under way on a stalled central, then quit */
	kill(pid, SIGSTOP);
	sync_bg_kick(bg);
	sync_bg_poll(bg, time(NULL));
	sleep(2);
	t0 = now_ms();
	sync_bg_free(bg);
	printf("quit %lld\n", now_ms() - t0);
	kill(pid, SIGCONT);
	return 0;
fail:
	kill(pid, SIGCONT);
	sync_bg_free(bg);
	return 1;
}
