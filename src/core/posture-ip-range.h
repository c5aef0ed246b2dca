/* posture-ip-range.h: the IP firewall's allow-list rule (DESIGN.md), one definition
 *
 * The ip-firewall control judges a tenant's allow-list with it; the remediation planner
 * and `posture-cli fix ip-firewall --ip-range` refuse what it refuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The narrowest prefix an entry may have: nothing wider than /8 (IPv4) or /16 (IPv6). */
#define POSTURE_IP_RANGE_MIN_PREFIX_V4 8
#define POSTURE_IP_RANGE_MIN_PREFIX_V6 16

/* Whether @entry (already trimmed) is a valid IPv4 address (dotted quad) or IPv6 address
 * with an optional "/prefix" of decimal digits within the family's length (host bits
 * beyond the prefix are tolerated), no wider than the bounds above. On FALSE, @problem
 * (optional) is a translated sentence naming the entry and what is wrong with it. */
gboolean posture_ip_range_check (const char  *entry,
                                 char       **problem);

G_END_DECLS
