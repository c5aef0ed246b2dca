/* posture-ip-range.h: the IP firewall's allow-list entries (DESIGN.md "ip-firewall")
 *
 * One entry is an IPv4 dotted quad or an IPv6 address, with an optional "/prefix" of
 * decimal digits within the family's length (host bits beyond the prefix are
 * tolerated). An entry wider than /8 (IPv4) or /16 (IPv6) leaves the firewall open,
 * so it is refused. The remediation planner validates the admin's list with it; the
 * engine's allow-list check can use the same function.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  POSTURE_IP_RANGE_VALID,
  POSTURE_IP_RANGE_INVALID,    /* not an address, or a prefix outside the family's length */
  POSTURE_IP_RANGE_TOO_WIDE,   /* wider than /8 (IPv4) or /16 (IPv6), such as 0.0.0.0/0 */
} PostureIpRangeCheck;

PostureIpRangeCheck  posture_ip_range_check      (const char *entry);
/* The comma-separated entries of @list, trimmed, empty pieces dropped (never NULL). */
GStrv                posture_ip_range_split_list (const char *list);

G_END_DECLS
