# newsgraph - build, test, demo, bench and fuzz.
#
#   make            build/newsgraph and build/libnewsgraph.a
#   make demo       install what is missing, build, ingest the demo corpus, show it
#   make test       install what is missing, then the whole test suite
#   make asan       the unit tests under AddressSanitizer + UBSan
#   make fuzz       every libFuzzer harness for FUZZ_SECONDS (default 60) each
#   make bench      throughput and peak RSS figures
#   make models     retrain the shipped models from ../shared/data
#
# BUILD selects the output directory, so differently configured builds
# (build/, build-asan/, build-fuzz/) live side by side.

BUILD    ?= build
CC       ?= cc
CXX      ?= c++
SHARED   ?= ../shared
PKGS     := libutf8proc gumbo sqlite3 libpq libmicrohttpd zlib jansson nettle libxxhash
OPT      ?= -O2
SAN      ?=
CFLAGS_BASE := -std=c11 $(OPT) -g -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
               -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc $(SAN)
PKG_CFLAGS  = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS  = $(CFLAGS_BASE) $(PKG_CFLAGS) $(CFLAGS)
ALL_CXXFLAGS = -std=c++11 $(OPT) -g -Wall -Wextra -Werror -Iinclude -Isrc $(SAN) $(CXXFLAGS)
LIBS        = $(PKG_LIBS) -lcld2 -lstdc++ -lpthread -lm $(LDLIBS)

LIB_C    := $(sort $(shell find src -name '*.c' -not -path 'src/cli/*'))
LIB_CC   := $(sort $(shell find src -name '*.cc'))
CLI_C    := $(sort $(wildcard src/cli/*.c))
TEST_C   := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_C   := $(sort $(wildcard fuzz/fuzz_*.c))
HDRS     := $(shell find include src -name '*.h')

LIB_OBJ  := $(LIB_C:%.c=$(BUILD)/obj/%.o) $(LIB_CC:%.cc=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_C:%.c=$(BUILD)/obj/%.o)
TESTS    := $(TEST_C:tests/unit/%.c=$(BUILD)/tests/%)

# Generated sources: the SQL schemas embedded in the library.
GEN_C    := $(BUILD)/gen/schema_sql.c $(BUILD)/gen/schema_pg_sql.c
LIB_OBJ  += $(GEN_C:%.c=$(BUILD)/obj/%.o)

.PHONY: all lib tests demo test check asan asan-build fuzz fuzz-build bench models deps clean distclean web

all: $(BUILD)/newsgraph

lib: $(BUILD)/libnewsgraph.a

$(BUILD)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	@echo CC $<
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.cc $(HDRS)
	@mkdir -p $(dir $@)
	@echo CXX $<
	@$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

$(BUILD)/gen/schema_sql.c: src/store/schema.sql scripts/embed.sh
	@mkdir -p $(dir $@)
	@echo GEN $@
	@sh scripts/embed.sh ng_schema_sql src/store/schema.sql >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/schema_pg_sql.c: src/store/schema_pg.sql scripts/embed.sh
	@mkdir -p $(dir $@)
	@echo GEN $@
	@sh scripts/embed.sh ng_schema_pg_sql src/store/schema_pg.sql >$@.tmp && mv $@.tmp $@

$(BUILD)/libnewsgraph.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo AR $@
	@rm -f $@ && ar rcs $@ $^

$(BUILD)/newsgraph: $(CLI_OBJ) $(BUILD)/libnewsgraph.a
	@echo LINK $@
	@$(CC) $(SAN) -o $@ $(CLI_OBJ) $(BUILD)/libnewsgraph.a $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libnewsgraph.a
	@mkdir -p $(dir $@)
	@echo TEST $@
	@$(CC) $(ALL_CFLAGS) -Itests/unit $(shell pkg-config --cflags cmocka) -o $@ $< \
	    $(BUILD)/libnewsgraph.a $(LIBS) $(shell pkg-config --libs cmocka)

# test_store_pg.c runs test_store.c's suite on PostgreSQL.
$(BUILD)/tests/test_store_pg: tests/unit/test_store.c

tests: $(TESTS) $(BUILD)/newsgraph

# --- the two README commands -------------------------------------------

deps:
	@scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all web
	@scripts/demo.sh

test: deps
	@$(MAKE) --no-print-directory tests web
	@scripts/run-tests.sh

check: tests
	@scripts/run-tests.sh --quick

# --- sanitizers, fuzzing, benchmarks, models ----------------------------

ASAN_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
asan-build:
	@$(MAKE) --no-print-directory BUILD=build-asan CC=clang CXX=clang++ OPT=-O1 SAN="$(ASAN_SAN)" tests

asan: asan-build
	@BUILD=build-asan scripts/run-tests.sh --quick

FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CXX=clang++ OPT=-O1 SAN="$(FUZZ_SAN)" lib
	@mkdir -p build-fuzz/fuzz
	@for f in $(FUZZ_C); do n=$$(basename $$f .c); \
	  clang $(CFLAGS_BASE) $(PKG_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined \
	    -o build-fuzz/fuzz/$$n $$f build-fuzz/libnewsgraph.a $(LIBS) || exit 1; done

fuzz: fuzz-build
	@scripts/fuzz.sh $(FUZZ_SECONDS)

bench: all bench/node_modules
	@bench/run.sh

models: all
	@scripts/train-models.sh

clean:
	rm -rf build build-asan build-fuzz

distclean: clean
	rm -rf bench/node_modules web/node_modules

# Peers for the benchmarks (npm, into bench/node_modules; not runtime dependencies).
bench/node_modules: bench/package.json
	@cd bench && npm install --no-audit --no-fund --silent

# The web UI of `newsgraph serve`: npm installs web/package-lock.json's
# packages, Vite builds web/ into $(BUILD)/web (served from beside the binary).
WEB_SRC := $(shell find web -path web/node_modules -prune -o -type f -print 2>/dev/null)
web: $(BUILD)/web/index.html

$(BUILD)/web/index.html: $(WEB_SRC) web/node_modules/.package-lock.json
	@echo WEB $(BUILD)/web
	@cd web && NG_WEB_OUT=$(abspath $(BUILD)/web) node node_modules/vite/bin/vite.js build --logLevel warn

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@cd web && npm install --no-audit --no-fund --silent && touch node_modules/.package-lock.json
