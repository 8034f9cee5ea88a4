/*
 * cli_calendar.h — `yichuang calendar`: the official working-day calendars
 * an administrator imports into a workstation database, and the list of
 * every year the program knows (built in or stored).
 */
#ifndef YICHUANG_CLI_CALENDAR_H
#define YICHUANG_CLI_CALENDAR_H

struct cli;

/* `calendar import FILE... | list | show YEAR`; argv[0] is "calendar". */
int cmd_calendar(struct cli *cli, int argc, char **argv);

#endif
