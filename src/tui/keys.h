/*
 * keys.h — keys as the program sees them, and the script language of the
 * test mode.
 *
 * A key is an int: a Unicode code point for text, or TK_SPECIAL plus an
 * ncurses key code (KEY_F(1), KEY_UP, ...) for function and cursor keys, so
 * that the two never collide.  Control keys are their code points (1..31).
 *
 * Script files (tests/tui/NAME.script), one instruction per line:
 *   # comment
 *   :size COLS ROWS      terminal size (first, and again to test resizing)
 *   :dump NAME           write the screen as UTF-8 text to DIR/NAME
 *   :bytes               print to stderr the bytes written to the terminal
 *                        since the previous :bytes (for measurements)
 *   anything else        keys: the text is typed as it stands; <Enter>,
 *                        <Tab>, <S-Tab>, <Esc>, <BS>, <Del>, <Up>, <Down>, <Left>,
 *                        <Right>, <Home>, <End>, <PgUp>, <PgDn>, <F1>..<F12>,
 *                        <C-a>..<C-z> and <lt> (a literal '<') name keys.
 *
 * A script line stands for keys typed in one burst: when a screen refuses
 * an entry (tui_flush_typeahead), the rest of that line is dropped, as the
 * keys a clerk typed ahead are on a terminal; the next line is typed after
 * the refusal was seen.
 */
#ifndef YICHUANG_TUI_KEYS_H
#define YICHUANG_TUI_KEYS_H

#include <stddef.h>

#define TK_SPECIAL 0x200000
#define TK_ENTER '\r'
#define TK_TAB '\t'
#define TK_ESC 0x1B
#define TK_CTRL(c) ((c) & 0x1F)

/* Names a key for help and messages ("F2", "Enter", "a"); returns buf. */
char *keys_name(int key, char *buf, size_t bufsz);

/* Parses a key line of a script into keys; returns how many, or -1 with a
 * message (an unknown <name>, invalid UTF-8, more than max keys). */
int keys_parse_line(const char *line, int *keys, size_t max, char *err, size_t errsz);

#endif
