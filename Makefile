# sqlite-prefect: build, test, check.
#
#   make            dist/prefect.so (load with `.load dist/prefect`)
#   make demo       dist/demo.db and the report examples/report.sql prints
#   make reference  docs/reference.md, every key a body takes (from prefect_fields)
#   make test       every test: unit (cmocka), out of memory, SQL level,
#                   differential, client level (a decimal-comma locale
#                   included), the installs, PostgreSQL (a server of its own,
#                   test-pg), and the suites again under ASan/UBSan and valgrind
#   make test-oom   out of memory: every allocation of each statement fails in
#                   turn (tests/oom/test_oom.c), on the plain build; a sample
#                   of the points again under ASan/UBSan and under valgrind
#   make test-repeat
#                   the SQL suite N times in a row (N=200), stopping at the
#                   first failing run: for outcomes that depend on chance or
#                   on the clock; not part of `make test`
#   make asan       the whole suite under AddressSanitizer + UBSan
#   make valgrind   the whole suite under valgrind
#   make static     dist/static/sqlite3: a sqlite3 shell with the extension built in
#   make install    the library and its docs under PREFIX (/usr/local), so that
#                   `.load prefect` works from anywhere (DESTDIR, LIBDIR, DOCDIR;
#                   docs/install.md); make uninstall takes them away again
#   make python     dist/*.whl: the Python package, for `pip install`
#   make npm        dist/sqlite-prefect-*.tgz: the Node.js package (npm pack)
#   make deb        dist/*.deb: the Debian package (dpkg-deb)
#   make test-install
#                   each of the four installed into a temporary place, offline
#   make test-pg    the PostgreSQL suite (tests/pg) against a server of its
#                   own, made in a temporary directory and removed after
#   make bench      bench/: ratios against hand-written SQL (reads and writes)
#   make bench-pg   the same bodies on PostgreSQL (bench/results-pg.md)
#   make pg         pg/prefect.so, the PostgreSQL extension (PGXS);
#                   make pg-install puts it into pg_config's PostgreSQL
#   make fuzz       libFuzzer over bodies and written values (FUZZ_SECONDS=60)
#   make clean

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
BUILD_DATE := $(shell date -u +%Y-%m-%d)

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Werror
DEFINES := -DPREFECT_VERSION='"$(VERSION)"' -DPREFECT_COMMIT='"$(COMMIT)"' \
           -DPREFECT_BUILD_DATE='"$(BUILD_DATE)"'
SQLITE3 ?= sqlite3

# Every C source of the extension, listed once.
EXT_SOURCES := ext/prefect.c ext/describe.c ext/json_doc.c ext/filter_values.c \
               ext/filter_compile.c ext/stats.c ext/vtab_collection.c ext/api.c ext/router.c ext/responses.c ext/vtab_table.c ext/vtab_run_tree.c \
               ext/json_python.c ext/undo_log.c ext/artifact_write.c ext/clock.c ext/history.c ext/text_search.c ext/stmt_cache.c \
               ext/query_memo.c ext/schema_check.c ext/vtab_fields.c ext/dialect.c ext/vtab_args.c ext/route_body.c ext/history_body.c
EXT_HEADERS := ext/internal.h ext/unicode_lower.h

DIST := dist
# a fixed path: tests/sql/demo_oracle.sql attaches it
DEMO_DB := dist/demo.db
LOADABLE := $(DIST)/prefect.so
UNIT := $(DIST)/test_unit

.PHONY: all loadable demo test test-parts test-pg pg pg-install test-unit test-oom test-sql test-repeat test-verify \
        test-differential test-client test-locale test-reference reference asan valgrind bench bench-pg \
        fuzz fuzz-regress clean

all: loadable
loadable: $(LOADABLE)

# The soname prefect.so lets ldconfig list the installed library under the
# name `.load prefect` asks for (make install, below).
$(LOADABLE): $(EXT_SOURCES) $(EXT_HEADERS) VERSION
	@mkdir -p $(DIST)
	$(CC) $(CFLAGS) $(WARNINGS) $(DEFINES) -fPIC -shared -Wl,-soname,prefect.so $(EXT_SOURCES) -o $@ -lm

