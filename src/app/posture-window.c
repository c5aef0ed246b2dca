/* posture-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "posture-error-text.h"
#include "posture-diff.h"
#include "posture-error.h"
#include "posture-export.h"
#include "posture-fix-dialog.h"
#include "posture-history.h"
#include "posture-history-page.h"
#include "posture-labels.h"
#include "posture-overview-page.h"
#include "posture-policies-page.h"
#include "posture-recommendations-page.h"
#include "posture-sign-in-dialog.h"
#include "posture-tenant-switcher.h"
#include "posture-training-page.h"
#include "posture-window.h"

struct _PostureWindow
{
  AdwApplicationWindow        parent_instance;

  /* Owned */
  GSettings                  *settings;
  GCancellable               *cancellable;     /* cancelled in dispose */
  PostureSession             *session;
  GSignalGroup               *session_signals;
  GSignalGroup               *progress_signals;
  PostureTrainingLibrary     *library;
  PostureTenantSwitcher      *tenant_switcher;   /* owned by the header */

  /* Template children */
  AdwViewStack               *stack;
  AdwToastOverlay            *toasts;
  AdwViewSwitcherTitle       *switcher_title;
  GtkBox                     *switcher_slot;
  GtkWidget                  *tenant_box;
  GtkLabel                   *tenant_label;
  GtkWidget                  *demo_label;
  GtkProgressBar             *read_progress;
  guint                       progress_source;  /* throttles progress repaints */
  PostureOverviewPage        *overview_page;
  PostureRecommendationsPage *recommendations_page;
  PostureHistoryPage         *history_page;
  PostureTrainingPage        *training_page;
  PosturePoliciesPage        *policies_page;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TRAINING_LIBRARY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureWindow, posture_window, ADW_TYPE_APPLICATION_WINDOW)

static void
posture_window_save_size (PostureWindow *self)
{
  int width = 0;
  int height = 0;

  g_assert (POSTURE_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static gboolean
posture_window_close_request (GtkWindow *window)
{
  posture_window_save_size (POSTURE_WINDOW (window));

  return GTK_WINDOW_CLASS (posture_window_parent_class)->close_request (window);
}

static void
posture_window_toast (PostureWindow *self,
                      const char    *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* A read of 10,000 environments makes thousands of progress changes; repainting for
 * each would slow the read itself (every frame costs a main-loop turn), so the bar
 * follows at most four times a second. */
static gboolean
posture_window_progress_timeout_cb (gpointer user_data)
{
  PostureWindow *self = user_data;

  self->progress_source = 0;
  if (self->session != NULL)
    gtk_progress_bar_set_fraction (self->read_progress,
                                   posture_tenant_progress_get_fraction (posture_session_get_progress (self->session)));

  return G_SOURCE_REMOVE;
}

static void
on_progress_changed_cb (PostureWindow *self)
{
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (250, posture_window_progress_timeout_cb, self);
}

/* Updates what depends on the session: title, busy state, enabled actions. */
static void
posture_window_update (PostureWindow *self)
{
  gboolean busy = self->session != NULL && posture_session_get_busy (self->session);
  gboolean demo = self->session != NULL && posture_session_get_demo (self->session);
  const char *title = self->session != NULL ? posture_session_get_title (self->session) : NULL;

  adw_view_switcher_title_set_subtitle (self->switcher_title, title != NULL ? title : "");
  gtk_label_set_label (self->tenant_label, title != NULL ? title : "");
  /* The tenant switcher names the tenant when there is one (a window made without
   * settings has none); when narrow, the switcher title's subtitle names it instead. */
  gtk_widget_set_visible (self->tenant_box,
                          self->tenant_switcher == NULL && title != NULL &&
                          !adw_view_switcher_title_get_title_visible (self->switcher_title));
  if (self->tenant_switcher != NULL && self->session != NULL && !demo && title != NULL)
    posture_tenant_switcher_set_tenant_title (self->tenant_switcher,
                                              posture_session_get_tenant_key (self->session), title);
  gtk_widget_set_visible (self->demo_label, demo && !g_str_has_suffix (title, "(demo)"));
  if (title != NULL)
    {
      /* Translators: the window title, %s is the tenant ("Contoso (demo)") */
      g_autofree char *window_title = g_strdup_printf (_("Posture — %s"), title);

      gtk_window_set_title (GTK_WINDOW (self), window_title);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->read_progress), busy);
  if (self->session != NULL)
    gtk_progress_bar_set_fraction (self->read_progress,
                                   posture_tenant_progress_get_fraction (posture_session_get_progress (self->session)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->session != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-demo", demo && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.confirm-fix", self->session != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fix", self->session != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 self->session != NULL && posture_session_get_assessment (self->session) != NULL);
}

void
posture_window_show_error (PostureWindow *self,
                           const GError  *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (POSTURE_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_debug ("%s", error->message);
  text = posture_error_to_toast (error);
  posture_window_toast (self, text);
}

static void
posture_window_refresh_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PostureWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!posture_session_refresh_finish (POSTURE_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Without an assessment the Overview shows a status page; with one, a toast
       * says why the newer reading is missing. */
      if (POSTURE_SESSION (object) == self->session &&
          posture_session_get_assessment (self->session) != NULL)
        posture_window_show_error (self, error);
    }
}

static void
posture_window_refresh_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);

  if (self->session == NULL || posture_session_get_busy (self->session))
    return;

  posture_session_refresh_async (self->session, self->cancellable,
                                 posture_window_refresh_cb, g_object_ref (self));
}

static void
posture_window_fix_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PostureWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *percent = NULL;
  PostureStatus status = POSTURE_STATUS_UNKNOWN;
  PostureAssessment *assessment;
  PostureScore score;

  if (!posture_session_fix_finish (POSTURE_SESSION (object), result, &status, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      posture_window_show_error (self, error);
      return;
    }

  assessment = posture_session_get_assessment (POSTURE_SESSION (object));
  if (assessment == NULL)
    return;

  posture_assessment_get_score (assessment, &score);
  percent = posture_format_percent (score.percent);

  if (status == POSTURE_STATUS_PASS)
    /* Translators: a toast after a fix was verified; %s is the new score, "64 %" */
    text = g_strdup_printf (_("Fixed and verified. The score is now %s."), percent);
  else
    /* Translators: a toast; the first %s is a status ("Partly passing"), the second the score */
    text = g_strdup_printf (_("The change was written, but the control is still “%s” after reading "
                              "the tenant again. The score is %s."),
                            posture_status_label (status), percent);

  posture_window_toast (self, text);
}

static void
posture_window_fix_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);

  if (self->session == NULL || posture_session_get_busy (self->session))
    return;

  posture_session_fix_async (self->session, g_variant_get_string (parameter, NULL), self->cancellable,
                             posture_window_fix_cb, g_object_ref (self));
}

