#!/bin/sh
# test_lang.sh — the English interface: `--lang en` gives English help and
# English error messages; without --lang the locale decides (English only
# when an English locale exists, Chinese otherwise); `--lang zh` wins over
# LANGUAGE.  Then the catalog itself: data/po/en.po compiles with
# msgfmt --check, has no fuzzy and no untranslated entries; how many
# strings of the current sources it still lacks is printed as a warning
# (a new string must not break the build, but must be visible).
. tests/cli/lib.sh

po=data/po/en.po
han='[\x{4e00}-\x{9fff}]'
# True when $1 has Chinese characters.
has_han() { printf '%s' "$1" | grep -qP "$han"; }

# run with a given environment: runenv VAR=VALUE... -- ARGS...
runenv() {
	envs=""
	while [ "$1" != -- ]; do envs="$envs $1"; shift; done
	shift
	# shellcheck disable=SC2086
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG $envs "$YC" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	errout=$(cat "$tmp/err")
	last="env$envs yichuang $*"
}
have_locale() { # NAME: the C library has this locale
	locale -a 2>/dev/null | grep -qix "$1"
}
utf8=C.UTF-8
have_locale C.utf8 || have_locale C.UTF-8 || utf8=""

# --- --lang en ----------------------------------------------------------
if [ -n "$utf8" ]; then
	runenv LANG=$utf8 -- --lang en --help
	expect_rc 0 "--lang en --help succeeds"
	expect_out "Usage: yichuang [--db PATH] [--lang zh|en] [COMMAND [ARGS...]]" "the usage line is English"
	expect_out "  idcheck    check an ID card number or a unified social credit code" \
		"the command summaries are English"
	expect_out "  --lang zh|en  interface language (default from the locale; Chinese when unset)" \
		"the options are English"
	if has_han "$out"; then not_ok "--lang en --help has no Chinese left"; else
		ok "--lang en --help has no Chinese left"; fi

	# idcheck: 110101199003070000 has the check digit 0 where 3 is due.
	runenv LANG=$utf8 -- --lang en idcheck 110101199003070000
	expect_rc 1 "idcheck of a wrong check digit exits 1"
	expect_out "check digit error: character 18 is 0, it should be 3" \
		"and says in English which digit is wrong and what it should be"
	expect_out "Result: invalid" "and gives the verdict in English"

	runenv LANG=$utf8 -- --lang en workdays add 2026-02-30 3
	expect_rc 2 "workdays add with 30 February is a usage error"
	expect_err "DATE “2026-02-30” is invalid: it should be a real date in the form YYYY-MM-DD (years 1900 to 2199)" \
		"and the message is English"
	expect_err "Usage: yichuang workdays add DATE N" "with the English usage"

	# The language is not set yet when --lang itself is wrong: the
	# message follows the environment.
	runenv LANG=$utf8 LANGUAGE=en -- --lang fr --help
	expect_rc 2 "--lang fr is refused"
	expect_err "--lang can only be zh (Chinese) or en (English), not “fr”" \
		"in English when the environment asks for English"
else
	ok "skipped: no C.UTF-8 locale for the --lang en checks"
fi

# gettext ignores LANGUAGE in the plain C locale: the program switches to
# C.UTF-8 for messages.
runenv LC_ALL=C -- --lang en --help
expect_out "Usage: yichuang" "--lang en is English even under LC_ALL=C"
if has_han "$out"; then
	not_ok "--lang en under LC_ALL=C still prints Chinese"
else
	ok "--lang en under LC_ALL=C prints no Chinese"
fi

# --- the default from the locale -------------------------------------
runenv -- --help
expect_rc 0 "--help without any locale succeeds"
expect_out "用法: yichuang" "without a locale the interface is Chinese"

en=""
for l in en_US.utf8 en_GB.utf8 en_US.UTF-8 en_GB.UTF-8; do
	have_locale "$l" && { en=$l; break; }