# Unit tests link the sources directly (SQLITE_CORE) against libsqlite3.
$(UNIT): tests/unit/test_unit.c $(EXT_SOURCES) $(EXT_HEADERS) VERSION
	@mkdir -p $(DIST)
	$(CC) $(CFLAGS) $(WARNINGS) $(DEFINES) -DSQLITE_CORE -Iext tests/unit/test_unit.c \
	  $(EXT_SOURCES) -o $@ -lsqlite3 -lcmocka -lm

$(DEMO_DB): sql/schema.sql examples/demo_data.sql examples/make_demo.sh
	@mkdir -p $(dir $@)
	bash examples/make_demo.sh $@

# The main job: build, make the demo database, print the report.
demo: $(LOADABLE) $(DEMO_DB)
	$(SQLITE3) -bail $(DEMO_DB) < examples/report.sql

# make test runs its parts side by side, TEST_JOBS at a time (the machine's
# cores), each part's output printed whole when it ends; the parts share no
# file they write. A failing part does not stop the others (--keep-going),
# so one run shows every failure. `make test TEST_JOBS=1` runs them one
# after another.
TEST_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
test:
	+$(MAKE) -j$(TEST_JOBS) --keep-going --output-sync=target test-parts
	@echo "make test: every part passed"

test-parts: test-unit test-oom asan valgrind fuzz-regress test-verify test-sql test-differential test-client \
            test-locale test-reference test-pg

# The PostgreSQL extension (pg/, PGXS; Debian: postgresql-server-dev-15),
# built here and installed into the PostgreSQL pg_config names
pg:
	$(MAKE) -C pg

pg-install: pg
	$(MAKE) -C pg install

# PostgreSQL 15's server (Debian: postgresql-15); installs nothing
test-pg: $(LOADABLE) $(DEMO_DB) pg
	bash tests/pg/with_server.sh bash tests/pg/suite.sh

test-unit: $(UNIT)
	$(TEST_RUNNER) ./$(UNIT)

# docs/reference.md: every key a body takes, printed from prefect_fields
# (the descriptions) by sql/reference.sql. test-reference fails when the
# file is not what the descriptions say now: run `make reference`.
reference: $(LOADABLE)
	$(SQLITE3) -batch :memory: -cmd '.load $(DIST)/prefect' < sql/reference.sql > docs/reference.md

test-reference: $(LOADABLE)
	@$(SQLITE3) -batch :memory: -cmd '.load $(DIST)/prefect' < sql/reference.sql > $(DIST)/reference.md
	@diff -u docs/reference.md $(DIST)/reference.md \
	  || { echo "test-reference: docs/reference.md is stale: run make reference"; exit 1; }
	@echo "reference: docs/reference.md matches prefect_fields"

# Out of memory (SQLite's discipline): every allocation point of each
# statement, failed once and failed for good, in OOM_JOBS processes, on the
# plain build; again under ASan/UBSan with LeakSanitizer on every
# OOM_ASAN_STRIDE-th point, and under valgrind on every
# OOM_VALGRIND_STRIDE-th (each statement and mode samples its own residue,
# so the samples differ between statements). All points under the
# sanitizers (stride 1: ASan about 3 times the plain run, valgrind hours)
# is for a release, not for every make test.
OOM := $(DIST)/test_oom
OOM_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
OOM_ASAN_STRIDE ?= 6
OOM_VALGRIND_STRIDE ?= 100
$(OOM): tests/oom/test_oom.c $(EXT_SOURCES) $(EXT_HEADERS) VERSION
	@mkdir -p $(DIST)
	$(CC) $(CFLAGS) $(WARNINGS) $(DEFINES) -DSQLITE_CORE -Iext tests/oom/test_oom.c \
	  $(EXT_SOURCES) -o $@ -lsqlite3 -lm

