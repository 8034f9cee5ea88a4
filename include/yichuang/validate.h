/*
 * validate.h — checks the values a clerk types into an item's intake form
 * (the extra fields of catalog.h, struct catalog_field), one field at a
 * time, with a Chinese message the clerk can act on.
 *
 * Return values of every function here:
 *    0  VALIDATE_OK       the value is acceptable;
 *   -1  VALIDATE_ERROR    it is not; msg says why and what is expected;
 *    1  VALIDATE_WARNING  acceptable only when the clerk confirms it and
 *                         records a reason: a 统一社会信用代码 that is right
 *                         in every respect except its check digit (real,
 *                         registered codes exist that fail it).  msg says
 *                         so and names the expected check character.
 *
 * White space around a value is ignored (callers store the trimmed value).
 * An empty value is an error for a required field and acceptable otherwise.
 *
 * Policy for 身份证号码 fields: only the 18-character number is accepted.
 * A legacy 15-digit number is an error whose message gives the converted
 * 18-digit number, so the clerk can check it against the current card and
 * enter that instead (first-generation cards are no longer valid).
 */
#ifndef YICHUANG_VALIDATE_H
#define YICHUANG_VALIDATE_H

#include <stddef.h>

struct catalog_field;

enum {
	VALIDATE_ERROR = -1,
	VALIDATE_OK = 0,
	VALIDATE_WARNING = 1
};

/* Checks value (may be NULL: empty) against f.  The message starts with
 * the field's label, e.g. "联系电话: 手机号码应为 11 位…". */
int validate_field(const struct catalog_field *f, const char *value,
		   char *msg, size_t msgsz);

/* The helpers validate_field uses; their messages do not name a field.
 * Each takes the value as given (surrounding white space ignored). */

/* Free text: valid UTF-8, no control characters, between min_len and
 * max_len characters (0 = no bound). */
int validate_text(const char *value, int min_len, int max_len, char *msg, size_t msgsz);
/* YYYY-MM-DD, a real date between 1900 and 2199; the day number in *day
 * (may be NULL). */
int validate_date(const char *value, int *day, char *msg, size_t msgsz);
/* Exactly one of choices. */
int validate_choice(const char *value, char *const *choices, size_t nchoices,
		    char *msg, size_t msgsz);
/* A decimal number: optional sign, digits, optionally '.' and digits
 * ("12", "-3", "0.75"; not ".5", "1e3", "1,000").  Value in *out. */
int validate_number_parse(const char *value, double *out, char *msg, size_t msgsz);
/* A phone number: mainland mobile 1[3-9] + 9 digits (a +86 / 0086 prefix
 * is allowed); a fixed line with its area code, 010 and 02X then 8 digits,
 * 0XXX then 7 or 8 digits, optionally an extension after '-', '转' or
 * "ext"; a 400 or 800 service number (10 digits).  Spaces and dashes
 * between groups are allowed, and brackets around the area code.  The
 * canonical form goes to norm (may be NULL): "13812345678",
 * "010-62345678", "0755-1234567-123", "400-123-4567". */
int validate_phone(const char *value, char *norm, size_t normsz, char *msg, size_t msgsz);
/* An amount of yuan: not negative, at most two decimals, at most 13
 * digits before the point ("12", "12.5", "0.05").  In fen in *fen. */
int validate_money_parse(const char *value, long long *fen, char *msg, size_t msgsz);
/* An 18-character 身份证号码 (see the policy above); the upper-case form
 * goes to norm (19 bytes; may be NULL). */
int validate_id(const char *value, char *norm, size_t normsz, char *msg, size_t msgsz);
/* A 统一社会信用代码; VALIDATE_WARNING when only its check digit fails. */
int validate_uscc(const char *value, char *norm, size_t normsz, char *msg, size_t msgsz);

#endif
