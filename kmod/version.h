/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* The one place the version lives; dkms.conf must agree (make check verifies). */
#ifndef V6GW_VERSION_H
#define V6GW_VERSION_H
#define V6GW_VERSION "0.1.0"
#endif
