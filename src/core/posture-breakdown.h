/* posture-breakdown.h: the score of one category or one Zero Trust principle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "posture-types.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_BREAKDOWN (posture_breakdown_get_type ())

G_DECLARE_FINAL_TYPE (PostureBreakdown, posture_breakdown, POSTURE, BREAKDOWN, GObject)

/* Properties (read-only): id (the category's or principle's stable name, "network",
 * "verify-explicitly"), label (translated, "Network", "Verify explicitly"), earned,
 * possible (points after decisions, summed over the group's controls), percent (double,
 * -1 when nothing is possible), level (PostureLevel), n-controls (controls assessed in
 * the group), n-failing (of them, failing or partly passing). The views bind them. */

G_END_DECLS
