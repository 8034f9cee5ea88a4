# yichuang — build, test, install.
#
#   make            build the programs into $(O)/ (default build/)
#   make deps       install the Debian packages the build, tests and `run` need
#   make check      run every test, then again built with ASan + UBSan
#   make run        open the program on a demo database
#   make install    PREFIX, DESTDIR, MANPREFIX honoured
#
# Out-of-tree builds: `make O=build/other` keeps objects apart, so two builds
# of one checkout never write the same file.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/yichuang
LOCALEDIR ?= $(PREFIX)/share/locale
MANPREFIX ?= $(PREFIX)/share/man
O         ?= build

VERSION   := 0.1.0
CC        ?= cc
PKG_CONFIG ?= pkg-config
PKGS      := ncursesw sqlite3 libcurl libcjson libsodium zlib pangocairo libqrencode
SRV_PKGS  := libmicrohttpd libpq

CFLAGS    ?= -O2 -g
YC_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
             -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
             -Iinclude -I$(O)/gen \
             -DYC_VERSION='"$(VERSION)"' -DYC_DATADIR='"$(DATADIR)"' \
             -DYC_LOCALEDIR='"$(LOCALEDIR)"' \
             $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
YC_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lm
TEST_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
SRV_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(SRV_PKGS) 2>/dev/null)
SRV_LIBS  := $(shell $(PKG_CONFIG) --libs $(SRV_PKGS) 2>/dev/null)

ifeq ($(SAN),1)
YC_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS   += -fsanitize=address,undefined
endif

LIB_SRC   := $(wildcard src/core/*.c src/store/*.c src/tui/*.c src/sync/*.c src/print/*.c)
CLI_SRC   := $(wildcard src/cli/*.c)
SRV_SRC   := $(wildcard src/server/*.c src/server/*/*.c)
GEN_SRC   := $(O)/gen/calendars.c
UNIT_SRC  := $(wildcard tests/unit/test_*.c)

