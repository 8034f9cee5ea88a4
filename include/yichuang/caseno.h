/*
 * caseno.h — case numbers (办件编号), made offline on each terminal.
 *
 * A case number never collides with one made on another terminal, because
 * it carries who made it and when:
 *
 *   SITE-TT-YYMMDD-NNNN-C        e.g. 370102-03-261121-0007-W
 *
 *   SITE    site code from terminal registration: 1..12 symbols of the
 *           GB 32100 alphabet 0-9 ABCDEFGHJKLMNPQRTUWXY (31 symbols, no
 *           I O S V Z, which are easily misread)
 *   TT      terminal number 01..99
 *   YYMMDD  the date the number was made (years 2000..2099)
 *   NNNN    the terminal's sequence for that day, from the store: >= 1,
 *           zero-padded to 4 digits; 5..9 digits when larger (then with no
 *           leading zero, so that every case has exactly one spelling)
 *   C       check character
 *
 * The check character follows ISO 7064's pure system over the 31 symbols
 * (values 0..30): the body characters (dashes excluded) carry weights 3^k mod
 * 31, k = 1, 2, ... counted from the right, the check character weight 1, and
 * C is the value that makes the weighted sum 0 mod 31.  31 is prime and 3 is a
 * primitive root mod 31, so every weight is a unit and neighbouring weights
 * differ by a unit: every single substitution and every transposition of two
 * neighbouring different characters changes the sum and is caught.  The body
 * is at most 12 + 2 + 6 + 9 = 29 characters, so the 30 weights are also all
 * distinct.
 *
 * Reading accepts the printed form or the same characters without dashes,
 * lowercase letters, spaces anywhere, fullwidth characters (typed with a
 * Chinese input method) and fullwidth or typographic dashes.
 *
 * Without dashes the site code and the sequence cannot always be told
 * apart (both vary in length): the shortest sequence that makes sense is
 * taken, which is right for every number whose sequence has 4 digits, and
 * `readings` says how many splits made sense (1 for the printed form).  A
 * screen looking a number up should warn when readings > 1 and nothing is
 * found; numbers with sequences above 9999 are best typed with dashes.
 */
#ifndef YICHUANG_CASENO_H
#define YICHUANG_CASENO_H

#include <stddef.h>

#define CASENO_ALPHABET "0123456789ABCDEFGHJKLMNPQRTUWXY"
#define CASENO_SITE_MAX 12		/* symbols in a site code */
#define CASENO_SEQ_MAX 999999999UL	/* 9 digits */
#define CASENO_BODY_MAX 29		/* symbols before the check character */
#define CASENO_TEXT_MAX 36		/* printed form with its NUL */

/* A case number taken apart. */
struct caseno {
	char site[CASENO_SITE_MAX + 1];
	int terminal;			/* 1..99 */
	int day;			/* date.h day number */
	unsigned long seq;		/* 1..CASENO_SEQ_MAX */
	char check;			/* the check character, uppercase */
	char text[CASENO_TEXT_MAX];	/* canonical printed form */
	int readings;			/* see below */
};

/* What caseno_parse found wrong; all failures are negative. */
enum caseno_status {
	CASENO_OK = 0,
	CASENO_ERR_SHAPE = -1,		/* wrong length, wrong number of groups */
	CASENO_ERR_CHAR = -2,		/* a character not allowed at its place */
	CASENO_ERR_DATE = -3,		/* YYMMDD is not a real date */
	CASENO_ERR_FIELD = -4,		/* terminal 00, sequence 0 or padded wrongly */
	CASENO_ERR_CHECK = -5		/* check character does not match */
};

/* Value 0..30 of a symbol of the alphabet (uppercase only), or -1. */
int caseno_symbol_value(int c);

/* The check character of a body of n symbols (dashes excluded), or 0 when
 * a character is not a symbol or n is 0 or larger than CASENO_BODY_MAX. */
char caseno_check_char(const char *body, size_t n);

/* 0 when site is 1..12 symbols of the alphabet (uppercase); else -1 with a
 * message. */
int caseno_site_valid(const char *site, char *err, size_t errsz);

/* Writes the printed form into buf (CASENO_TEXT_MAX bytes suffice). */
int caseno_format(const char *site, int terminal, int day, unsigned long seq,
		  char *buf, size_t bufsz, char *err, size_t errsz);

/* Reads a case number as typed or scanned.  Returns CASENO_OK and fills
 * *out (which may be NULL), or a negative enum caseno_status with a message
 * that names the place of the error (positions count characters of `text`
 * from 1) and, for a wrong check character, the expected one. */
enum caseno_status caseno_parse(const char *text, struct caseno *out,
				char *err, size_t errsz);

/* 1 when caseno_parse accepts text. */
int caseno_valid(const char *text);

#endif
