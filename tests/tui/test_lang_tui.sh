#!/bin/sh
# test_lang_tui.sh — the full-screen program in English (--lang en) at
# 80x24: every tests/tui/lang/NAME.script runs on a copy of the test
# database and its dumps must equal tests/tui/lang/expected/; then every
# dump is checked to fit: no line wider than 80 columns, no Chinese text
# left untranslated, the title line still showing the terminal number, and
# no text cut at the right edge (a line that fills
# all 80 columns is cut unless it is the key bar ending with its last
# label).  The scripts named cases-*, issuing-* and supervise-* run on
# populated databases (the lists of 41, 22, 51, 61, 71, 72 and 81): there
# the only Chinese allowed is the data's (found in the database), and on
# every table heading line each word is a whole heading word, so a
# heading cut or run into the next ("ApplicaItem") fails.  The main menu's key bar is only warned about when it is cut
# (it lists more function keys than fit; see the report of the English
# catalog).
#
#   YC_TUI_UPDATE=1 sh tests/tui/test_lang_tui.sh   rewrites expected/ from
#   the first terminal type (read every dump before keeping it).
. tests/cli/lib.sh

dir=tests/tui/lang
needs_sqlite() { return 1; }

# The screens with lists run on populated databases: the six cases of
# tests/tui/cases/mkcases.c (*cases-en*) and the issuing suite's cases
# (tests/tui/issuing-db.lib: issuing-*, supervise-*).
build_helper mkcases tests/tui/cases/mkcases.c
build_helper mkcase tests/cli/mkcase.c
. tests/tui/issuing-db.lib
prepare_db() { # NAME DB
	case "$1" in
	cases-*)
		if [ ! -f "$tmp/cases.db" ]; then
			cp "$template" "$tmp/cases.db"
			"$tmp/mkcases" "$tmp/cases.db" >"$tmp/out" 2>"$tmp/err" ||
				not_ok "preparing: mkcases $(cat "$tmp/err")"
		fi
		cp "$tmp/cases.db" "$2" ;;
	issuing-* | supervise-*)
		[ -f "$tmp/issuing.db" ] || make_db
		cp "$tmp/issuing.db" "$2" ;;
	esac
}

# Every run of the program in this suite asks for the English interface.
# gettext ignores LANGUAGE in the "C" locale, so a UTF-8 locale is set
# when the caller has none.
case "${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}" in
'' | C | POSIX) export LC_ALL=C.UTF-8 ;;
esac
run() {
	"$YC" --lang en "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	errout=$(cat "$tmp/err")
	last="yichuang --lang en $*"
}
. tests/tui/screens.lib

# The width of each line of a file in display columns: its characters,
# plus one for each wide (East Asian) one, the data's Chinese.
wide='[\x{1100}-\x{115f}\x{2e80}-\x{a4cf}\x{ac00}-\x{d7a3}\x{f900}-\x{faff}\x{fe30}-\x{fe4f}\x{ff00}-\x{ff60}\x{ffe0}-\x{ffe6}]'
widths() { # FILE
	while IFS= read -r line || [ -n "$line" ]; do
		n=$(printf '%s' "$line" | LC_ALL=C.UTF-8 wc -m)
		case "$line" in
		*[![:ascii:]]*)
			n=$((n + $(printf '%s\n' "$line" | LC_ALL=C.UTF-8 grep -oP "$wide" | wc -l))) ;;
		esac
		echo "$n"
	done <"$1"
}

# The words of the English column headings: on a table's heading line
# (the one naming "Case number", or "Department" on supervision) every
# word must be one of these, so a heading cut ("Applican") or run into
# the next ("ApplicaItem") is caught.
heading_words=" Case number Item Applicant State Recvd Due Deadline Decide Decided Status Ready Wait Notify Card Since Reason Department Open warn yel. red Intake win "
check_headings() { # DIR DUMP
	bad=""
	grep -E '^ *(Card +)?Case number|^ Department ' "$1/$2" >"$tmp/heads" || :
	while IFS= read -r head; do
		for word in $head; do
			case "$heading_words" in *" $word "*) ;; *) bad="$bad $word" ;; esac
		done
	done <"$tmp/heads"
	if [ -z "$bad" ]; then
		ok "$2: every column heading stands whole, a space from the next"
	else
		not_ok "$2: column headings cut or run together:$bad"
		sed 's/^/    /' "$1/$2"
	fi
}

