/* posture-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "posture-application.h"
#include "posture-fix-dialog.h"
#include "posture-overview-page.h"
#include "posture-recommendations-page.h"
#include "posture-session.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_WINDOW (posture_window_get_type ())

G_DECLARE_FINAL_TYPE (PostureWindow, posture_window, POSTURE, WINDOW, AdwApplicationWindow)

/* Actions: win.view(s) (Alt+1…5), win.refresh (Ctrl+R, F5), win.search (Ctrl+F: the
 * view in front), win.export (Ctrl+E), win.show-recommendation(s),
 * win.next-recommendation (Ctrl+N), win.confirm-fix(s) (the Fix dialog),
 * win.fix-shown (Ctrl+Return) and win.simulate-shown (Ctrl+T) for the control shown in
 * Recommendations, win.reset-demo (asks first), win.sign-in, win.learn(s). */
PostureWindow *posture_window_new (PostureApplication *application);
void                        posture_window_set_view                 (PostureWindow      *self,
                                                                     const char         *view_name);
const char                 *posture_window_get_view                 (PostureWindow      *self);
void                        posture_window_open_tenant              (PostureWindow      *self,
                                                                     const char         *tenant);
void                        posture_window_set_session              (PostureWindow      *self,
                                                                     PostureSession     *session);
PostureSession             *posture_window_get_session              (PostureWindow      *self);
PostureOverviewPage        *posture_window_get_overview_page        (PostureWindow      *self);
PostureRecommendationsPage *posture_window_get_recommendations_page (PostureWindow      *self);
/* The one place errors become text for the user (a toast). */
void                        posture_window_show_error               (PostureWindow      *self,
                                                                     const GError       *error);
void                        posture_window_add_toast                (PostureWindow      *self,
                                                                     AdwToast           *toast);
/* Opens the Fix dialog for @control_id. Returns: (transfer none) (nullable): the
 * dialog, or NULL when there is nothing to fix through the API. */
PostureFixDialog *posture_window_confirm_fix (PostureWindow *self, const char *control_id);

G_END_DECLS