done
if [ -n "$en" ]; then
	runenv LANG=$en -- --help
	expect_out "Usage: yichuang" "LANG=$en without --lang gives English"
else
	ok "skipped: no English locale installed (locale -a), LANG=en_US.UTF-8 cannot select English"
	runenv LANG=en_US.UTF-8 -- --help
	expect_out "用法: yichuang" "LANG=en_US.UTF-8 without that locale stays Chinese"
fi
if [ -n "$utf8" ]; then
	runenv LANG=$utf8 LANGUAGE=en -- --help
	expect_out "Usage: yichuang" "LANGUAGE=en in a UTF-8 locale gives English without --lang"
fi

# --- --lang zh wins over the environment ------------------------------
runenv LANG=${utf8:-C} LANGUAGE=en -- --lang zh --help
expect_rc 0 "--lang zh --help succeeds"
expect_out "用法: yichuang [--db 路径] [--lang zh|en]" "--lang zh is Chinese even with LANGUAGE=en"
[ -n "$en" ] && {
	runenv LANG=$en -- --lang zh idcheck 110101199003070000
	expect_out "校验码错误" "--lang zh is Chinese even in an English locale"
}

# --- the catalog -------------------------------------------------------
# (checks of files: no program output to show when one fails)
out="" errout="" rc=0 last="(checks of $po)"
if command -v msgfmt >/dev/null 2>&1 && command -v msgattrib >/dev/null 2>&1; then
	if msgfmt --check -o /dev/null "$po" 2>"$tmp/msgfmt"; then
		ok "$po passes msgfmt --check (formats, header, plural forms)"
	else
		not_ok "$po fails msgfmt --check: $(head -n 5 "$tmp/msgfmt")"
	fi
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' )
	untr=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ')
	# The header is counted when there is anything at all.
	[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
	[ "$untr" -gt 0 ] && untr=$((untr - 1))
	if [ "$fuzzy" -eq 0 ]; then ok "$po has no fuzzy entries"; else
		not_ok "$po has $fuzzy fuzzy entries (msgattrib --only-fuzzy $po)"; fi
	if [ "$untr" -eq 0 ]; then ok "every msgid of $po is translated"; else
		not_ok "$po has $untr untranslated entries (msgattrib --untranslated $po)"; fi
	grep -q 'Plural-Forms: nplurals=2; plural=(n != 1);' "$po" &&
		ok "$po has the English plural forms" || not_ok "$po lacks Plural-Forms for English"
	grep -q 'Content-Type: text/plain; charset=UTF-8' "$po" &&
		ok "$po is UTF-8" || not_ok "$po does not declare charset=UTF-8"
else
	ok "skipped: no msgfmt/msgattrib (gettext) to check $po"
fi

# Strings of the current sources missing from the catalog: a warning.
if command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1; then
	find src include -name '*.[ch]' | LC_ALL=C sort >"$tmp/files"
	if xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
		-o "$tmp/yichuang.pot" -f "$tmp/files" 2>"$tmp/xgettext" &&
		msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$tmp/yichuang.pot" 2>>"$tmp/xgettext"; then
		total=$(msgattrib --no-obsolete "$tmp/merged.po" | grep -c '^msgid ')
		missing=$(msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -c '^msgid ')
		[ "$missing" -gt 0 ] && missing=$((missing - 1))
		total=$((total - 1))
		if [ "$missing" -eq 0 ]; then
			ok "all $total msgids of the current sources are translated in $po"
		else
			echo "# warning: $missing of $total msgids of the current sources are not in $po (run make po and translate them):"
			msgattrib --untranslated --no-obsolete "$tmp/merged.po" | sed -n 's/^msgid "\(..*\)"$/#   \1/p' | head -n 10
			ok "the sources were compared with $po ($missing missing, a warning only)"
		fi
	else
		not_ok "xgettext/msgmerge failed on the sources: $(head -n 3 "$tmp/xgettext")"
	fi
else
	ok "skipped: no xgettext/msgmerge to compare the sources with $po"
fi
finish
