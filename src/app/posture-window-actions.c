/* posture-window-actions.c: what the window does (its actions and their shortcuts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-window"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-export.h"
#include "posture-fix-dialog.h"
#include "posture-labels.h"
#include "posture-sign-in-dialog.h"
#include "posture-window-private.h"

#define RESET_RESPONSE "reset"

/* Views */

static void
posture_window_view_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);

  posture_window_set_view (self, g_variant_get_string (parameter, NULL));
  /* Focus would otherwise fall on the first button of the view (Sign In on the demo's
   * Overview), where a stray Enter acts; Tab starts from the top instead. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

/* Ctrl+F: the search of the view in front, where it has one: every view with a search
 * (Recommendations, Policies, Training) answers "<view>.search" the same way, by
 * showing its list and focusing its search field. */
static void
posture_window_search_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);
  g_autofree char *view_action = g_strconcat (posture_window_get_view (self), ".search", NULL);
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);

  if (page != NULL)
    gtk_widget_activate_action (page, view_action, NULL);
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
posture_window_next_recommendation_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);

  posture_window_set_view (self, "recommendations");
  gtk_widget_activate_action (GTK_WIDGET (self->recommendations_page), "recommendations.next",
                              NULL);
}

/* Ctrl+Return and Ctrl+T act on the control shown in Recommendations. */
static void
posture_window_recommendation_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);

  if (g_strcmp0 (posture_window_get_view (self), "recommendations") != 0)
    return;

  if (g_str_equal (action_name, "win.fix-shown"))
    gtk_widget_activate_action (GTK_WIDGET (self->recommendations_page), "recommendations.fix",
                                NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->recommendations_page), "recommendations.simulate",
                                NULL);
}

/* Reading */

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

/* Fixing */

/* The controls whose status or points differ between two readings, by title. */
static GPtrArray *
moved_controls (PostureAssessment *before,
                PostureAssessment *after)
{
  GPtrArray *titles = g_ptr_array_new ();
  GListModel *controls = posture_assessment_get_controls (after);
  guint n = g_list_model_get_n_items (controls);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureControlResult) now = g_list_model_get_item (controls, i);
      PostureControlResult *then =
          posture_assessment_lookup (before, posture_control_result_get_id (now));

      if (then == NULL ||
          posture_control_result_get_status (then) != posture_control_result_get_status (now) ||
          posture_control_result_get_earned (then) != posture_control_result_get_earned (now))
        g_ptr_array_add (titles, (gpointer) posture_control_get_title (
                                     posture_control_result_get_control (now)));
    }

  return titles;
}

/* One toast per fix: the control, whether the service shows the change, the score
 * before and after, and every control the change moved. */
static char *
describe_fix (PostureAssessment *before,
              PostureAssessment *after,
              const char        *control_id,
              PostureStatus      status)
{
  PostureControlResult *fixed = posture_assessment_lookup (after, control_id);
  const char *title = fixed != NULL ?
                          posture_control_get_title (posture_control_result_get_control (fixed)) :
                          control_id;
  g_autoptr(GPtrArray) moved = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  PostureScore score_before;
  PostureScore score_after;
  GString *text = g_string_new (NULL);

  posture_assessment_get_score (before, &score_before);
  posture_assessment_get_score (after, &score_after);
  from = posture_format_percent (score_before.percent);
  to = posture_format_percent (score_after.percent);

  if (status == POSTURE_STATUS_PASS)
    /* Translators: a toast after a fix; "“Turn on auditing” fixed: score 35 % → 41 %." */
    g_string_append_printf (text, _("“%s” fixed: score %s → %s."), title, from, to);
  else
    /* Translators: a toast; the status is "Partly passing", then the scores */
    g_string_append_printf (
        text, _("“%s” written, still %s after reading the tenant again: score %s → %s."), title,
        posture_status_label (status), from, to);

  moved = moved_controls (before, after);
  g_ptr_array_remove (moved, (gpointer) title);
  if (moved->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (moved, NULL);
      names = g_strjoinv (_(", "), (GStrv) moved->pdata);
      g_string_append_c (text, ' ');
      /* Translators: the other controls a fix changed, by title */
      g_string_append_printf (text, _("Also moved: %s."), names);
    }

  return g_string_free (text, FALSE);
}

