/* posture-resource-row.h: one resource's result in a control's detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-assessment.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_RESOURCE_ROW (posture_resource_row_get_type ())

/* Properties: resource (PostureResourceResult, construct-only). The title is the
 * resource's display name; the subtitle says the result in words, then the
 * environment type and the reason, wrapped, never cut. */
G_DECLARE_FINAL_TYPE (PostureResourceRow, posture_resource_row, POSTURE, RESOURCE_ROW, AdwActionRow)

GtkWidget *posture_resource_row_new (PostureResourceResult *resource);

G_END_DECLS
