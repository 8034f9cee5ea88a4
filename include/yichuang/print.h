/*
 * print.h — documents (document.h) on paper: an A4 PDF rendered with
 * cairo and pango in the Noto CJK fonts (chosen by family name through
 * fontconfig), with the progress address as a QR code at the top right,
 * sent to CUPS through the `lp` command; and what the command line and
 * the full-screen program share around it: the centre's settings from
 * the store, and the document_issued event recorded on the case.
 *
 * The page: A4 (210 x 297 mm), margins 25 mm top and bottom, 28 mm left,
 * 26 mm right (GB/T 9704 proportions); no ink falls outside them.  Long
 * lists continue on further pages (a table repeats its heading row; a row
 * taller than a page is split between its lines), each page numbered
 * "第 N 页 共 M 页"; the seal, the date and the signatures stay on one
 * page with the lines before them.  A document in two parts (the 补正
 * notice's 存根 and 申请人联) has each part on sheets of its own, each
 * with the whole head and the QR code.
 */
#ifndef YICHUANG_PRINT_H
#define YICHUANG_PRINT_H

#include <stddef.h>

#include "yichuang/document.h"

struct store;
struct calendar;
struct case_record;
struct register_info;

/* Page geometry in millimetres, for the renderer and its tests. */
#define PRINT_PAGE_W_MM 210.0
#define PRINT_PAGE_H_MM 297.0
#define PRINT_MARGIN_TOP_MM 25.0
#define PRINT_MARGIN_BOTTOM_MM 25.0
#define PRINT_MARGIN_LEFT_MM 28.0
#define PRINT_MARGIN_RIGHT_MM 26.0

/* The font families asked of fontconfig (fonts-noto-cjk on Debian). */
#define PRINT_FONT_SERIF "Noto Serif CJK SC"
#define PRINT_FONT_SANS "Noto Sans CJK SC"

/* What rendering found. */
struct print_result {
	int pages;
	int unknown_glyphs;		/* characters no installed font has */
};

/* Renders d as a PDF into *pdf (allocated; the caller frees it).  0, or
 * -1 with a message.  res may be NULL. */
int print_pdf_render(const struct document *d, unsigned char **pdf, size_t *len,
		     struct print_result *res, char *err, size_t errsz);
/* Renders d into the file at path (written to a temporary file, then
 * renamed, so a failed run leaves no half PDF). */
int print_pdf_write(const struct document *d, const char *path,
		    struct print_result *res, char *err, size_t errsz);

/* Sends a PDF to the printer: runs lp_command (NULL or "": "lp"; split at
 * spaces, no shell), with "-t TITLE" appended when title is set (the job's
 * name in the print queue) and "-d PRINTER" when printer is set, the PDF
 * on its standard input.  0 when the command exited 0; -1 with a message
 * naming the command and what it said when it is missing or failed. */
int print_lp(const unsigned char *pdf, size_t len, const char *lp_command,
	     const char *printer, const char *title, char *err, size_t errsz);
/* The name of d's print job: its title and case number (or number),
 * "受理通知书 370102-01-261120-0001-5".  Into buf; returns buf. */
char *print_job_title(const struct document *d, char *buf, size_t bufsz);

/* The centre's settings from the store (keys doc.centre, doc.seal,
 * doc.phone, doc.complaint_phone, doc.review_body, doc.court,
 * doc.progress_url, doc.lp_command; `yichuang setting set` sets them).
 * When doc.progress_url is not set and the terminal syncs with a central
 * service (sync.server), the address is that service's /v1/progress/%s.
 * `s` points into the buffers. */
struct print_settings {
	char centre[256], seal[256], phone[64], complaint_phone[64];
	char review_body[256], court[256], progress_url[512], lp_command[256];
	struct doc_settings s;
};
void print_settings_load(struct store *st, struct print_settings *ps);

/* 1 when a document of `kind` was issued on the case before. */
int print_issued_before(const struct case_record *c, enum doc_kind kind);

/* Records the document_issued event of d on case c (events.md: kind,
 * title, number, text wrapped to 72 columns, reprint, printed, printer),
 * by actor on `day`. */
int print_record_issue(struct store *st, const struct calendar *cal,
		       const struct case_record *c, const struct document *d,
		       int printed, const char *printer, const char *actor, int day,
		       char *err, size_t errsz);

/* Loads case `ref`, the item of its catalog version (NULL when the
 * terminal lacks it) and builds document `kind` of it on `day`: what the
 * command line and the preview screen both do.  The department's
 * decisions are sealed with the seal of setting doc.seal.DEPARTMENT when
 * set.  A 材料交接单 or 办理结果交接单 is the whole register the case was
 * last put in (print_build_register); when this workstation has no such
 * register (the hand-over was made on another one) it is made from the
 * case's events.  A number with a wrong check character is told as such.
 * On success *c holds the case (free it with case_record_free) and *d the
 * document. */
int print_build_case(struct store *st, const struct calendar *cal, const char *ref,
		     enum doc_kind kind, const struct doc_settings *s, int day,
		     struct case_record *c, struct document *d, char *err, size_t errsz);

/* 1 when ref is written like a register number (JJ-... or JG-...; a
 * case number never has a dash there). */
int print_is_register_number(const char *ref);
/* Loads register `number` and builds its document (DOC_HANDOVER for a
 * materials register, DOC_RESULT_HANDOVER for a results register; kind
 * must match) on `day`.  On success *r holds the register (free it with
 * register_info_free) and *d the document. */
int print_build_register(struct store *st, const struct calendar *cal, const char *number,
			 enum doc_kind kind, const struct doc_settings *s, int day,
			 struct register_info *r, struct document *d, char *err, size_t errsz);

#endif