test-oom: $(OOM)
	./$(OOM) -j $(OOM_JOBS)
	$(MAKE) DIST=dist/asan CC=clang CFLAGS="$(ASAN_CFLAGS)" dist/asan/test_oom
	ASAN_OPTIONS=detect_leaks=1 ./dist/asan/test_oom -j $(OOM_JOBS) -s $(OOM_ASAN_STRIDE)
	valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect -q \
	  ./$(OOM) -j $(OOM_JOBS) -s $(OOM_VALGRIND_STRIDE)

test-sql: $(LOADABLE) $(DEMO_DB)
	TEST_RUNNER="$(TEST_RUNNER)" bash tests/run_sql_tests.sh

# The SQL suite N times in a row; the first failing run stops it with its
# diff. Not part of `make test`: `make test-repeat N=1000` to look harder.
N ?= 200
test-repeat: $(LOADABLE) $(DEMO_DB)
	TEST_RUNNER="$(TEST_RUNNER)" bash tests/repeat_sql_tests.sh $(N)

# The SQL suite again on a build whose pushed-down column constraints are
# re-checked by SQLite (omit = 0): a wrong push-down shows as a diff here.
$(DIST)/verify/prefect.so: $(EXT_SOURCES) $(EXT_HEADERS) VERSION
	@mkdir -p $(DIST)/verify
	$(CC) $(CFLAGS) $(WARNINGS) $(DEFINES) -DPREFECT_VERIFY_CONSTRAINTS -fPIC -shared $(EXT_SOURCES) -o $@ -lm

test-verify: $(DIST)/verify/prefect.so $(DEMO_DB)
	PREFECT_LIB=$(DIST)/verify/prefect TEST_RUNNER="$(TEST_RUNNER)" bash tests/run_sql_tests.sh

# Every WHERE / ORDER BY / LIMIT around every table against the same SQL on
# Prefect's own tables, generated from the descriptions (about a minute).
DIFF_SAMPLE ?= 1
test-differential: $(LOADABLE)
	/usr/bin/python3 tests/differential/test_pushdown.py --sample $(DIFF_SAMPLE)

test-client: $(LOADABLE)
	/usr/bin/python3 tests/client/test_python.py
	/usr/bin/python3 tests/client/test_writes.py

# The same answers in a decimal-comma locale (de_DE.UTF-8, made with
# localedef into a temporary directory when the system has none; Debian's
# `locales` package). Skips, saying why, only when no such locale can be made.
test-locale: $(LOADABLE)
	/usr/bin/python3 tests/client/test_locale.py

# Sanitizers: the whole suite (unit, SQL, client), with an instrumented
# build in dist/asan/ or under valgrind. Hosts (the sqlite3 shell, Python)
# are not instrumented: ASan's leak check runs on the unit tests, valgrind's
# on everything.
ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan: $(DEMO_DB)
	$(MAKE) DIST=dist/asan CC=clang CFLAGS="$(ASAN_CFLAGS)" ASAN_OPTIONS=detect_leaks=1 test-unit
	$(MAKE) DIST=dist/asan CC=clang CFLAGS="$(ASAN_CFLAGS)" dist/asan/prefect.so
	PREFECT_LIB=dist/asan/prefect LD_PRELOAD="$$(clang -print-file-name=libclang_rt.asan-x86_64.so)" \
	  ASAN_OPTIONS=detect_leaks=0 TEST_RUNNER= bash tests/run_sql_tests.sh
	PREFECT_LIB=dist/asan/prefect LD_PRELOAD="$$(clang -print-file-name=libclang_rt.asan-x86_64.so)" \
	  ASAN_OPTIONS=detect_leaks=0 /usr/bin/python3 tests/client/test_python.py
	PREFECT_LIB=dist/asan/prefect LD_PRELOAD="$$(clang -print-file-name=libclang_rt.asan-x86_64.so)" \
	  ASAN_OPTIONS=detect_leaks=0 /usr/bin/python3 tests/client/test_writes.py
	PREFECT_LIB=dist/asan/prefect LD_PRELOAD="$$(clang -print-file-name=libclang_rt.asan-x86_64.so)" \
	  ASAN_OPTIONS=detect_leaks=0 /usr/bin/python3 tests/differential/test_pushdown.py --sample 7

