/* posture-window-private.h: PostureWindow's instance, shared by posture-window.c (the
 * session, the title, the toasts) and posture-window-actions.c (what the window does)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-history-page.h"
#include "posture-overview-page.h"
#include "posture-policies-page.h"
#include "posture-recommendations-page.h"
#include "posture-tenant-switcher.h"
#include "posture-training-page.h"
#include "posture-window.h"

G_BEGIN_DECLS

struct _PostureWindow
{
  AdwApplicationWindow        parent_instance;

  /* Owned */
  GSettings                  *settings;
  GCancellable               *cancellable;       /* cancelled in dispose */
  PostureSession             *session;
  GSignalGroup               *session_signals;
  GSignalGroup               *progress_signals;
  PostureTrainingLibrary     *library;
  AdwToast                   *toast;             /* weak: the toast on screen */
  guint                       progress_source;   /* throttles progress repaints */
  gboolean                    quiet_reading;     /* the next recorded reading was a fix's */

  /* Borrowed */
  PostureTenantSwitcher      *tenant_switcher;   /* owned by the header bar */

  /* Template children */
  AdwViewStack               *stack;
  AdwToastOverlay            *toasts;
  AdwViewSwitcherTitle       *switcher_title;
  GtkBox                     *switcher_slot;
  GtkWidget                  *tenant_box;
  GtkLabel                   *tenant_label;
  GtkWidget                  *demo_label;
  GtkProgressBar             *read_progress;
  PostureOverviewPage        *overview_page;
  PostureRecommendationsPage *recommendations_page;
  PostureHistoryPage         *history_page;
  PostureTrainingPage        *training_page;
  PosturePoliciesPage        *policies_page;
};

/* posture-window.c */
/* Shows @toast (transfer full) or @text as the one toast on screen (the one before goes). */
void      _posture_window_show_toast        (PostureWindow *self,
                                             AdwToast      *toast);
void      _posture_window_toast             (PostureWindow *self,
                                             const char    *text);
gboolean  _posture_window_get_workshop      (PostureWindow *self);
void      _posture_window_update            (PostureWindow *self);

/* posture-window-actions.c */
void      _posture_window_class_actions_init (PostureWindowClass *klass);

G_END_DECLS
