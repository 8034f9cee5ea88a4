/*
 * print_lp.c — sending a PDF to CUPS through the `lp` command (or the
 * command of the setting doc.lp_command).  The command is run without a
 * shell (its words split at spaces), with the job's title (-t) and the
 * printer (-d), the PDF on its standard input from a temporary file (no
 * pipe to break when the command gives up early), its messages caught so
 * that the caller can show them to the clerk.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "yichuang/document.h"
#include "yichuang/print.h"
#include "yichuang/util.h"

#define LP_MAX_ARGS 32

/* The first line the command wrote to its standard error, cut to fit. */
static void lp_first_line(FILE *f, char *buf, size_t bufsz)
{
	size_t n;

	buf[0] = '\0';
	if (!f || fseek(f, 0, SEEK_SET) != 0)
		return;
	n = fread(buf, 1, bufsz - 1, f);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	utf8_trim_partial(buf);
}

char *print_job_title(const struct document *d, char *buf, size_t bufsz)
{
	const char *no = d->case_number ? d->case_number : d->number;

	snprintf(buf, bufsz, "%s%s%s", d->title ? d->title : "", no ? " " : "", no ? no : "");
	utf8_trim_partial(buf);
	return buf;
}

int print_lp(const unsigned char *pdf, size_t len, const char *lp_command,
	     const char *printer, const char *title, char *err, size_t errsz)
{
	char cmd[1024], said[256];
	char *argv[LP_MAX_ARGS + 5];
	int argc = 0, status, fail_pipe[2], exec_errno = 0;
	FILE *in, *errf;
	pid_t pid;

	snprintf(cmd, sizeof cmd, "%s", lp_command && *lp_command ? lp_command : "lp");
	for (char *tok = strtok(cmd, " \t"); tok && argc < LP_MAX_ARGS; tok = strtok(NULL, " \t"))
		argv[argc++] = tok;
	if (argc == 0)
		return yc_seterr(err, errsz, "%s",
				 _("打印命令为空：请用 yichuang setting set doc.lp_command 命令 设置打印命令"));
	if (title && *title) {
		argv[argc++] = "-t";
		argv[argc++] = (char *)title;
	}
	if (printer && *printer) {
		argv[argc++] = "-d";
		argv[argc++] = (char *)printer;
	}
	argv[argc] = NULL;

	in = tmpfile();
	errf = tmpfile();
	if (!in || !errf || fwrite(pdf, 1, len, in) != len || fflush(in) != 0 ||
	    fseek(in, 0, SEEK_SET) != 0) {
		if (in)
			fclose(in);
		if (errf)
			fclose(errf);
		return yc_seterr(err, errsz, _("无法准备打印数据（临时文件）：%s"), strerror(errno));
	}
	if (pipe2(fail_pipe, O_CLOEXEC) != 0) {
		fclose(in);
		fclose(errf);
		return yc_seterr(err, errsz, _("无法启动打印命令：%s"), strerror(errno));
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int e;

		dup2(fileno(in), 0);
		dup2(fileno(errf), 1);
		dup2(fileno(errf), 2);
		execvp(argv[0], argv);
		e = errno;
		if (write(fail_pipe[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	close(fail_pipe[1]);
	if (pid < 0) {
		close(fail_pipe[0]);
		fclose(in);
		fclose(errf);
		return yc_seterr(err, errsz, _("无法启动打印命令：%s"), strerror(errno));
	}
	if (read(fail_pipe[0], &exec_errno, sizeof exec_errno) != (ssize_t)sizeof exec_errno)
		exec_errno = 0;
	close(fail_pipe[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	lp_first_line(errf, said, sizeof said);
	fclose(in);
	fclose(errf);
	if (exec_errno == ENOENT)
		return yc_seterr(err, errsz,
				 _("找不到打印命令“%s”：请安装 CUPS 客户端（cups-client，提供 lp），"
				   "或用 yichuang setting set doc.lp_command 命令 指定打印命令；"
				   "文书未打印，可稍后重打"),
				 argv[0]);
	if (exec_errno)
		return yc_seterr(err, errsz, _("无法运行打印命令“%s”：%s；文书未打印，可稍后重打"),
				 argv[0], strerror(exec_errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status))
			return yc_seterr(err, errsz,
					 _("打印失败：命令“%s”退出码 %d%s%s；请检查打印机%s%s%s是否连接、"
					   "是否已在 CUPS 中设置（lpstat -p）；文书未打印，可稍后重打"),
					 lp_command && *lp_command ? lp_command : "lp",
					 WEXITSTATUS(status), said[0] ? "：" : "", said,
					 printer && *printer ? " " : "", printer && *printer ? printer : "",
					 printer && *printer ? " " : "");
		return yc_seterr(err, errsz, _("打印失败：命令“%s”被信号中断；文书未打印，可稍后重打"),
				 lp_command && *lp_command ? lp_command : "lp");
	}
	return 0;
}
