/*
 * document.h — the content of the papers a counter gives out (文书), kept
 * apart from how they are shown: a document is a title, a number and a
 * list of blocks (paragraphs, label–value fields, numbered items, table
 * rows, signature lines, a tear line between two parts).  The same model
 * is previewed as wrapped text in the full-screen program and rendered to
 * an A4 PDF by src/print, so what the clerk previewed is what is printed.
 *
 * Builders take what a case already records (its events' bodies: the
 * 补正 list, the rejection's reasons and basis, the decision...) and the
 * centre's settings; they never invent facts the case does not hold.
 *
 * Official documents are Chinese whatever the language of the interface:
 * their text is written with D_() (the identity: the Chinese msgid is the
 * text) and never goes through gettext; only error messages are
 * translated.  doc_kind_title() is the interface's name of a kind,
 * doc_kind_doc_title() the title printed on the paper.
 */
#ifndef YICHUANG_DOCUMENT_H
#define YICHUANG_DOCUMENT_H

#include <stddef.h>

#ifndef N_
#define N_(s) (s)		/* a msgid (util.h) */
#endif
/* Text of an official document: Chinese, never translated. */
#define D_(s) (s)

struct case_record;
struct catalog_item;
struct calendar;

/* Kinds: enum, name used on the command line and in events, msgid of the
 * title. */
#define DOC_KINDS(X) \
	X(DOC_ACCEPTANCE, "acceptance", N_("受理通知书")) \
	X(DOC_CORRECTION, "correction", N_("补正材料通知书")) \
	X(DOC_REJECTION, "rejection", N_("不予受理决定书")) \
	X(DOC_ONETIME, "onetime-notice", N_("一次性告知单")) \
	X(DOC_HANDOVER, "handover", N_("材料交接单")) \
	X(DOC_RESULT_HANDOVER, "result-handover", N_("办理结果交接单")) \
	X(DOC_SERVICE_RECEIPT, "service-receipt", N_("送达回证")) \
	X(DOC_EXTENSION, "extension", N_("延长审批期限告知书")) \
	X(DOC_SPECIAL, "special", N_("特别程序告知书")) \
	X(DOC_DENIAL, "denial", N_("不予行政许可决定书"))

#define DOC_KIND_ENUM(e, name, title) e,
enum doc_kind {
	DOC_KINDS(DOC_KIND_ENUM)
	DOC_KIND_COUNT
};
#undef DOC_KIND_ENUM

const char *doc_kind_name(enum doc_kind k);
const char *doc_kind_title(enum doc_kind k);	/* translated, for the interface */
const char *doc_kind_doc_title(enum doc_kind k);	/* Chinese, as printed */
int doc_kind_from_name(const char *name);	/* -1 when unknown */

/* The centre's settings every document carries (store settings keys
 * doc.centre, doc.seal, doc.phone, doc.complaint_phone, doc.review_body,
 * doc.court, doc.progress_url, doc.lp_command).  Strings are owned by the
 * caller; NULL or "" means not set. */
struct doc_settings {
	const char *centre;		/* 云岭市安澜区政务服务中心 */
	const char *seal;		/* text of the centre's seal */
	const char *phone;		/* consultation phone */
	const char *complaint_phone;	/* 投诉电话 */
	const char *review_body;	/* 行政复议机关 (复议: 60 days) */
	const char *court;		/* 人民法院 (诉讼: 6 months) */
	const char *progress_url;	/* with "%s" for the case number */
	const char *lp_command;		/* "lp" when NULL */
	/* The seal of the department that decides the case (setting
	 * doc.seal.DEPARTMENT, looked up for the case by print_build_case);
	 * NULL: "DEPARTMENT（印章）".  Sealed with it: the department's own
	 * decisions (不予行政许可决定书, 延期 and 特别程序告知书). */
	const char *department_seal;
};

enum doc_block_kind {
	DOC_HEADING = 1,	/* a section heading */
	DOC_PARA,		/* a paragraph of running text */
	DOC_FIELD,		/* label: text */
	DOC_ITEM,		/* a numbered list entry ("1. ...") */
	DOC_ROW,		/* a table row: cells */
	DOC_HEADER_ROW,		/* the table's column headings */
	DOC_SIGNATURE,		/* right-aligned: seal, date, signatures */
	DOC_PART		/* a part of a document in several parts (联)
				 * begins; text names it.  On paper each part
				 * starts a new page with the whole head
				 * (title, part, numbers, QR code); in the
				 * text form a tear line separates them. */
};

struct doc_block {
	enum doc_block_kind kind;
	char *label;		/* DOC_FIELD; NULL otherwise */
	char *text;		/* NULL for rows */
	char **cells;		/* DOC_ROW, DOC_HEADER_ROW */
	size_t ncells;
	int indent;		/* extra indent in display columns (on paper a
				 * column is half the font size); usually 0 */
	int hang;		/* continuation lines indented this much more
				 * (DOC_PARA lists such as "1. ..."); 0: none */
};

