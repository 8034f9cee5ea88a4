/*
 * idcheck.h — checks the two numbers a clerk types most: the 居民身份证号码
 * (GB 11643-1999, 18 characters; the old 15-digit form is recognised and
 * converted) and the 统一社会信用代码 (GB 32100-2015).
 *
 * A check finds the first problem and says what it is, at which position
 * (1-based, in characters as typed) and which character is there, in a
 * Chinese sentence for the clerk.  White space around the value is ignored;
 * white space inside it is a problem.  Lower-case letters are accepted and
 * reported in upper case.
 *
 * A 统一社会信用代码 whose only fault is its check digit is reported with
 * `overridable` set: some real, registered codes fail the check, so the
 * clerk may accept such a code after recording a reason.  A 身份证号码 with
 * a wrong check digit is never overridable.
 */
#ifndef YICHUANG_IDCHECK_H
#define YICHUANG_IDCHECK_H

#include <stddef.h>

enum idcheck_kind {
	IDCHECK_UNKNOWN = 0,		/* neither: the length fits no kind */
	IDCHECK_ID18,			/* 居民身份证号码, 18 characters */
	IDCHECK_ID15_LEGACY,		/* 旧版 15 位身份证号码 (no check digit) */
	IDCHECK_USCC			/* 统一社会信用代码 */
};

enum idcheck_problem {
	IDCHECK_OK = 0,
	IDCHECK_EMPTY,			/* nothing but white space */
	IDCHECK_SPACE,			/* white space inside; pos says where */
	IDCHECK_LENGTH,			/* wrong number of characters */
	IDCHECK_CHAR,			/* a character not allowed at pos */
	IDCHECK_DATE,			/* birth date (pos 7) is not a real date */
	IDCHECK_FUTURE,			/* birth date is after today */
	IDCHECK_PROVINCE,		/* positions 1-2 are no province code */
	IDCHECK_REGISTRY,		/* USCC position 1 is no 登记管理部门代码 */
	IDCHECK_CHECK_DIGIT		/* last character wrong; see expected */
};

enum idcheck_sex {
	IDCHECK_SEX_UNKNOWN = 0,
	IDCHECK_SEX_MALE,		/* odd sequence digit */
	IDCHECK_SEX_FEMALE		/* even sequence digit */
};

/* What a check found.  Fields after `msg` are filled as far as the check
 * got: a wrong check digit still leaves birth, sex and norm set. */
struct idcheck_result {
	enum idcheck_kind kind;
	int valid;			/* 1: no problem at all */
	int overridable;		/* 1: USCC valid except for its check digit */
	enum idcheck_problem problem;
	int pos;			/* 1-based character position; 0 = none */
	char found[8];			/* the character at pos, UTF-8, as typed */
	char expected;			/* IDCHECK_CHECK_DIGIT: the right character */
	char msg[320];			/* Chinese, for the clerk; "" when valid */
	int has_birth;			/* ID kinds: birth and sex are set */
	int birth;			/* birth date as a day number (date.h) */
	enum idcheck_sex sex;
	int province;			/* ID kinds: code of positions 1-2 */
	/* The canonical 18-character form: upper case; for a legacy 15-digit
	 * ID the converted 18-digit number.  "" until every character was
	 * found acceptable. */
	char norm[19];
};

/* Checks a value of any kind: 15 characters are a legacy ID; 18 with two
 * or more letters among the first 17 are a USCC; other 18-character values
 * are an ID unless they fail as one and pass as a USCC in full (so an
 * all-digit USCC with a wrong check digit reads as an ID: callers that know
 * the kind use idcheck_id or idcheck_uscc).  Returns 0 when valid (a
 * legacy ID is valid), -1 otherwise; r is always filled. */
int idcheck_any(const char *value, struct idcheck_result *r);
/* Checks a value that must be a 身份证号码 (18 characters, or the legacy
 * 15 digits, which is reported as valid with kind IDCHECK_ID15_LEGACY). */
int idcheck_id(const char *value, struct idcheck_result *r);
/* Checks a value that must be a 统一社会信用代码. */
int idcheck_uscc(const char *value, struct idcheck_result *r);

/* The check character of an ID from its first 17 digits ('0'..'9' or 'X');
 * '\0' when they are not 17 ASCII digits. */
char idcheck_id_check_char(const char *first17);
/* The check character of a USCC from its first 17 characters (upper or
 * lower case); '\0' when one is outside the code's alphabet. */
char idcheck_uscc_check_char(const char *first17);
/* Converts a legacy 15-digit ID (digits only, not checked further) to the
 * 18-digit form: "19" inserted before the year, check digit appended.
 * out must hold 19 bytes.  0, or -1 when id15 is not 15 digits. */
int idcheck_id15_to_18(const char *id15, char *out, size_t outsz);

/* 1 when code (two digits) is a province-level code used in ID numbers. */
int idcheck_province_valid(int code);
/* Names for display (through gettext); "" for an unknown province. */
const char *idcheck_province_name(int code);
const char *idcheck_kind_name(enum idcheck_kind k);
const char *idcheck_sex_name(enum idcheck_sex s);
/* The 登记管理部门 named by USCC position 1, e.g. '9' 工商; NULL when the
 * character is none. */
const char *idcheck_registry_name(char c);

#endif
