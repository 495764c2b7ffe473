# SPDX-License-Identifier: GPL-2.0
#
# v6gw top-level Makefile.
#
#   make              build the module (against KDIR) and the v6gw tool
#   make KDIR=DIR     build against another kernel's build directory
#   make check        the one test command: deps, build, unit tests,
#                     selftests in QEMU on every installed kernel, DKMS
#   make check-arm64  cross-build for arm64 (Raspberry Pi class), run
#                     selftests in an arm64 guest (part of make check)
#   make check-s390x  the same for s390x: selftests on a big-endian CPU
#                     (not part of make check)
#   make debug-kernel build the debug kernel (KASAN, kmemleak, lockdep, ...)
#                     into /var/cache/v6gw-kdebug unless it is there already
#   make demo         boot a guest and show v6gw at work
#   make bench        benchmarks in QEMU (6.1): forwarding vs v6gw vs Jool
#   make sparse       the module under sparse (C=2)
#   make fuzz         the core's libFuzzer harnesses, 10 minutes each
#
# KDIR defaults to the running kernel's build directory when it exists,
# otherwise to the newest installed /lib/modules/*/build.

KDIR ?= $(shell d=/lib/modules/$$(uname -r)/build; \
	  if [ -d $$d ]; then echo $$d; \
	  else ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n1; fi)

all: module tool

module:
	@test -n "$(KDIR)" || { echo "no kernel build directory found: set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 CF="-D__CHECK_ENDIAN__" modules

tool:
	$(MAKE) -C usr

unit:
	$(MAKE) -C kmod/core/test run

fuzz:
	$(MAKE) -C kmod/core/fuzz fuzz-long

check:
	bash selftests/vm/check-all.sh

check-arm64:
	bash selftests/vm/check-arm64.sh

check-s390x:
	bash selftests/vm/check-s390x.sh

debug-kernel:
	bash selftests/vm/debug-kernel.sh

demo:
	bash selftests/vm/demo.sh

bench:
	bash bench/run.sh

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	$(MAKE) -C usr install

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C usr clean
	$(MAKE) -C kmod/core/test clean
	rm -rf build

.PHONY: all module sparse tool unit fuzz check check-arm64 check-s390x debug-kernel demo bench install clean
