# lib.sh — helpers for the command-line tests.  Sourced by tests/cli/*.sh,
# which run from the top of the tree with $YC naming the program.
#
#   run ARGS...                 runs yichuang; sets $out, $errout, $rc
#   expect_rc N DESC            the last run exited N
#   expect_out TEXT DESC        stdout contains TEXT
#   expect_err TEXT DESC        stderr contains TEXT
#   expect_out_eq TEXT DESC     stdout is exactly TEXT
#   build_helper NAME SOURCE    builds a test helper (C, against the build's
#                               libyc.a) into $tmp/NAME; a failure is a check
#                               that fails, and ends the suite
#   san_build                   true when the build under test is
#                               sanitised (ASan/UBSan)
#   finish                      prints the tally; exits 1 when a check failed
set -u
: "${YC:?YC must name the yichuang binary}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npass=0
nfail=0

run() {
	"$YC" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	errout=$(cat "$tmp/err")
	last="yichuang $*"
}

ok() { npass=$((npass + 1)); echo "ok - $1"; }
not_ok() {
	nfail=$((nfail + 1))
	echo "not ok - $1"
	echo "    command: $last (exit $rc)"
	echo "$out" | head -n 20 | sed 's/^/    stdout: /'
	echo "$errout" | head -n 20 | sed 's/^/    stderr: /'
}

expect_rc() { if [ "$rc" -eq "$1" ]; then ok "$2"; else not_ok "$2 (wanted exit $1)"; fi; }
expect_out() {
	case "$out" in *"$1"*) ok "$2" ;; *) not_ok "$2 (stdout lacks '$1')" ;; esac
}
expect_no_out() {
	case "$out" in *"$1"*) not_ok "$2 (stdout has '$1')" ;; *) ok "$2" ;; esac
}
expect_err() {
	case "$errout" in *"$1"*) ok "$2" ;; *) not_ok "$2 (stderr lacks '$1')" ;; esac
}
expect_out_eq() {
	if [ "$out" = "$1" ]; then ok "$2"; else not_ok "$2 (stdout is not '$1')"; fi
}

san_build() {
	nm "$(dirname "$YC")/libyc.a" 2>/dev/null | grep -q '__asan_report'
}

build_helper() {
	_lib="$(dirname "$YC")/libyc.a"
	_pkgs=$(sed -n 's/^PKGS *:= *//p' Makefile)
	_san=""
	# a sanitised build's helpers are sanitised too
	if san_build; then
		_san="-fsanitize=address,undefined"
	fi
	last="cc -o $1 $2 $_lib"
	# shellcheck disable=SC2046,SC2086
	${CC:-cc} -std=c11 -D_GNU_SOURCE -Iinclude $(pkg-config --cflags $_pkgs 2>/dev/null) \
		-Wall -Wextra $_san -o "$tmp/$1" "$2" "$_lib" \
		$(pkg-config --libs $_pkgs 2>/dev/null) -lm >"$tmp/out" 2>"$tmp/err"
	rc=$? out=$(cat "$tmp/out") errout=$(cat "$tmp/err")
	expect_rc 0 "$1 builds against $_lib"
	[ $rc -eq 0 ] || { finish; exit 1; }
}

finish() {
	echo "# passed $npass"
	echo "# failed $nfail"
	[ "$nfail" -eq 0 ]
}