static void
on_fix_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           PostureWindow    *self)
{
  const char *control_id = g_object_get_data (G_OBJECT (dialog), "control-id");

  if (g_strcmp0 (response, POSTURE_FIX_RESPONSE_FIX) == 0 && control_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.fix", "s", control_id);
}

AdwMessageDialog *
posture_window_confirm_fix (PostureWindow *self,
                            const char    *control_id)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (POSTURE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  if (self->session == NULL)
    return NULL;

  dialog = posture_fix_dialog_new (GTK_WINDOW (self), self->session, control_id);
  if (dialog == NULL)
    {
      posture_window_toast (self, _("Nothing left to fix for this control."));
      return NULL;
    }

  g_object_set_data_full (G_OBJECT (dialog), "control-id", g_strdup (control_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_fix_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
posture_window_confirm_fix_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  posture_window_confirm_fix (POSTURE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
posture_window_reset_demo_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(PostureWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!posture_session_reset_demo_finish (POSTURE_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        posture_window_show_error (self, error);
      return;
    }

  posture_window_toast (self, _("The demo tenant is back at its starting point."));
}

static void
posture_window_reset_demo_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);

  if (self->session == NULL || !posture_session_get_demo (self->session))
    return;

  posture_session_reset_demo_async (self->session, self->cancellable,
                                    posture_window_reset_demo_cb, g_object_ref (self));
}

static void
on_signed_in_cb (PostureWindow *self,
                 const char    *tenant,
                 PostureOAuth  *oauth)
{
  g_autoptr(PostureTenantClient) client = NULL;
  g_autoptr(PostureSession) session = NULL;

  g_assert (POSTURE_IS_WINDOW (self));
  g_assert (POSTURE_IS_OAUTH (oauth));

  client = posture_tenant_client_new (oauth);
  session = posture_session_new_for_client (client, tenant);

  /* Show it now with the signed-in client; the switcher then follows the setting. */
  posture_window_set_session (self, session);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "active-tenant", tenant);
}

static void
posture_window_sign_in_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);
  PostureSignInDialog *dialog;

  if (self->settings == NULL)
    return;

  dialog = posture_sign_in_dialog_new (GTK_WINDOW (self), self->settings, NULL);
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_signed_in_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
posture_window_learn_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);
  const char *module_id = g_variant_get_string (parameter, NULL);

  posture_window_set_view (self, "training");
  if (!posture_training_page_show_module (self->training_page, module_id))
    posture_window_toast (self, _("This training module is not in the library."));
}