valgrind: $(LOADABLE) $(UNIT) $(DEMO_DB)
	valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect -q ./$(UNIT)
	TEST_RUNNER="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect -q" \
	  bash tests/run_sql_tests.sh
	PYTHONMALLOC=malloc valgrind --error-exitcode=99 -q /usr/bin/python3 tests/client/test_python.py
	PYTHONMALLOC=malloc valgrind --error-exitcode=99 -q /usr/bin/python3 tests/client/test_writes.py
	PYTHONMALLOC=malloc valgrind --error-exitcode=99 -q /usr/bin/python3 tests/differential/test_pushdown.py --sample 97

clean:
	rm -rf $(DIST)
	-$(MAKE) -C pg clean

# Benchmark: a Prefect database at realistic scale (1,000,000 artifacts over
# 20,000 keys, 200,000 flow runs, ~950,000 task runs, 500 flows, 200
# deployments; about two minutes to generate, kept in bench/) and the same at
# a tenth of the size (every count but task runs per run divided by 10; about
# ten seconds), then every query through the extension and by hand,
# interleaved, on both: ratios to the best hand-written SQL and to the
# virtual-table floor at 1M, and how each query grows from 100k to 1M.
# Ratios, not thresholds: nothing here is asserted. BENCH_SECONDS is per
# query and database.
BENCH_DB := bench/prefect-bench.db
BENCH_DB_100K := bench/prefect-bench-100k.db
BENCH_SECONDS ?= 1.5

$(DIST)/bench: bench/bench.c
	@mkdir -p $(DIST)
	$(CC) -O2 -g $(WARNINGS) bench/bench.c -o $@ -lsqlite3

# $(call bench_db,flows,deployments,flow_runs,task_runs_per_run,artifact_keys,artifacts)
define bench_db
	rm -f $@
	{ echo "CREATE TEMP TABLE demo_size(flows, deployments, flow_runs, task_runs_per_run, artifact_keys, artifacts);"; \
	  echo "INSERT INTO demo_size VALUES ($(1), $(2), $(3), $(4), $(5), $(6));"; \
	  cat sql/schema.sql examples/demo_data.sql; } | $(SQLITE3) -bail $@
endef

$(BENCH_DB): sql/schema.sql examples/demo_data.sql
	$(call bench_db,500,200,200000,5,20000,1000000)

$(BENCH_DB_100K): sql/schema.sql examples/demo_data.sql
	$(call bench_db,50,20,20000,5,2000,100000)

# The same bodies on PostgreSQL: the 1M database's rows loaded into Prefect's
# PostgreSQL schema on a server of its own (a few minutes), the extension's
# functions and statements against Prefect's statement and the IN shape.
bench-pg: $(LOADABLE) pg $(BENCH_DB)
	bash tests/pg/with_server.sh bash -c 'bash tests/pg/load_extension.sh && \
	  /usr/bin/python3 tests/pg/load_sqlite.py $(BENCH_DB) && \
	  /usr/bin/python3 bench/bench_pg.py $(BENCH_DB)' | tee bench/results-pg.md

bench: $(LOADABLE) $(DIST)/bench $(BENCH_DB) $(BENCH_DB_100K)
	./$(DIST)/bench $(BENCH_DB) $(DIST)/prefect $(BENCH_SECONDS) $(BENCH_DB_100K) | tee bench/results.md

# Fuzzing (libFuzzer, clang): fuzz_body takes arbitrary bytes as bodies,
# fuzz_struct mutates the seed corpus structurally (tests/fuzz/fuzz.c).
# `make fuzz FUZZ_SECONDS=600` runs each for that long on a scratch copy of
# the corpus; a crash lands in dist/fuzz/ and belongs in
# tests/fuzz/regressions/, which fuzz-regress (part of make test) replays
# with the whole corpus under ASan/UBSan.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -DSQLITE_CORE -Iext

