# Armature: generator first, then spec -> build/gen, then the library,
# the front ends and the tests. `make check` runs every test.

CC       ?= gcc
# A sanitizer build lives beside the normal one, so the two never mix objects.
ifeq ($(SAN),1)
BUILD    := build/san
else
BUILD    := build
endif
export ARMATURE_BUILD := $(BUILD)
GENDIR   := $(BUILD)/gen
OBJ      := $(BUILD)/obj

CFLAGS   ?= -O2 -g
CFLAGS   += -std=gnu11 -Wall -Wextra -Werror -MMD -MP
ifeq ($(SAN),1)
CFLAGS   += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif

XML_CFLAGS   := $(shell pkg-config --cflags libxml-2.0 2>/dev/null)
XML_LIBS     := $(shell pkg-config --libs libxml-2.0 2>/dev/null)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)
# libfdt (the virt board's device tree) has no pkg-config file on Debian
FDT_LIBS     := -lfdt

# ---------------------------------------------------------------- generator
GEN_SRCS   := $(filter-out gen/main.c,$(wildcard gen/*.c))
GEN_OBJS   := $(GEN_SRCS:%.c=$(OBJ)/%.o) $(OBJ)/gen/asl_lex.o $(OBJ)/gen/asl_parse.o
GEN_CFLAGS := $(CFLAGS) $(XML_CFLAGS) -Igen -I$(BUILD)/gen-parser

$(BUILD)/gen-parser/asl_parse.c $(BUILD)/gen-parser/asl_parse.h: gen/asl.y
	@mkdir -p $(@D)
	bison -Wall -Werror -d -o $(BUILD)/gen-parser/asl_parse.c $<

$(BUILD)/gen-parser/asl_lex.c: gen/asl.l $(BUILD)/gen-parser/asl_parse.h
	@mkdir -p $(@D)
	flex -o $@ $<

$(OBJ)/gen/asl_parse.o: $(BUILD)/gen-parser/asl_parse.c
	@mkdir -p $(@D)
	$(CC) $(GEN_CFLAGS) -Wno-unused-function -c -o $@ $<

$(OBJ)/gen/asl_lex.o: $(BUILD)/gen-parser/asl_lex.c
	@mkdir -p $(@D)
	$(CC) $(GEN_CFLAGS) -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter -c -o $@ $<

$(OBJ)/gen/%.o: gen/%.c $(BUILD)/gen-parser/asl_parse.h
	@mkdir -p $(@D)
	$(CC) $(GEN_CFLAGS) -c -o $@ $<

$(BUILD)/libgen.a: $(GEN_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/armature-gen: $(OBJ)/gen/main.o $(BUILD)/libgen.a
	$(CC) $(LDFLAGS) -o $@ $^ $(XML_LIBS)

# ---------------------------------------------------------------- spec -> C
SPEC_XML  := $(sort $(shell find spec/a64 -name '*.xml'))
SPEC_LIB  := $(sort $(wildcard spec/lib/*.asl))
SPEC_CPUS := $(sort $(wildcard spec/cpus/*.xml))
SPEC_REGS := $(sort $(wildcard spec/sysregs/*.xml))
GEN_STAMP := $(GENDIR)/.stamp

$(GEN_STAMP): $(BUILD)/armature-gen $(SPEC_XML) $(SPEC_LIB) $(SPEC_REGS) $(SPEC_CPUS) spec/features.xml
	@mkdir -p $(GENDIR)
	ASAN_OPTIONS=detect_leaks=0 $(BUILD)/armature-gen -o $(GENDIR) --features spec/features.xml \
	    $(SPEC_LIB) $(SPEC_REGS) $(SPEC_XML) $(SPEC_CPUS)
	@touch $@

# ---------------------------------------------------------------- library
LIB_SRCS   := $(wildcard interp/*.c sysregs/*.c jit/*.c)
LIB_OBJS   := $(LIB_SRCS:%.c=$(OBJ)/%.o)
LIB_CFLAGS := $(CFLAGS) -Iinterp -I$(GENDIR)

$(OBJ)/interp/%.o: interp/%.c $(GEN_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(OBJ)/sysregs/%.o: sysregs/%.c $(GEN_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(OBJ)/jit/%.o: jit/%.c $(GEN_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(BUILD)/libarmature.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

# ---------------------------------------------------------------- front ends
USER_SRCS  := $(filter-out boards/linux-user/main.c,$(wildcard boards/linux-user/*.c))
USER_OBJS  := $(USER_SRCS:%.c=$(OBJ)/%.o)

$(OBJ)/boards/%.o: boards/%.c $(GEN_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -Iboards -c -o $@ $<

$(OBJ)/tools/%.o: tools/%.c $(GEN_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(BUILD)/liblinuxuser.a: $(USER_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/armature-user: $(OBJ)/boards/linux-user/main.o $(BUILD)/liblinuxuser.a $(BUILD)/libarmature.a
	$(CC) $(LDFLAGS) -o $@ $^

SYS_SRCS   := $(filter-out boards/system/main.c,$(wildcard boards/system/*.c)) $(wildcard boards/dev/*.c)
SYS_OBJS   := $(SYS_SRCS:%.c=$(OBJ)/%.o)

$(BUILD)/libsystem.a: $(SYS_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/armature: $(OBJ)/boards/system/main.o $(BUILD)/libsystem.a $(BUILD)/libarmature.a
	$(CC) $(LDFLAGS) -o $@ $^ $(FDT_LIBS)

$(BUILD)/armature-disas: $(OBJ)/tools/armature-disas.o $(BUILD)/libarmature.a
	$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/armature-decode-conformance: $(OBJ)/tools/decode-conformance.o $(BUILD)/libarmature.a
	$(CC) $(LDFLAGS) -pthread -o $@ $^

$(BUILD)/armature-semantics-conformance: $(OBJ)/tools/semantics-conformance.o $(OBJ)/tools/sem-draw.o $(OBJ)/tools/sem-known.o $(BUILD)/libarmature.a
	$(CC) $(LDFLAGS) -o $@ $^

$(BUILD)/armature-difftest: $(OBJ)/tools/difftest.o $(OBJ)/tools/difftest-seq.o $(OBJ)/tools/difftest-cmp.o \
                            $(OBJ)/tools/difftest-min.o $(OBJ)/tools/sem-draw.o $(OBJ)/tools/sem-known.o $(BUILD)/libarmature.a
	$(CC) $(LDFLAGS) -o $@ $^

BINS := $(BUILD)/armature-gen $(BUILD)/armature-user $(BUILD)/armature $(BUILD)/armature-disas \
        $(BUILD)/armature-decode-conformance $(BUILD)/armature-semantics-conformance $(BUILD)/armature-difftest

# The stamp by name: as a prerequisite of pattern rules only, make would
# take it for an intermediate file and not regenerate a deleted build/gen.
all: $(GEN_STAMP) $(BINS)

# ---------------------------------------------------------------- tests
TEST_SRCS := $(wildcard tests/check_*.c)
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)

$(OBJ)/tests/%.o: tests/%.c $(GEN_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) $(XML_CFLAGS) $(CHECK_CFLAGS) -Igen -Iboards -I$(BUILD)/gen-parser -c -o $@ $<

$(BUILD)/tests/%: $(OBJ)/tests/%.o $(BUILD)/liblinuxuser.a $(BUILD)/libsystem.a $(BUILD)/libarmature.a $(BUILD)/libgen.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(XML_LIBS) $(FDT_LIBS)

# ---------------------------------------------------------------- entry points
.PHONY: all deps run check unit-tests clean coverage
# keep objects of the test programs (make would delete them as intermediates)
.SECONDARY:
.DEFAULT_GOAL := all

deps:
	@scripts/install-deps --if-missing

run: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory -C tests/guests demo
	$(BUILD)/armature-user -stats build/guests/demo

check: deps
	@$(MAKE) --no-print-directory all $(TEST_BINS)
	@$(MAKE) --no-print-directory -C tests/guests all
	@tests/run-all.sh

# decode conformance against GNU objdump (conformance/README.md)
.PHONY: conformance conformance-decode conformance-decode-all conformance-baremetal conformance-linux-user conformance-fp conformance-boot \
        conformance-semantics
conformance: conformance-decode conformance-fp conformance-semantics

conformance-decode: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature-decode-conformance
	conformance/decode/run.sh

conformance-decode-all: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature-decode-conformance
	conformance/decode/run.sh --all-words

# scalar FP: >= 10^6 operations under armature-user and qemu-aarch64, bit for
# bit (conformance/fp/README.md; make check runs the --quick sample)
conformance-fp: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature-user
	conformance/fp/run.sh

# every executable encoding under armature-user and qemu-aarch64, state
# compared after each instruction (conformance/semantics/README.md)
conformance-semantics: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature-user $(BUILD)/armature-semantics-conformance
	conformance/semantics/run.sh

# random instruction sequences drawn from the spec under armature-user and
# qemu-aarch64, the state compared after every instruction, with a table per
# spec group (conformance/difftest/README.md; DIFFTEST_ARGS="--instructions
# 10000000" for a longer campaign; make check runs --quick)
.PHONY: difftest
difftest: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature-user $(BUILD)/armature-difftest
	conformance/difftest/run.sh $(DIFFTEST_ARGS)

# every bare-metal test under armature and qemu-system-aarch64 (make check
# runs those in conformance/baremetal/check-list.txt)
conformance-baremetal: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature
	conformance/baremetal/run.sh --all

# build/coverage.md: every encoding, its feature and how many tests run it
coverage: deps
	@$(MAKE) --no-print-directory all $(TEST_BINS)
	@$(MAKE) --no-print-directory -C tests/guests all
	scripts/coverage

# Debian's arm64 kernel and a busybox initramfs on -M virt: how far it boots
# (conformance/boot/README.md; not in make check until it reaches the marker)
conformance-boot: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature
	conformance/boot/run.sh

# Debian arm64 programs under armature-user and qemu-aarch64 (make check
# runs the cases tagged quick in conformance/linux-user/cases.txt)
conformance-linux-user: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature-user
	conformance/linux-user/run.sh

# workloads under armature-user, qemu-aarch64 and natively; the table goes to
# docs/benchmarks.md (knobs: BENCH_SIZE=4M, BENCH_REPS=3, BENCH_TIMEOUT; not
# part of make check)
.PHONY: bench
bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/armature-user
	bench/run.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
