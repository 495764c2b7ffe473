/* SPDX-License-Identifier: GPL-2.0 */
/*
 * V6GW_SLAB_NO_MERGE: a cache of its own, never merged with another of
 * the same size, so that /proc/slabinfo shows it and kmem_cache_destroy()
 * reports objects left in it. SLAB_NO_MERGE exists from 6.5 on; before,
 * caches may be merged (and leaks show only as slab growth). See compat.h.
 */
#ifndef V6GW_COMPAT_SLAB_H
#define V6GW_COMPAT_SLAB_H

#include <linux/slab.h>

#ifdef SLAB_NO_MERGE
#define V6GW_SLAB_NO_MERGE	SLAB_NO_MERGE
#else
#define V6GW_SLAB_NO_MERGE	0
#endif

#endif /* V6GW_COMPAT_SLAB_H */
