/* posture-ip-range.h: the IP firewall's allow-list rule (DESIGN.md "ip-firewall allow-list")
 *
 * One check for the engine's verdict and the remediation planner's refusal of an
 * --ip-range, so the two can never disagree about an entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The widest prefix allowed: an entry wider than these leaves the firewall open. */
#define POSTURE_IP_RANGE_MIN_PREFIX_V4 8
#define POSTURE_IP_RANGE_MIN_PREFIX_V6 16

typedef enum
{
  POSTURE_IP_RANGE_VALID,
  POSTURE_IP_RANGE_INVALID,    /* not an address, or a prefix outside the family's length */
  POSTURE_IP_RANGE_TOO_WIDE,   /* wider than /8 (IPv4) or /16 (IPv6), such as 0.0.0.0/0 */
} PostureIpRangeCheck;

PostureIpRangeCheck posture_ip_range_check (const char  *entry,
                                            char       **problem);

G_END_DECLS
