/* posture-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define POSTURE_TYPE_PREFERENCES_WINDOW (posture_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PosturePreferencesWindow,
                      posture_preferences_window,
                      POSTURE,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Every row is bound to @settings (io.github.posture.Posture): cloud, refresh-on-start,
 * profile, history-retention-days, training-dir, review-interval-days. Changes are
 * written at once; there is no Apply button. @parent may be NULL. */
PosturePreferencesWindow *posture_preferences_window_new (GtkWindow *parent, GSettings *settings);
GSettings                *posture_preferences_window_get_settings (PosturePreferencesWindow *self);

G_END_DECLS