dist/fuzz/fuzz_body: tests/fuzz/fuzz.c $(EXT_SOURCES) $(EXT_HEADERS) VERSION
	@mkdir -p dist/fuzz
	clang $(FUZZ_FLAGS) $(DEFINES) tests/fuzz/fuzz.c $(EXT_SOURCES) -o $@ -lsqlite3 -lm

dist/fuzz/fuzz_struct: tests/fuzz/fuzz.c $(EXT_SOURCES) $(EXT_HEADERS) VERSION
	@mkdir -p dist/fuzz
	clang $(FUZZ_FLAGS) $(DEFINES) -DPREFECT_FUZZ_STRUCTURED tests/fuzz/fuzz.c $(EXT_SOURCES) -o $@ -lsqlite3 -lm

fuzz-regress: dist/fuzz/fuzz_body dist/fuzz/fuzz_struct
	@for t in fuzz_body fuzz_struct; do \
	  ./dist/fuzz/$$t -runs=0 tests/fuzz/corpus tests/fuzz/regressions > dist/fuzz/$$t.log 2>&1 \
	    || { cat dist/fuzz/$$t.log; exit 1; }; \
	  echo "$$t: $$(tail -1 dist/fuzz/$$t.log)"; \
	done

fuzz: dist/fuzz/fuzz_body dist/fuzz/fuzz_struct
	rm -rf dist/fuzz/corpus-body dist/fuzz/corpus-struct
	mkdir -p dist/fuzz/corpus-body dist/fuzz/corpus-struct
	cp tests/fuzz/corpus/* dist/fuzz/corpus-body/
	cp tests/fuzz/corpus/* dist/fuzz/corpus-struct/
	./dist/fuzz/fuzz_body -max_total_time=$(FUZZ_SECONDS) -dict=tests/fuzz/json.dict -max_len=4096 \
	  -artifact_prefix=dist/fuzz/ -print_final_stats=1 dist/fuzz/corpus-body > dist/fuzz/fuzz_body.log 2>&1 \
	  || { tail -60 dist/fuzz/fuzz_body.log; exit 1; }
	grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|cov:' dist/fuzz/fuzz_body.log | tail -2
	./dist/fuzz/fuzz_struct -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	  -artifact_prefix=dist/fuzz/ -print_final_stats=1 dist/fuzz/corpus-struct > dist/fuzz/fuzz_struct.log 2>&1 \
	  || { tail -60 dist/fuzz/fuzz_struct.log; exit 1; }
	grep -E '^#[0-9]+.*DONE|stat::number_of_executed_units|cov:' dist/fuzz/fuzz_struct.log | tail -2

# ---------------------------------------------------------------------------
# Static build: `make static` gives dist/static/sqlite3, a sqlite3 shell with
# the extension compiled in (-DSQLITE_CORE) and registered on every connection
# by sqlite3_auto_extension (ext/static_shell.c), linked with Debian's static
# libsqlite3.a: for machines where loading an extension is not allowed.
# shell.c comes from the Debian source package of the installed
# libsqlite3-dev (ext/static_shell_source.sh; needs dpkg-dev and tcl), or from
# SHELL_C=path/to/shell.c (it must be the same SQLite version as SQLITE_A).
STATIC_DIR := $(DIST)/static
STATIC_SHELL := $(STATIC_DIR)/sqlite3
SHELL_C ?= $(STATIC_DIR)/shell.c
SQLITE_A ?= $(shell $(CC) -print-file-name=libsqlite3.a)

.PHONY: static

static: $(STATIC_SHELL)

$(STATIC_DIR)/shell.c:
	bash ext/static_shell_source.sh $(STATIC_DIR)

# shell.c is SQLite's code: built without our -Werror warning set.
$(STATIC_DIR)/shell.o: $(SHELL_C)
	@mkdir -p $(STATIC_DIR)
	$(CC) $(CFLAGS) -DSQLITE_SHELL_INIT_PROC=prefect_shell_init -c $(SHELL_C) -o $@

$(STATIC_SHELL): $(STATIC_DIR)/shell.o ext/static_shell.c $(EXT_SOURCES) $(EXT_HEADERS) VERSION
	@test -f "$(SQLITE_A)" || { echo "make static: no static libsqlite3 ($(SQLITE_A)); install libsqlite3-dev or set SQLITE_A"; exit 1; }
	$(CC) $(CFLAGS) $(WARNINGS) $(DEFINES) -DSQLITE_CORE -Iext ext/static_shell.c $(EXT_SOURCES) \
	  $(STATIC_DIR)/shell.o $(SQLITE_A) -o $@ -lm
	@echo "make static: $@ (try: $@ $(strip $(DEMO_DB)) 'SELECT prefect_version()')"

# ---------------------------------------------------------------------------
# Clients: each client runs its example of examples/ for real, on the demo
# database, against the built library; part of `make test`. Each test prints
# its own counting line. The Python-driven ones run under /usr/bin/python3
# (Debian's, which can load extensions).
.PHONY: test-clients test-shell test-python-helper test-node node-deps test-sqlite-utils test-static test-html test-readme \
        test-docs test-report

test-parts: test-clients
test-clients: test-readme test-docs test-report test-shell test-python-helper test-sqlite-utils test-node test-static test-html

# README.md and docs/ show each examples/*/quickstart.* exactly as it is.
test-readme:
	/usr/bin/python3 tests/client/test_readme.py