static void
posture_window_export_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);
  PostureAssessment *assessment;

  if (self->session == NULL || (assessment = posture_session_get_assessment (self->session)) == NULL)
    return;

  posture_export_run_full (GTK_WINDOW (self), assessment, posture_session_get_snapshot (self->session),
                           posture_session_get_history (self->session));
}

static void
posture_window_search_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);

  posture_window_set_view (self, "recommendations");
  posture_recommendations_page_focus_search (self->recommendations_page);
}

static void
posture_window_show_recommendation_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);

  posture_window_set_view (self, "recommendations");
  posture_recommendations_page_select_control (self->recommendations_page,
                                               g_variant_get_string (parameter, NULL));
}

static void
on_overview_recommendation_activated_cb (PostureWindow *self,
                                         const char    *control_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-recommendation", "s", control_id);
}

static void
posture_window_open_demo (PostureWindow *self)
{
  g_autoptr(PostureSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *size = g_getenv ("POSTURE_DEMO_ENVIRONMENTS");
  guint64 n_environments = 0;

  /* POSTURE_DEMO_ENVIRONMENTS sizes the demo tenant for benchmarks and screenshots. */
  if (size != NULL && !g_ascii_string_to_unsigned (size, 10, 1, 100000, &n_environments, NULL))
    n_environments = 0;

  session = posture_session_new_demo ((guint) n_environments, &error);
  if (session == NULL)
    {
      posture_window_show_error (self, error);
      return;
    }

  posture_window_set_session (self, session);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
}

static void
posture_window_cache_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(PostureWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cached;

  cached = posture_session_load_cache_finish (POSTURE_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      POSTURE_SESSION (object) != self->session)
    return;

  if (error != NULL && !g_error_matches (error, POSTURE_STORE_ERROR, POSTURE_STORE_ERROR_NOT_FOUND))
    posture_window_show_error (self, error);

  /* Opened on the last reading: read again in the background when asked to. */
  if (!cached || self->settings == NULL || g_settings_get_boolean (self->settings, "refresh-on-start"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
}

static void
posture_window_open_tenant_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(PostureWindow) self = user_data;
  g_autoptr(PostureSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = posture_session_new_for_tenant_finish (result, &error);
  if (session == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The tenant cannot be opened (no keyring, no stored sign-in): show the demo
       * and say why, so the window is never empty. */
      posture_window_show_error (self, error);
      posture_window_open_demo (self);
      return;
    }

  posture_window_set_session (self, session);
  posture_session_load_cache_async (session, self->cancellable, posture_window_cache_cb, g_object_ref (self));
}

/**
 * posture_window_open_tenant:
 * @tenant: (nullable): a signed-in tenant as typed, or %NULL / "" for the demo tenant
 *
 * Shows @tenant: its cached last reading at once, then a fresh read.
 */
void
posture_window_open_tenant (PostureWindow *self,
                            const char    *tenant)
{
  g_autoptr(PostureTokenStore) store = NULL;

  g_return_if_fail (POSTURE_IS_WINDOW (self));

  if (tenant == NULL || tenant[0] == '\0')
    {
      if (self->session == NULL || !posture_session_get_demo (self->session))
        posture_window_open_demo (self);
      return;
    }

  if (self->session != NULL &&
      g_strcmp0 (posture_session_get_tenant_key (self->session), tenant) == 0)
    return;

  store = posture_secret_token_store_new ();
  posture_session_new_for_tenant_async (store, tenant, self->cancellable,
                                        posture_window_open_tenant_cb, g_object_ref (self));
}

static void
on_active_tenant_changed_cb (PostureWindow *self)
{
  posture_window_open_tenant (self, posture_tenant_switcher_get_active_tenant (self->tenant_switcher));
}

/* A policy was changed from the Policies view: read the tenant again to show it. */
static void
on_policies_page_changed_cb (PostureWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.refresh", NULL);
}

static void
posture_window_update_snapshot (PostureWindow *self)
{
  PostureSnapshot *snapshot = self->session != NULL ? posture_session_get_snapshot (self->session) : NULL;

  posture_policies_page_set_snapshot (self->policies_page, snapshot);
}

/* A one-line summary of what changed since the reading before, or NULL when nothing did. */
static char *
posture_window_describe_diff (PostureDiff *diff)
{
  double delta = posture_diff_get_score_delta (diff);
  guint n_improved = posture_diff_get_n_improved (diff);
  guint n_regressed = posture_diff_get_n_regressed (diff);
  g_autofree char *score = NULL;
  g_autofree char *controls = NULL;

  if (n_improved == 0 && n_regressed == 0 && (isnan (delta) || fabs (delta) < 0.005))
    return NULL;

  if (isnan (delta) || fabs (delta) < 0.005)
    score = g_strdup (_("Score unchanged"));
  else if (delta > 0)
    /* Translators: the score rose by this many percentage points */
    score = g_strdup_printf (_("Score up %.1f points"), delta);
  else
    /* Translators: the score fell by this many percentage points */
    score = g_strdup_printf (_("Score down %.1f points"), -delta);

  if (n_improved == 0 && n_regressed == 0)
    return g_steal_pointer (&score);

  /* Translators: the second half of "Score up 3.2 points: 2 improved, 1 regressed" */
  controls = g_strdup_printf (_("%u improved, %u regressed"), n_improved, n_regressed);
  /* Translators: "<score change>: <controls that changed>" */
  return g_strdup_printf (_("%s: %s"), score, controls);
}

/* After each reading is recorded: what changed since the one before, as a toast with
 * a way to the History view, and as a desktop notification when the score dropped or a
 * control regressed while the window was not in front (a background refresh). */
static void
on_session_recorded_cb (PostureWindow *self)
{
  g_autoptr(PostureDiff) diff = NULL;
  g_autofree char *summary = NULL;
  GListModel *history;
  gboolean regressed;
  AdwToast *toast;

  if (self->session == NULL)
    return;

  history = posture_session_get_history (self->session);
  if (!POSTURE_IS_HISTORY (history))
    return;

  regressed = posture_history_latest_regressed (POSTURE_HISTORY (history), &diff);
  if (diff == NULL || !(summary = posture_window_describe_diff (diff)))
    return;

  toast = adw_toast_new (summary);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.view");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("history"));
  adw_toast_overlay_add_toast (self->toasts, toast);

  if (regressed && !gtk_window_is_active (GTK_WINDOW (self)))
    {
      g_autoptr(GNotification) notification = NULL;
      g_autoptr(GIcon) icon = NULL;
      GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      if (app == NULL)
        return;

      notification = g_notification_new (_("Security Posture Regressed"));
      g_notification_set_body (notification, summary);
      icon = g_themed_icon_new (APP_ID);
      g_notification_set_icon (notification, icon);
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_application_send_notification (app, "posture-regressed", notification);
    }
}

static void
posture_window_view_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  posture_window_set_view (POSTURE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
on_profile_changed_cb (PostureWindow *self)
{
  g_autofree char *profile_name = NULL;
  PostureProfile profile = POSTURE_PROFILE_ALL;

  if (self->session == NULL || self->settings == NULL)
    return;

  profile_name = g_settings_get_string (self->settings, "profile");
  if (posture_profile_from_string (profile_name, &profile))
    posture_session_set_profile (self->session, profile);
}

static void
posture_window_dispose (GObject *object)
{
  PostureWindow *self = (PostureWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
  if (self->progress_signals != NULL)
    g_signal_group_set_target (self->progress_signals, NULL);
  g_clear_object (&self->progress_signals);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_WINDOW);

  g_clear_object (&self->session);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (posture_window_parent_class)->dispose (object);
}

static void
posture_window_finalize (GObject *object)
{
  PostureWindow *self = (PostureWindow *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (posture_window_parent_class)->finalize (object);
}

static void
posture_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PostureWindow *self = POSTURE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_TRAINING_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PostureWindow *self = POSTURE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      posture_window_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_window_class_init (PostureWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = posture_window_dispose;
  object_class->finalize = posture_window_finalize;
  object_class->get_property = posture_window_get_property;
  object_class->set_property = posture_window_set_property;

  /**
   * PostureWindow:session:
   *
   * The tenant every view shows (nullable). The views bind it in the window's .ui.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, POSTURE_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * PostureWindow:training-library:
   *
   * The training modules (nullable), which the Training view binds in the window's .ui.
   */
  properties [PROP_TRAINING_LIBRARY] =
    g_param_spec_object ("training-library", NULL, NULL, POSTURE_TYPE_TRAINING_LIBRARY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  window_class->close_request = posture_window_close_request;

  g_type_ensure (POSTURE_TYPE_OVERVIEW_PAGE);
  g_type_ensure (POSTURE_TYPE_RECOMMENDATIONS_PAGE);
  g_type_ensure (POSTURE_TYPE_TRAINING_PAGE);
  g_type_ensure (POSTURE_TYPE_POLICIES_PAGE);
  g_type_ensure (POSTURE_TYPE_HISTORY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/posture/Posture/ui/posture-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, switcher_slot);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, tenant_box);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, tenant_label);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, read_progress);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, recommendations_page);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, training_page);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, policies_page);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, history_page);
  gtk_widget_class_bind_template_callback (widget_class, on_policies_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_overview_recommendation_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.view", "s", posture_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, posture_window_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, posture_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, posture_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.confirm-fix", "s", posture_window_confirm_fix_action);
  gtk_widget_class_install_action (widget_class, "win.fix", "s", posture_window_fix_action);
  gtk_widget_class_install_action (widget_class, "win.reset-demo", NULL, posture_window_reset_demo_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, posture_window_sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.learn", "s", posture_window_learn_action);
  gtk_widget_class_install_action (widget_class, "win.show-recommendation", "s",
                                   posture_window_show_recommendation_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.view", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.view", "s", "recommendations");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.view", "s", "policies");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.view", "s", "training");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.view", "s", "history");
}

