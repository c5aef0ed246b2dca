/* posture-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-application.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_WINDOW (posture_window_get_type ())

G_DECLARE_FINAL_TYPE (PostureWindow, posture_window, POSTURE, WINDOW, AdwApplicationWindow)

PostureWindow *posture_window_new            (PostureApplication *application);
void           posture_window_set_view       (PostureWindow      *self,
                                              const char         *view_name);
const char    *posture_window_get_view       (PostureWindow      *self);

G_END_DECLS