# Every example of README.md and docs/*.md that shows its output prints
# exactly that on a copy of the demo database; every relative link resolves.
test-docs: $(LOADABLE) $(DEMO_DB)
	/usr/bin/python3 tests/client/test_docs.py

# The report `make demo` prints answers something in every section and names
# runs rather than showing id prefixes.
test-report: $(LOADABLE) $(DEMO_DB)
	/usr/bin/python3 tests/client/test_report.py

test-shell: $(LOADABLE) $(DEMO_DB)
	/usr/bin/python3 tests/client/test_shell.py

test-python-helper: $(LOADABLE) $(DEMO_DB)
	/usr/bin/python3 tests/client/test_python_helper.py

# Node.js: better-sqlite3 12 (Node 20 or newer), installed from
# examples/node/package-lock.json into examples/node/node_modules (about a
# minute: without a reachable prebuilt binary, node-gyp compiles it). node-gyp
# is pointed at the system's Node headers when they match the running node,
# so that it need not download them.
NODE_DIR := examples/node
NODE_DEPS := $(NODE_DIR)/node_modules/.package-lock.json

node-deps: $(NODE_DEPS)

$(NODE_DEPS): $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make: npm not found: Node.js 20 or newer with npm is needed"; exit 1; }
	@[ "$$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || \
	  { echo "make: better-sqlite3 12 needs Node.js 20 or newer, this is $$(node --version)"; exit 1; }
	hdr=/usr/include/node/node_version.h; \
	if [ -z "$${npm_config_nodedir:-}" ] && [ -f $$hdr ] && [ "$$(node --version)" = \
	     "v$$(awk '$$2 ~ /^NODE_(MAJOR|MINOR|PATCH)_VERSION$$/ { v = v sep $$3; sep = "." } END { print v }' $$hdr)" ]; then \
	  export npm_config_nodedir=/usr; fi; \
	npm ci --prefix $(NODE_DIR) --no-audit --no-fund
	@touch $@

test-node: $(LOADABLE) $(DEMO_DB) $(NODE_DEPS)
	node --test tests/client/test_node.mjs

test-sqlite-utils: $(LOADABLE) $(DEMO_DB)
	/usr/bin/python3 tests/client/test_sqlite_utils.py

test-static: $(STATIC_SHELL) $(LOADABLE) $(DEMO_DB)
	/usr/bin/python3 tests/client/test_static.py

# The HTML report (dist/report.html, made by examples/html/report.sql), opened
# in headless Chromium; the test leaves its screenshot in dist/report.png.
test-html: $(LOADABLE) $(DEMO_DB)
	/usr/bin/python3 tests/client/test_html.py

# ---------------------------------------------------------------------------
# Installing, in each ecosystem's own way (docs/install.md).
#
# `.load prefect` names no directory: SQLite dlopen()s "prefect", then
# "prefect.so", and the dynamic loader looks in LD_LIBRARY_PATH, then in the
# ld.so cache, then in /lib and /usr/lib (and their multiarch directories).
# /usr/local/lib reaches dlopen only through the cache, which ldconfig builds
# from the files whose names start with "lib", keyed by their sonames. So
# make install puts the library in LIBDIR as prefect.so (soname prefect.so)
# with the link libsqlite-prefect.so beside it, for ldconfig to find, and
# runs ldconfig when installing for real (no DESTDIR, as root): the cache
# then maps "prefect.so" to LIBDIR/prefect.so.
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
DOCDIR ?= $(PREFIX)/share/doc/sqlite-prefect
LDCONFIG ?= /sbin/ldconfig
INSTALL_DOCS := README.md LICENSE docs/install.md

.PHONY: install uninstall python npm deb test-install

install: $(LOADABLE)
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DOCDIR)
	install -m 0644 $(LOADABLE) $(DESTDIR)$(LIBDIR)/prefect.so
	ln -sf prefect.so $(DESTDIR)$(LIBDIR)/libsqlite-prefect.so
	install -m 0644 $(INSTALL_DOCS) $(DESTDIR)$(DOCDIR)/
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && [ -x $(LDCONFIG) ]; then \
	  echo "$(LDCONFIG)"; $(LDCONFIG); fi
	@echo "make install: $(DESTDIR)$(LIBDIR)/prefect.so; load it with \`.load prefect\` when $(LIBDIR) is" \
	  "in the ld.so cache (/usr/local/lib is, on Debian), else with \`.load $(LIBDIR)/prefect\`" \
	  "$(if $(DESTDIR),(staged under DESTDIR: ldconfig not run))"

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/prefect.so $(DESTDIR)$(LIBDIR)/libsqlite-prefect.so
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(INSTALL_DOCS)))
	@rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true  # kept if anything else is in it
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && [ -x $(LDCONFIG) ]; then \
	  echo "$(LDCONFIG)"; $(LDCONFIG); fi