struct document {
	enum doc_kind kind;
	char *title;
	char *number;		/* document number (文号), may be NULL */
	char *case_number;	/* may be NULL (一次性告知单) */
	char *qr_text;		/* progress address for the QR code, may be NULL */
	char *date;		/* issue date as printed, "2026年11月20日" */
	struct doc_block *blocks;
	size_t nblocks;
	int oom;		/* set when an append ran out of memory */
};

struct catalog;
struct catalog_bundle;
struct register_info;

/* Builds the document of `kind` for a case.  it is the case's catalog
 * item (NULL when the terminal does not have it: the builder says so when
 * it needs it); day is the issue date (date.h day number).  -1 with a
 * message when the case has not reached the point where this document
 * exists (no 补正 notice before correction_requested...). */
int doc_build_case(struct document *d, enum doc_kind kind,
		   const struct case_record *c, const struct catalog_item *it,
		   const struct doc_settings *s, const struct calendar *cal,
		   int day, char *err, size_t errsz);
/* The 一次性告知单 of an item, from the catalog alone. */
int doc_build_item(struct document *d, const struct catalog_item *it,
		   const struct doc_settings *s, int day, char *err, size_t errsz);
/* The 一次性告知单 of a 一件事 bundle: its items, and every material the
 * bundle needs once (notice_build_bundle). */
int doc_build_bundle(struct document *d, const struct catalog *cat,
		     const struct catalog_bundle *b, const struct doc_settings *s, int day,
		     char *err, size_t errsz);
/* The 材料交接单 or 办理结果交接单 of a whole register (backoffice.h): its
 * number, both sides, the times, every case with its materials and
 * counts (or its result), the discrepancies recorded on receipt, and both
 * signature blocks: name and time when signed electronically, blank lines
 * to sign by hand before.  cases[i] (may be NULL, or hold NULL entries)
 * is the record of r->cases[i], for the results of a results register. */
int doc_build_register(struct document *d, const struct register_info *r,
		       const struct case_record *const *cases, const struct doc_settings *s,
		       int day, char *err, size_t errsz);
void doc_free(struct document *d);

/* The document as plain text wrapped to `width` display columns (Chinese
 * line-breaking rules, never cutting a character), for previews and for
 * the text recorded in the document_issued event.  Allocated; NULL when
 * out of memory. */
char *doc_text(const struct document *d, int width);

/* ---- building documents (the builders, and other modules that make
 * papers such as hand-over registers, use these) ---------------------- */

/* An empty document of `kind` with its (Chinese) title. */
void doc_init(struct document *d, enum doc_kind kind);
/* Appends a block.  label is for DOC_FIELD (NULL otherwise).  On running
 * out of memory nothing is added and d->oom is set; the builder checks it
 * once at the end.  Returns the block added, or NULL. */
struct doc_block *doc_add(struct document *d, enum doc_block_kind kind,
			  const char *label, const char *text);
struct doc_block *doc_addf(struct document *d, enum doc_block_kind kind,
			   const char *label, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Appends a DOC_ROW or DOC_HEADER_ROW of n cells (NULL cells become ""). */
struct doc_block *doc_add_row(struct document *d, enum doc_block_kind kind,
			      const char *const *cells, size_t n);

/* The document number of `kind` for a case, made from the case number
 * alone so that a reprint carries the same number: "受字〔2026〕
 * 370102-03-261120-0001-X号" (the year is the case number's; always
 * Chinese).  Writes into buf; -1 with a message when case_number is not a
 * valid case number. */
int doc_number(enum doc_kind kind, const char *case_number, char *buf, size_t bufsz,
	       char *err, size_t errsz);
/* "2026年11月20日" into buf; returns buf. */
char *doc_date_text(int day, char *buf, size_t bufsz);
/* The progress address of a case: s->progress_url with its one "%s"
 * replaced by the case number.  1 with the address in buf; 0 when the
 * setting is not set; -1 with a message when it is not usable (no "%s",
 * or another "%" directive). */
int doc_progress_address(const struct doc_settings *s, const char *case_number,
			 char *buf, size_t bufsz, char *err, size_t errsz);
/* The settings' value, or its default when NULL or "": centre
 * "政务服务中心", seal the centre's name, review_body "本级人民政府", court
 * "有管辖权的人民法院"; phones have no default (NULL). */
const char *doc_setting_centre(const struct doc_settings *s);
const char *doc_setting_seal(const struct doc_settings *s);
const char *doc_setting_review_body(const struct doc_settings *s);
const char *doc_setting_court(const struct doc_settings *s);
/* The seal line of a seal text: the text with "（印章）" after it, unless
 * it names a seal already (ends with 章 or 章）).  Into buf; returns buf. */
char *doc_seal_line(const char *seal, char *buf, size_t bufsz);

#endif
