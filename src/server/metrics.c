/*
 * metrics.c — yichuangd's counters and their Prometheus text exposition
 * (GET /metrics): requests by route and status code with their total
 * time, pushed events by outcome, pull requests, and the stored totals of
 * events and conflicts that the caller reads from the database.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "yichuang/util.h"
#include "server.h"

#define METRICS_SLOTS 64

struct metrics_slot {
	const char *route;		/* static label */
	int code;
	unsigned long long count;
	double ms;
};

static pthread_mutex_t metrics_mu = PTHREAD_MUTEX_INITIALIZER;
static struct metrics_slot metrics_slots[METRICS_SLOTS];
static size_t metrics_nslots;
static unsigned long long metrics_push_counts[CODEC_INVALID + 1];
static unsigned long long metrics_pulls;

void metrics_request(const char *route, int code, double ms)
{
	size_t i;

	pthread_mutex_lock(&metrics_mu);
	for (i = 0; i < metrics_nslots; i++)
		if (metrics_slots[i].route == route && metrics_slots[i].code == code)
			break;
	if (i == metrics_nslots && metrics_nslots < METRICS_SLOTS) {
		metrics_slots[i].route = route;
		metrics_slots[i].code = code;
		metrics_nslots++;
	}
	if (i < metrics_nslots) {
		metrics_slots[i].count++;
		metrics_slots[i].ms += ms;
	}
	pthread_mutex_unlock(&metrics_mu);
}

void metrics_push(enum codec_status s)
{
	pthread_mutex_lock(&metrics_mu);
	if ((unsigned)s <= CODEC_INVALID)
		metrics_push_counts[s]++;
	pthread_mutex_unlock(&metrics_mu);
}

void metrics_pull(void)
{
	pthread_mutex_lock(&metrics_mu);
	metrics_pulls++;
	pthread_mutex_unlock(&metrics_mu);
}

char *metrics_text(long long events, long long conflicts)
{
	struct strbuf sb;

	sb_init(&sb);
	pthread_mutex_lock(&metrics_mu);
	sb_append(&sb, "# HELP yichuangd_requests_total HTTP requests by route and status.\n"
		  "# TYPE yichuangd_requests_total counter\n");
	for (size_t i = 0; i < metrics_nslots; i++)
		sb_appendf(&sb, "yichuangd_requests_total{path=\"%s\",code=\"%d\"} %llu\n",
			   metrics_slots[i].route, metrics_slots[i].code, metrics_slots[i].count);
	sb_append(&sb, "# HELP yichuangd_request_seconds_total Time spent answering requests.\n"
		  "# TYPE yichuangd_request_seconds_total counter\n");
	for (size_t i = 0; i < metrics_nslots; i++)
		sb_appendf(&sb, "yichuangd_request_seconds_total{path=\"%s\",code=\"%d\"} %.6f\n",
			   metrics_slots[i].route, metrics_slots[i].code,
			   metrics_slots[i].ms / 1000.0);
	sb_append(&sb, "# HELP yichuangd_push_events_total Pushed events by outcome.\n"
		  "# TYPE yichuangd_push_events_total counter\n");
	for (int s = 0; s <= CODEC_INVALID; s++)
		sb_appendf(&sb, "yichuangd_push_events_total{status=\"%s\"} %llu\n",
			   codec_status_name((enum codec_status)s), metrics_push_counts[s]);
	sb_appendf(&sb, "# HELP yichuangd_pull_requests_total Pull requests answered.\n"
		   "# TYPE yichuangd_pull_requests_total counter\n"
		   "yichuangd_pull_requests_total %llu\n", metrics_pulls);
	pthread_mutex_unlock(&metrics_mu);
	/* both only grow (events are never removed, conflicts are kept when
	 * resolved): counters, as their _total names say */
	sb_appendf(&sb, "# HELP yichuangd_events_total Events stored (highest server sequence).\n"
		   "# TYPE yichuangd_events_total counter\n"
		   "yichuangd_events_total %lld\n"
		   "# HELP yichuangd_conflicts_total Events refused as conflicts and kept.\n"
		   "# TYPE yichuangd_conflicts_total counter\n"
		   "yichuangd_conflicts_total %lld\n", events, conflicts);
	return sb_take(&sb);
}
