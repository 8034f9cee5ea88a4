#!/bin/sh
# test_tls.sh — a workstation talks to yichuangd over HTTPS with a
# self-signed certificate (made here with openssl req -x509): without
# --ca-file, init is refused with a message about the certificate that
# names --ca-file (not the address or the token); with it, init registers,
# the CA is kept in the workstation database and every later sync uses
# it (the PEM file may be gone); a certificate signed by another CA is
# still refused.  Skipped, saying so, when yichuangd was built without TLS.
. tests/server/lib.sh

if ! command -v openssl >/dev/null 2>&1; then
	skip "openssl is not installed (make deps installs it)"
fi
central="$tmp/central.db"
adm() {
	"$YCD" admin --db "$central" "$@" >"$tmp/adm.out" 2>"$tmp/adm.err" </dev/null
	rc=$? out=$(cat "$tmp/adm.out") errout=$(cat "$tmp/adm.err") last="yichuangd admin $*"
}
adm catalog import forms
expect_rc 0 "central gets the catalog"
adm terminal add --site 539102 --name "1号窗口"
expect_rc 0 "a terminal is added"
token_a=$(tail -n 1 "$tmp/adm.out")

# selfsigned NAME: a self-signed certificate for 127.0.0.1 and localhost
selfsigned() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=yichuang test $1" \
		-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
		-keyout "$tmp/$1.key" -out "$tmp/$1.pem" >"$tmp/openssl.log" 2>&1
}
selfsigned central && selfsigned other
rc=$? out="" errout=$(cat "$tmp/openssl.log") last="openssl req -x509 ..."
expect_rc 0 "openssl makes two self-signed certificates"

ycd_scheme=https
if ! ycd_start main --db "$central" --tls-cert "$tmp/central.pem" --tls-key "$tmp/central.key"
then
	if grep -q "不支持 TLS" "$tmp/main.log"; then
		skip "yichuangd was built with a libmicrohttpd without TLS"
	fi
	not_ok "yichuangd starts with --tls-cert and --tls-key"
	finish
	exit 1
fi
ok "yichuangd serves HTTPS"
case $url in https://*) ok "on an https:// address" ;; *) not_ok "the address is $url" ;; esac

run --db "$tmp/a.db" init --server "$url" --token "$token_a"
[ "$rc" -ne 0 ] && ok "init without --ca-file is refused by the certificate check" ||
	not_ok "init without --ca-file succeeded"
expect_err "证书无法验证" "the message says the certificate could not be verified"
echo "# $errout"
expect_err "--ca-file" "and names the option --ca-file"
case $errout in
*检查地址和令牌* | *确认令牌*) not_ok "the message blames the address or the token" ;;
*) ok "the message does not blame the address or the token" ;;
esac
[ "$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM terminal" 2>/dev/null)" = 0 ] ||
	[ ! -s "$tmp/a.db" ] && ok "the database is left without an identity" ||
	not_ok "the database got an identity"

run --db "$tmp/a.db" init --server "$url" --token "$token_a" --ca-file "$tmp/nonesuch.pem"
expect_rc 2 "a missing CA file is a usage error"
expect_err "nonesuch.pem" "naming the file"
printf 'not a certificate\n' >"$tmp/junk.pem"
run --db "$tmp/a.db" init --server "$url" --token "$token_a" --ca-file "$tmp/junk.pem"
expect_rc 2 "a file that is not a PEM certificate is refused"
expect_err "BEGIN CERTIFICATE" "saying what a PEM certificate looks like"
run --db "$tmp/x.db" init --site 539102 --terminal 5 --ca-file "$tmp/central.pem"
expect_rc 2 "--ca-file without --server is a usage error"

run --db "$tmp/a.db" init --server "$url" --token "$token_a" --ca-file "$tmp/other.pem"
[ "$rc" -ne 0 ] && ok "a CA that did not sign central's certificate does not help" ||
	not_ok "init with the wrong CA succeeded"
expect_err "证书无法验证" "the certificate is still not trusted"

cp "$tmp/central.pem" "$tmp/ca-copy.pem"
run --db "$tmp/a.db" init --server "$url" --token "$token_a" --ca-file "$tmp/ca-copy.pem"
expect_rc 0 "init with --ca-file registers over HTTPS"
expect_out "站点代码：539102" "the identity comes from central"
[ "$(sqlite3 "$tmp/a.db" "SELECT count(*) FROM catalog_versions")" = 1 ] &&
	ok "the catalog arrived over HTTPS" || not_ok "the catalog did not arrive"
rm -f "$tmp/ca-copy.pem"
run --db "$tmp/a.db" sync --quiet
expect_rc 0 "a later sync uses the CA kept in the database (the PEM file is gone)"
run --db "$tmp/a.db" sync --status
expect_out "在线" "sync --status says 在线"

ycd_stop main
finish
