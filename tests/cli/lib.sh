# lib.sh — helpers for the command-line tests.  Sourced by tests/cli/*.sh,
# which run from the top of the tree with $YC naming the program.
#
#   run ARGS...                 runs yichuang; sets $out, $errout, $rc
#   expect_rc N DESC            the last run exited N
#   expect_out TEXT DESC        stdout contains TEXT
#   expect_err TEXT DESC        stderr contains TEXT
#   expect_out_eq TEXT DESC     stdout is exactly TEXT
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

finish() {
	echo "# passed $npass"
	echo "# failed $nfail"
	[ "$nfail" -eq 0 ]
}