static void
posture_window_init (PostureWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (POSTURE_TYPE_SESSION);
  self->progress_signals = g_signal_group_new (POSTURE_TYPE_TENANT_PROGRESS);
  g_signal_group_connect_swapped (self->progress_signals, "notify::done",
                                  G_CALLBACK (on_progress_changed_cb), self);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (posture_window_update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (posture_window_update), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::title",
                                  G_CALLBACK (posture_window_update), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::assessment",
                                  G_CALLBACK (posture_window_update), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::snapshot",
                                  G_CALLBACK (posture_window_update_snapshot), self);
  g_signal_group_connect_swapped (self->session_signals, "recorded",
                                  G_CALLBACK (on_session_recorded_cb), self);

  /* Module titles for "Learn how"; a damaged built-in library is a build problem. */
  self->library = posture_training_library_new ();
  if (!posture_training_library_load_builtin (self->library, &error))
    {
      g_warning ("Cannot load the training library: %s", error->message);
      g_clear_object (&self->library);
    }
  posture_recommendations_page_set_training_library (self->recommendations_page, self->library);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRAINING_LIBRARY]);

  posture_window_update (self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

PostureWindow *
posture_window_new (PostureApplication *application)
{
  PostureWindow *self;

  g_return_val_if_fail (POSTURE_IS_APPLICATION (application), NULL);

  self = g_object_new (POSTURE_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (posture_application_get_settings (application));
  g_signal_connect_object (self->settings, "changed::profile",
                           G_CALLBACK (on_profile_changed_cb), self, G_CONNECT_SWAPPED);

  self->tenant_switcher = posture_tenant_switcher_new (self->settings, NULL);
  gtk_box_append (self->switcher_slot, GTK_WIDGET (self->tenant_switcher));
  g_signal_connect_object (self->tenant_switcher, "notify::active-tenant",
                           G_CALLBACK (on_active_tenant_changed_cb), self, G_CONNECT_SWAPPED);
  posture_window_update (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  return self;
}

void
posture_window_set_view (PostureWindow *self,
                         const char    *view_name)
{
  g_return_if_fail (POSTURE_IS_WINDOW (self));
  g_return_if_fail (view_name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, view_name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, view_name);
}

const char *
posture_window_get_view (PostureWindow *self)
{
  g_return_val_if_fail (POSTURE_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * posture_window_set_session:
 * @session: (nullable): the tenant to show
 *
 * Shows @session in every view. The caller starts a read (win.refresh) if needed.
 */
void
posture_window_set_session (PostureWindow  *self,
                            PostureSession *session)
{
  g_return_if_fail (POSTURE_IS_WINDOW (self));
  g_return_if_fail (!session || POSTURE_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->progress_signals,
                             session != NULL ? posture_session_get_progress (session) : NULL);
  on_profile_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
  posture_policies_page_set_client (self->policies_page,
                                    session != NULL ? posture_session_get_client (session) : NULL);
  posture_window_update_snapshot (self);
  posture_window_update (self);
}

PostureSession *
posture_window_get_session (PostureWindow *self)
{
  g_return_val_if_fail (POSTURE_IS_WINDOW (self), NULL);

  return self->session;
}

PostureOverviewPage *
posture_window_get_overview_page (PostureWindow *self)
{
  g_return_val_if_fail (POSTURE_IS_WINDOW (self), NULL);

  return self->overview_page;
}

PostureRecommendationsPage *
posture_window_get_recommendations_page (PostureWindow *self)
{
  g_return_val_if_fail (POSTURE_IS_WINDOW (self), NULL);

  return self->recommendations_page;
}

void
posture_window_add_toast (PostureWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (POSTURE_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toasts, toast);
}