LIB_OBJ   := $(LIB_SRC:%.c=$(O)/%.o) $(O)/gen/calendars.o
CLI_OBJ   := $(CLI_SRC:%.c=$(O)/%.o)
SRV_OBJ   := $(SRV_SRC:%.c=$(O)/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
# Message catalogs: the source language is Chinese; data/po/LANG.po
# translates it.
PO        := $(wildcard data/po/*.po)
MO        := $(PO:data/po/%.po=$(O)/locale/%/LC_MESSAGES/yichuang.mo)

all: $(O)/yichuang $(O)/yichuangd $(MO)

$(O)/libyc.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	@rm -f $@ && ar rcs $@ $^

$(O)/yichuang: $(CLI_OBJ) $(O)/libyc.a
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(O)/libyc.a $(YC_LIBS)

# The central service: its own HTTP and database libraries on top of libyc.
$(O)/yichuangd: $(SRV_OBJ) $(O)/libyc.a
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS) -o $@ $(SRV_OBJ) $(O)/libyc.a $(SRV_LIBS) $(YC_LIBS)

$(O)/src/server/%.o: src/server/%.c $(O)/gen/calendars.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(YC_CFLAGS) $(SRV_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/%.o: %.c $(O)/gen/calendars.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CPPFLAGS) $(YC_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The official calendars in data/calendar/ are compiled in as the default;
# calendars imported into a database take precedence over them.
$(O)/gen/calendars.c $(O)/gen/calendars.h &: src/gen/embed.sh $(wildcard data/calendar/*.cal)
	@mkdir -p $(O)/gen
	@sh src/gen/embed.sh $(O)/gen/calendars builtin_calendars $(sort $(wildcard data/calendar/*.cal))

$(O)/gen/calendars.o: $(O)/gen/calendars.c
	@$(CC) $(CPPFLAGS) $(YC_CFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/tests/%: tests/unit/%.c $(O)/libyc.a
	@mkdir -p $(@D)
	@echo "  CCLD    $@"
	@$(CC) $(CPPFLAGS) $(YC_CFLAGS) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(O)/libyc.a $(YC_LIBS) $(TEST_LIBS)

tests: $(O)/yichuang $(O)/yichuangd $(MO) $(UNIT_BIN)

$(O)/locale/%/LC_MESSAGES/yichuang.mo: data/po/%.po
	@mkdir -p $(@D)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@ $<

# The template of every translatable string; `make po` merges it into
# each data/po/LANG.po (new strings arrive untranslated).
$(O)/yichuang.pot: $(LIB_SRC) $(CLI_SRC) $(SRV_SRC) $(wildcard src/*/*.h include/yichuang/*.h)
	@mkdir -p $(@D)
	@xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	  --add-comments=TRANSLATORS: --package-name=yichuang --package-version=$(VERSION) \
	  --msgid-bugs-address=yichuang --sort-by-file -o $@ $^
po: $(O)/yichuang.pot
	@for p in $(PO); do msgmerge --quiet --update --backup=none "$$p" $<; done

# Runs the unit tests and the command-line tests of one build.
test: tests
	YC_BUILD=$(O) sh tests/run.sh

# Benchmarks print figures; they are never pass/fail timing tests.
bench: tests
	@for b in tests/bench/*.sh; do [ -e "$$b" ] || continue; \
	  YC_BUILD=$(O) sh "$$b" || exit 1; done

check:
	$(MAKE) O=build test
	$(MAKE) O=build/san SAN=1 CFLAGS='-O1 -g' test
	@if command -v mandoc >/dev/null; then \
	  mandoc -Tlint -W warning man/*.[0-9] && echo "man pages: clean under mandoc -Tlint"; \
	fi

# The Debian packages the build, the tests and `make run` need.  Each is
# installed only when its pkg-config module or command is missing.
DEB_PKGCONFIG := ncursesw:libncurses-dev sqlite3:libsqlite3-dev \
                 libcurl:libcurl4-openssl-dev libcjson:libcjson-dev \
                 cmocka:libcmocka-dev libsodium:libsodium-dev zlib:zlib1g-dev \
                 pangocairo:libpango1.0-dev cairo:libcairo2-dev \
                 libqrencode:libqrencode-dev libmicrohttpd:libmicrohttpd-dev \
                 libpq:libpq-dev
DEB_COMMANDS  := cc:gcc make:make pkg-config:pkg-config mandoc:mandoc \
                 msgfmt:gettext sqlite3:sqlite3 tmux:tmux curl:curl \
                 pdftotext:poppler-utils zbarimg:zbar-tools \
                 fc-list:fontconfig jq:jq openssl:openssl
# Files whose package has no command or pkg-config module to look for.
DEB_FILES     := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:fonts-noto-cjk \
                 /usr/lib/postgresql/*/bin/initdb:postgresql
deps:
	@missing=""; \
	for pair in $(DEB_COMMANDS); do \
	  cmd=$${pair%%:*}; pkg=$${pair#*:}; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	for pair in $(DEB_FILES); do \
	  f=$${pair%%:*}; pkg=$${pair#*:}; \
	  ls $$f >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	for pair in $(DEB_PKGCONFIG); do \
	  mod=$${pair%%:*}; pkg=$${pair#*:}; \
	  { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $$mod; } || missing="$$missing $$pkg"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: everything is installed"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo=sudo; fi; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing

# The program on its embedded default: demo data in a local central
# service, a workstation registered with it (data/demo/run.sh).
run: $(O)/yichuang $(O)/yichuangd $(MO)
	@sh data/demo/run.sh $(O)

install: $(O)/yichuang $(O)/yichuangd $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/forms $(DESTDIR)$(DATADIR)/calendar \
	  $(DESTDIR)$(MANPREFIX)/man1 $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man8
	install -m 755 $(O)/yichuang $(DESTDIR)$(BINDIR)/yichuang
	install -m 755 $(O)/yichuangd $(DESTDIR)$(BINDIR)/yichuangd
	install -m 644 man/yichuangd.8 $(DESTDIR)$(MANPREFIX)/man8/
	for m in $(MO); do l=$${m#$(O)/locale/}; l=$${l%%/*}; \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	  install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/yichuang.mo; done
	install -m 644 forms/*.item forms/*.bundle $(DESTDIR)$(DATADIR)/forms/
	install -m 644 data/calendar/*.cal $(DESTDIR)$(DATADIR)/calendar/
	install -m 644 man/yichuang.1 $(DESTDIR)$(MANPREFIX)/man1/
	install -m 644 man/yichuang-forms.5 $(DESTDIR)$(MANPREFIX)/man5/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/yichuang $(DESTDIR)$(BINDIR)/yichuangd \
	  $(DESTDIR)$(MANPREFIX)/man8/yichuangd.8 $(DESTDIR)$(MANPREFIX)/man1/yichuang.1 \
	  $(DESTDIR)$(MANPREFIX)/man5/yichuang-forms.5 \
	  $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/yichuang.mo
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build $(filter-out build,$(O))

.PHONY: all tests test check bench po deps run install uninstall clean
.SECONDARY:

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(SRV_OBJ:.o=.d)