# The wheel: the package examples/python/sqlite_prefect with the library
# beside its __init__.py, written by tools/build_wheel.py (no setuptools, no
# network). py3-none: the package has no Python C code; the platform tag is
# this machine's, the library's.
python: $(LOADABLE)
	/usr/bin/python3 tools/build_wheel.py $(LOADABLE) $(DIST)

# The npm package: npm/ with the library copied in, packed by npm itself.
NPM_STAGE := $(DIST)/npm
npm: $(LOADABLE)
	@[ "$$(node -p 'require("./npm/package.json").version')" = "$(VERSION)" ] || \
	  { echo "make npm: npm/package.json's version is not $(VERSION) (VERSION); set it there"; exit 1; }
	rm -rf $(NPM_STAGE) && mkdir -p $(NPM_STAGE)
	cp npm/package.json npm/index.js npm/index.d.ts npm/README.md LICENSE $(LOADABLE) $(NPM_STAGE)/
	cd $(NPM_STAGE) && npm pack --pack-destination .. --loglevel=warn

# The Debian package: the library in the multiarch directory, where dlopen
# looks without the cache, and the docs (tools/build_deb.sh).
deb: $(LOADABLE)
	bash tools/build_deb.sh $(LOADABLE) $(DIST)

# Each of the four installed into a temporary place, with no network (about
# half a minute): tests/install/test_install.sh. The Node.js part uses the
# better-sqlite3 that make node-deps built.
test-parts: test-install
test-install: $(LOADABLE) $(DEMO_DB) $(NODE_DEPS)
	bash tests/install/test_install.sh
