/* posture-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POSTURE_TYPE_APPLICATION (posture_application_get_type ())

G_DECLARE_FINAL_TYPE (PostureApplication, posture_application, POSTURE, APPLICATION, AdwApplication)

PostureApplication *posture_application_new          (const char         *application_id,
                                                      GApplicationFlags   flags);
GSettings          *posture_application_get_settings (PostureApplication *self);
gboolean            posture_application_get_workshop (PostureApplication *self);

/* With POSTURE_STARTUP_TRACE set, prints "posture-startup MILESTONE TIME" on stderr (TIME:
 * g_get_monotonic_time(), the clock bench/cold-start.sh starts the app by); otherwise
 * nothing. The milestones of a start are listed in bench/cold-start.sh. */
void                posture_startup_mark             (const char         *milestone);

G_END_DECLS