/* The dialog carried the fix out and the tenant was read again: one toast says what
 * it moved (the reading's own toast is not added). */
static void
on_fix_dialog_finished_cb (PostureWindow    *self,
                           PostureStatus     status,
                           PostureFixDialog *dialog)
{
  PostureAssessment *before = posture_fix_dialog_get_assessment (dialog);
  PostureAssessment *after;
  g_autofree char *text = NULL;

  if (self->session == NULL || (after = posture_session_get_assessment (self->session)) == NULL ||
      before == NULL || after == before)
    return;

  self->quiet_reading = TRUE;
  text = describe_fix (before, after, posture_fix_dialog_get_control_id (dialog), status);
  _posture_window_toast (self, text);
}

/**
 * posture_window_confirm_fix:
 * @control_id: the control to fix
 *
 * Opens the Fix dialog: the plan, then (on Fix) the progress and every resource's
 * outcome.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when there is nothing to
 *   fix through the API (a toast says so)
 */
PostureFixDialog *
posture_window_confirm_fix (PostureWindow *self,
                            const char    *control_id)
{
  PostureFixDialog *dialog;

  g_return_val_if_fail (POSTURE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  if (self->session == NULL)
    return NULL;

  dialog = posture_fix_dialog_new (GTK_WINDOW (self), self->session, control_id);
  if (dialog == NULL)
    {
      _posture_window_toast (self, _("Nothing left to fix through the API for this control."));
      return NULL;
    }

  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_fix_dialog_finished_cb), self,
                           G_CONNECT_SWAPPED);
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

/* The demo */

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

  _posture_window_toast (self,
                         _("The demo tenant is back at its starting point, with a new history."));
}

static void
on_reset_dialog_response_cb (PostureWindow    *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, RESET_RESPONSE) != 0 || self->session == NULL ||
      !posture_session_get_demo (self->session) || posture_session_get_busy (self->session))
    return;

  /* Nothing said about the last workshop stays on screen. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  self->quiet_reading = FALSE;

  posture_session_reset_demo_async (self->session, self->cancellable,
                                    posture_window_reset_demo_cb, g_object_ref (self));
}

static void
posture_window_reset_demo_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);
  GtkWidget *dialog;

  if (self->session == NULL || !posture_session_get_demo (self->session))
    return;

  dialog = adw_message_dialog_new (
      GTK_WINDOW (self), _("Reset the Demo Tenant?"),
      _("Every fix and decision made on the demo tenant is undone, and its "
         "score history starts again. Your own tenants are not touched."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    RESET_RESPONSE, _("_Reset Demo"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), RESET_RESPONSE,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Signing in, training, export */

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
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_signed_in_cb), self,
                           G_CONNECT_SWAPPED);
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
    _posture_window_toast (self, _("This training module is not in the library."));
}

static void
posture_window_export_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PostureWindow *self = POSTURE_WINDOW (widget);
  PostureAssessment *assessment;

  if (self->session == NULL ||
      (assessment = posture_session_get_assessment (self->session)) == NULL)
    return;

  posture_export_run_full (GTK_WINDOW (self), assessment,
                           posture_session_get_snapshot (self->session),
                           posture_session_get_history (self->session));
}

void
_posture_window_class_actions_init (PostureWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.view", "s", posture_window_view_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL,
                                   posture_window_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, posture_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, posture_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.confirm-fix", "s",
                                   posture_window_confirm_fix_action);
  gtk_widget_class_install_action (widget_class, "win.reset-demo", NULL,
                                   posture_window_reset_demo_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL,
                                   posture_window_sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.learn", "s", posture_window_learn_action);
  gtk_widget_class_install_action (widget_class, "win.show-recommendation", "s",
                                   posture_window_show_recommendation_action);
  gtk_widget_class_install_action (widget_class, "win.next-recommendation", NULL,
                                   posture_window_next_recommendation_action);
  gtk_widget_class_install_action (widget_class, "win.fix-shown", NULL,
                                   posture_window_recommendation_action);
  gtk_widget_class_install_action (widget_class, "win.simulate-shown", NULL,
                                   posture_window_recommendation_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.next-recommendation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.fix-shown", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.fix-shown", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.simulate-shown", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.view", "s",
                                       "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.view", "s",
                                       "recommendations");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.view", "s",
                                       "policies");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.view", "s",
                                       "training");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.view", "s",
                                       "history");
}
