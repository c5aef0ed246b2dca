/* posture-phase-label.h: the words for a tenant read's phases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @phase is a PostureReadPhase (posture-tenant-progress.h). */
const char *posture_phase_label (guint phase);

G_END_DECLS