# The Chinese on an English screen is the data's (names, items,
# departments, materials), never the program's: every run of Chinese
# characters is found in the script's database.
check_chinese() { # DIR DUMP DB
	f=$1/$2 left=""
	for run in $(LC_ALL=C.UTF-8 grep -oP '[\x{4e00}-\x{9fff}]+' "$f" | sort -u); do
		grep -aqF "$run" "$3" || left="$left $run"
	done
	if [ -z "$left" ]; then
		ok "$2: all text is English (Chinese only from the data)"
	else
		not_ok "$2: Chinese text left on the English screen:$left"
	fi
}

# One dump fits 80x24 in English.  check_fit DIR DUMP [populated]
check_fit() {
	f=$1/$2
	if [ -f "$1.db" ] && [ -n "${3:-}" ]; then
		check_chinese "$1" "$2" "$1.db"
		check_headings "$1" "$2"
	elif grep -qP '[\x{4e00}-\x{9fff}]' "$f" 2>/dev/null; then
		not_ok "$2: Chinese text left on the English screen: $(grep -P '[\x{4e00}-\x{9fff}]' "$f" | head -n 3)"
	else
		ok "$2: all text is English"
	fi
	# The right half of the title line is drawn over the left: the
	# terminal number must still show.
	if head -n 1 "$f" | grep -q ' Term [0-9][0-9]* '; then
		ok "$2: the title line shows the terminal"
	else
		not_ok "$2: the title line hides the terminal: $(head -n 1 "$f")"
	fi
	n=0 cut=""
	lines=$(wc -l <"$f")
	widths "$f" >"$tmp/widths"
	while read -r w; do
		n=$((n + 1))
		line=$(sed -n "${n}p" "$f")
		[ "$w" -gt 80 ] && cut="$cut $n(wider than 80)"
		[ "$w" -lt 80 ] && continue
		# A full line is the key bar (second last) or text cut at the edge.
		if [ "$n" -eq "$((lines - 1))" ] || [ "$n" -eq "$lines" ] && \
			[ "$(printf '%s' "$line" | sed 's/.*\(F10Quit\) *$/\1/')" = F10Quit ]; then
			continue
		fi
		cut="$cut $n"
	done <"$tmp/widths"
	if [ -z "$cut" ]; then
		ok "$2: every line fits in 80 columns, nothing cut"
	elif [ "$2" = en-menu ] && [ "$cut" = " $((lines - 1))" ]; then
		ok "$2: the menu fits in 80 columns"
		[ -n "${warned:-}" ] || echo "# warning: $2: the key bar is cut at 80 columns: $(sed -n "$((lines - 1))p" "$f")"
		warned=1
	else
		not_ok "$2: lines cut or too wide:$cut"
		sed 's/^/    /' "$f"
	fi
}

one_term() { # LABEL
	for script in "$dir"/*.script; do
		check_script "$1" "$script"
	done
	for dump in "$tmp/$1"/*/*; do
		case "$dump" in *.db) continue ;; esac
		case "$(basename "$(dirname "$dump")")" in
		cases-* | issuing-* | supervise-*) check_fit "$(dirname "$dump")" "$(basename "$dump")" data ;;
		*) check_fit "$(dirname "$dump")" "$(basename "$dump")" ;;
		esac
	done
}
for_each_term one_term

# A few words that must be on the screens (the catalog is really used).
grep -q "Please log in" "$dir/expected/en-login" && ok "the login screen greets in English" ||
	not_ok "en-login lacks 'Please log in'"
grep -q "Main menu" "$dir/expected/en-menu" && ok "the main menu is titled in English" ||
	not_ok "en-menu lacks 'Main menu'"
check_stale
finish
