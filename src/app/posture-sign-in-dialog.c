/* posture-sign-in-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-sign-in-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-sign-in-dialog.h"
#include "posture-list-row.h"
#include "posture-markdown-view.h"

struct _PostureSignInDialog
{
  AdwWindow           parent_instance;

  /* Owned */
  GSettings          *settings;
  PostureTokenStore  *store;
  GCancellable       *cancellable;      /* replaced per attempt, cancelled in dispose */
  PostureOAuth       *oauth;            /* the attempt in progress or done */
  PostureDeviceCode  *code;             /* while a device code is shown */
  char               *tenant;           /* as typed, trimmed */
  char               *error_text;
  PostureHttpOptions  options;
  PostureSignInMode   mode;
  guint               has_options : 1;
  guint               busy : 1;

  /* Template children */
  AdwToastOverlay    *toasts;
  GtkStack           *stack;
  GtkButton          *sign_in_button;
  GtkToggleButton    *device_mode_button;
  GtkToggleButton    *secret_mode_button;
  GtkLabel           *mode_description;
  AdwEntryRow        *tenant_row;
  AdwEntryRow        *client_id_row;
  AdwPasswordEntryRow *secret_row;
  AdwComboRow        *cloud_row;
  AdwExpanderRow     *advanced_row;
  AdwEntryRow        *api_base_row;
  GtkLabel           *form_error_label;
  GtkLabel           *working_label;
  GtkLabel           *uri_label;
  GtkLabel           *code_label;
  GtkLabel           *message_label;
  GtkSpinner         *state_spinner;
  GtkLabel           *state_label;
  GtkButton          *retry_button;
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PostureSignInDialog, posture_sign_in_dialog, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

/* Positions of the cloud combo row (same order as the Preferences window). */
static const char * const cloud_values[] = { "public", "gcc", "gcc-high", "dod", "china", NULL };

static gboolean
tenant_is_plausible (const char *tenant)
{
  gsize len = strlen (tenant);

  /* A GUID or a DNS domain name: letters, digits, dots and hyphens. It ends up in a
   * URL path, so nothing else is let through. */
  if (len == 0 || len > 253)
    return FALSE;

  for (const char *p = tenant; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
        return FALSE;
    }

  return tenant[0] != '.' && tenant[0] != '-' && strstr (tenant, "..") == NULL;
}

static gboolean
client_id_is_plausible (const char *client_id)
{
  gsize len = strlen (client_id);

  /* Application (client) ids are GUIDs; accept any hex-and-hyphen token of that size. */
  if (len < 8 || len > 64)
    return FALSE;

  for (const char *p = client_id; *p; p++)
    {
      if (!g_ascii_isxdigit (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static char *
dup_trimmed (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
posture_sign_in_dialog_set_error (PostureSignInDialog *self,
                                  const char          *text)
{
  g_assert (POSTURE_IS_SIGN_IN_DIALOG (self));

  if (g_strcmp0 (self->error_text, text) != 0)
    {
      g_free (self->error_text);
      self->error_text = g_strdup (text);
    }

  gtk_label_set_text (self->form_error_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), text != NULL);
}

static void
posture_sign_in_dialog_update_actions (PostureSignInDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean on_form = g_strcmp0 (page, "form") == 0;
  gboolean have_code = self->code != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", on_form && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), on_form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.copy-code", have_code);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.open-browser", have_code);
}

static void
posture_sign_in_dialog_show_form (PostureSignInDialog *self)
{
  self->busy = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "form");
  posture_sign_in_dialog_update_actions (self);
}

static void
posture_sign_in_dialog_fail (PostureSignInDialog *self,
                             const GError        *error)
{
  g_autofree char *text = posture_error_to_text (error);

  /* Core messages are developer text without secrets; keep them for debugging. */
  g_debug ("Sign-in failed: %s", error->message);

  posture_sign_in_dialog_set_error (self, text);
  posture_sign_in_dialog_show_form (self);
}

static void
posture_sign_in_dialog_update_mode (PostureSignInDialog *self)
{
  gboolean secret = self->mode == POSTURE_SIGN_IN_MODE_SERVICE_PRINCIPAL;

  gtk_toggle_button_set_active (self->device_mode_button, !secret);
  gtk_toggle_button_set_active (self->secret_mode_button, secret);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), secret);

  if (secret)
    gtk_label_set_text (self->mode_description,
                        _("Sign in as an app registration with its client secret. The secret is "
                           "kept only in your keyring."));
  else
    gtk_label_set_text (
        self->mode_description,
        _("Sign in with your administrator account in a web browser, on this or another device."));
}

static void
on_mode_toggled_cb (PostureSignInDialog *self,
                    GtkToggleButton     *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  self->mode = button == self->secret_mode_button ? POSTURE_SIGN_IN_MODE_SERVICE_PRINCIPAL
                                                  : POSTURE_SIGN_IN_MODE_DEVICE_CODE;
  posture_sign_in_dialog_update_mode (self);
}

static void
posture_sign_in_dialog_update_code_state (PostureSignInDialog *self)
{
  PostureDeviceCodeState state;

  if (self->code == NULL)
    return;

  state = posture_device_code_get_state (self->code);

  switch (state)
    {
    case POSTURE_DEVICE_CODE_STATE_WAITING:
    case POSTURE_DEVICE_CODE_STATE_POLLING:
      gtk_label_set_text (self->state_label, _("Waiting for you to sign in…"));
      gtk_spinner_set_spinning (self->state_spinner, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
      break;

    case POSTURE_DEVICE_CODE_STATE_SIGNED_IN:
      gtk_label_set_text (self->state_label, _("Signed in"));
      gtk_spinner_set_spinning (self->state_spinner, FALSE);
      break;

    case POSTURE_DEVICE_CODE_STATE_FAILED:
    default:
      /* The text comes with the poll's error (poll_device_code_cb). */
      gtk_spinner_set_spinning (self->state_spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
      break;
    }
}

static void
on_code_state_changed_cb (PostureSignInDialog *self,
                          GParamSpec          *pspec,
                          PostureDeviceCode   *code)
{
  posture_sign_in_dialog_update_code_state (self);
}

static void
posture_sign_in_dialog_succeed (PostureSignInDialog *self)
{
  g_auto(GStrv) tenants = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  gboolean found = FALSE;

  g_assert (POSTURE_IS_SIGN_IN_DIALOG (self));
  g_assert (self->oauth != NULL);

  /* Only the tenant's identifier goes to GSettings; credentials are in the store. */
  tenants = g_settings_get_strv (self->settings, "tenants");
  builder = g_strv_builder_new ();
  for (guint i = 0; tenants[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (tenants[i], self->tenant) == 0)
        found = TRUE;
      g_strv_builder_add (builder, tenants[i]);
    }
  if (!found)
    g_strv_builder_add (builder, self->tenant);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "tenants", (const char * const *) updated);

  self->busy = FALSE;

  g_signal_emit (self, signals [SIGNED_IN], 0, self->tenant, self->oauth);

  gtk_window_close (GTK_WINDOW (self));
}

static void
poll_device_code_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PostureSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!posture_oauth_poll_device_code_finish (POSTURE_OAUTH (object), result, &error))
    {
      g_autoptr(GDateTime) now = NULL;
      GDateTime *expires_at;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Device-code sign-in failed: %s", error->message);

      self->busy = FALSE;
      gtk_spinner_set_spinning (self->state_spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);

      now = g_date_time_new_now_utc ();
      expires_at = self->code ? posture_device_code_get_expires_at (self->code) : NULL;

      if (g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_DECLINED))
        {
          if (expires_at != NULL && g_date_time_compare (now, expires_at) >= 0)
            {
              g_free (self->error_text);
              self->error_text = g_strdup (_("Code expired"));
              gtk_label_set_text (self->state_label,
                                  _("Code expired. Start again to get a new code."));
            }
          else
            {
              g_free (self->error_text);
              self->error_text = g_strdup (_("Declined"));
              gtk_label_set_text (self->state_label,
                                  _("Declined. The sign-in was declined or the code is no longer "
                                     "valid; start again to get a new code."));
            }
        }
      else
        {
          g_autofree char *text = posture_error_to_text (error);

          g_free (self->error_text);
          self->error_text = g_strdup (text);
          gtk_label_set_text (self->state_label, text);
        }

      posture_sign_in_dialog_update_actions (self);
      return;
    }

  posture_sign_in_dialog_succeed (self);
}

static void
request_device_code_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(PostureSignInDialog) self = user_data;
  g_autoptr(PostureDeviceCode) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *uri_text = NULL;
  const char *uri;

  code = posture_oauth_request_device_code_finish (POSTURE_OAUTH (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (code == NULL)
    {
      posture_sign_in_dialog_fail (self, error);
      return;
    }

  g_set_object (&self->code, code);
  g_signal_connect_object (code, "notify::state",
                           G_CALLBACK (on_code_state_changed_cb), self, G_CONNECT_SWAPPED);

  uri = posture_device_code_get_verification_uri (code);
  /* Translators: %s is the web address where the code is entered. */
  uri_text = g_strdup_printf (_("Open %s in a web browser and enter this code:"), uri ? uri : "");
  gtk_label_set_text (self->uri_label, uri_text);
  gtk_label_set_text (self->code_label, posture_device_code_get_user_code (code));

  if (posture_device_code_get_expires_at (code) != NULL)
    {
      local = g_date_time_to_local (posture_device_code_get_expires_at (code));
      /* Translators: %s is a time of day, e.g. 14:05. */
      time_text = g_date_time_format (local, _("The code is valid until %H:%M."));
    }
  gtk_label_set_text (self->message_label, time_text ? time_text : "");

  gtk_stack_set_visible_child_name (self->stack, "device-code");
  posture_sign_in_dialog_update_code_state (self);
  posture_sign_in_dialog_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_label));

  posture_oauth_poll_device_code_async (self->oauth, code, self->cancellable,
                                        poll_device_code_cb, g_object_ref (self));
}

static void
sign_in_with_secret_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(PostureSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!posture_oauth_sign_in_with_secret_finish (POSTURE_OAUTH (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      posture_sign_in_dialog_fail (self, error);
      return;
    }

  posture_sign_in_dialog_succeed (self);
}

static void
posture_sign_in_dialog_reset_attempt (PostureSignInDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->code != NULL)
    g_signal_handlers_disconnect_by_data (self->code, self);
  g_clear_object (&self->code);
  g_clear_object (&self->oauth);
}

void
posture_sign_in_dialog_sign_in (PostureSignInDialog *self)
{
  g_autoptr(PostureEndpoints) endpoints = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *api_base = NULL;
  const char *cloud;
  guint cloud_pos;

  g_return_if_fail (POSTURE_IS_SIGN_IN_DIALOG (self));

  if (self->busy)
    return;

  tenant = dup_trimmed (GTK_EDITABLE (self->tenant_row));
  client_id = dup_trimmed (GTK_EDITABLE (self->client_id_row));
  api_base = dup_trimmed (GTK_EDITABLE (self->api_base_row));

  if (!tenant_is_plausible (tenant))
    {
      posture_sign_in_dialog_set_error (
          self, tenant [0] == '\0' ?
                    _("Enter the tenant ID or its domain, such as contoso.onmicrosoft.com.") :
                    _("The tenant must be a tenant ID (a GUID) or a domain such as "
                       "contoso.onmicrosoft.com."));
      gtk_widget_grab_focus (GTK_WIDGET (self->tenant_row));
      return;
    }

  if (!client_id_is_plausible (client_id))
    {
      posture_sign_in_dialog_set_error (
          self, client_id [0] == '\0' ?
                    _("Enter the application (client) ID of your app registration.") :
                    _("The client ID must be the application ID of an app registration, a GUID "
                       "such as 00000000-0000-0000-0000-000000000000."));
      gtk_widget_grab_focus (GTK_WIDGET (self->client_id_row));
      return;
    }

  if (self->mode == POSTURE_SIGN_IN_MODE_SERVICE_PRINCIPAL &&
      gtk_editable_get_text (GTK_EDITABLE (self->secret_row))[0] == '\0')
    {
      posture_sign_in_dialog_set_error (self,
                                        _("Enter the client secret of the app registration."));
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
      return;
    }

  cloud_pos = adw_combo_row_get_selected (self->cloud_row);
  cloud = cloud_pos < G_N_ELEMENTS (cloud_values) - 1 ? cloud_values[cloud_pos] : "public";

  /* An API base maps every service to one origin: the custom cloud. */
  if (api_base[0] != '\0')
    endpoints = posture_endpoints_new ("custom", api_base, &error);
  else
    endpoints = posture_endpoints_new (cloud, NULL, &error);
  if (endpoints == NULL)
    {
      g_debug ("Rejected API base: %s", error->message);
      posture_sign_in_dialog_set_error (self, _("The API base must be an https:// address without "
                                                 "a path (http:// only for this computer)."));
      adw_expander_row_set_expanded (self->advanced_row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->api_base_row));
      return;
    }

  posture_sign_in_dialog_reset_attempt (self);
  posture_sign_in_dialog_set_error (self, NULL);

  g_free (self->tenant);
  self->tenant = g_strdup (tenant);
  self->oauth = posture_oauth_new (endpoints, tenant, client_id, self->store,
                                   self->has_options ? &self->options : NULL);
  self->busy = TRUE;

  gtk_stack_set_visible_child_name (self->stack, "working");

  if (self->mode == POSTURE_SIGN_IN_MODE_SERVICE_PRINCIPAL)
    {
      g_autofree char *secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->secret_row)));

      /* The secret stays in the entry no longer than needed. */
      gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
      gtk_label_set_text (self->working_label, _("Checking the client secret…"));
      posture_oauth_sign_in_with_secret_async (self->oauth, secret, self->cancellable,
                                               sign_in_with_secret_cb, g_object_ref (self));
      memset (secret, 0, strlen (secret));
    }
  else
    {
      gtk_label_set_text (self->working_label, _("Requesting a sign-in code…"));
      posture_oauth_request_device_code_async (self->oauth, self->cancellable,
                                               request_device_code_cb, g_object_ref (self));
    }

  posture_sign_in_dialog_update_actions (self);
}

static void
posture_sign_in_dialog_sign_in_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  posture_sign_in_dialog_sign_in (POSTURE_SIGN_IN_DIALOG (widget));
}

static void
on_entry_activated_cb (PostureSignInDialog *self,
                       AdwEntryRow         *row)
{
  posture_sign_in_dialog_sign_in (self);
}

static void
posture_sign_in_dialog_copy_code_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  PostureSignInDialog *self = POSTURE_SIGN_IN_DIALOG (widget);

  if (self->code == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          posture_device_code_get_user_code (self->code));
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Code copied")));
}

static void
posture_sign_in_dialog_open_browser_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  PostureSignInDialog *self = POSTURE_SIGN_IN_DIALOG (widget);
  g_autofree char *scheme = NULL;
  const char *uri;

  if (self->code == NULL)
    return;

  uri = posture_device_code_get_verification_uri (self->code);
  scheme = uri ? g_uri_parse_scheme (uri) : NULL;

  /* The address comes from the network: open only web pages. */
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (_(
                                       "The sign-in address is not a web page; open it yourself")));
      return;
    }

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
posture_sign_in_dialog_help_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  PostureSignInDialog *self = POSTURE_SIGN_IN_DIALOG (widget);

  gtk_stack_set_visible_child_name (self->stack, "help");
  posture_sign_in_dialog_update_actions (self);
}

static void
posture_sign_in_dialog_back_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  posture_sign_in_dialog_show_form (POSTURE_SIGN_IN_DIALOG (widget));
}

static void
posture_sign_in_dialog_retry_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  PostureSignInDialog *self = POSTURE_SIGN_IN_DIALOG (widget);

  posture_sign_in_dialog_reset_attempt (self);
  posture_sign_in_dialog_set_error (self, NULL);
  posture_sign_in_dialog_show_form (self);
}

static void
posture_sign_in_dialog_unmap (GtkWidget *widget)
{
  PostureSignInDialog *self = (PostureSignInDialog *) widget;

  /* Closing the dialog (Cancel, Escape, destroy) stops the attempt at once: the
   * pending callbacks return on G_IO_ERROR_CANCELLED and drop their references. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (posture_sign_in_dialog_parent_class)->unmap (widget);
}

static void
posture_sign_in_dialog_dispose (GObject *object)
{
  PostureSignInDialog *self = (PostureSignInDialog *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->code != NULL)
    g_signal_handlers_disconnect_by_data (self->code, self);
  g_clear_object (&self->code);
  g_clear_object (&self->oauth);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_SIGN_IN_DIALOG);

  G_OBJECT_CLASS (posture_sign_in_dialog_parent_class)->dispose (object);
}

static void
posture_sign_in_dialog_finalize (GObject *object)
{
  PostureSignInDialog *self = (PostureSignInDialog *) object;

  g_clear_pointer (&self->tenant, g_free);
  g_clear_pointer (&self->error_text, g_free);

  G_OBJECT_CLASS (posture_sign_in_dialog_parent_class)->finalize (object);
}

static void
posture_sign_in_dialog_class_init (PostureSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = posture_sign_in_dialog_dispose;
  object_class->finalize = posture_sign_in_dialog_finalize;

  widget_class->unmap = posture_sign_in_dialog_unmap;

  /**
   * PostureSignInDialog::signed-in:
   * @tenant: the tenant as typed (GUID or domain)
   * @oauth: the signed-in PostureOAuth, ready for a PostureTenantClient
   */
  signals [SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, POSTURE_TYPE_OAUTH);

  g_type_ensure (POSTURE_TYPE_LIST_ROW);
  g_type_ensure (POSTURE_TYPE_MARKDOWN_VIEW);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, device_mode_button);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, secret_mode_button);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, mode_description);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, tenant_row);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, cloud_row);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, api_base_row);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, form_error_label);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, working_label);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, uri_label);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, state_spinner);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, state_label);
  gtk_widget_class_bind_template_child (widget_class, PostureSignInDialog, retry_button);
  /* Reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "help_view", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL,
                                   posture_sign_in_dialog_sign_in_action);
  gtk_widget_class_install_action (widget_class, "sign-in.copy-code", NULL,
                                   posture_sign_in_dialog_copy_code_action);
  gtk_widget_class_install_action (widget_class, "sign-in.open-browser", NULL,
                                   posture_sign_in_dialog_open_browser_action);
  gtk_widget_class_install_action (widget_class, "sign-in.retry", NULL,
                                   posture_sign_in_dialog_retry_action);
  gtk_widget_class_install_action (widget_class, "sign-in.help", NULL,
                                   posture_sign_in_dialog_help_action);
  gtk_widget_class_install_action (widget_class, "sign-in.back", NULL,
                                   posture_sign_in_dialog_back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
posture_sign_in_dialog_init (PostureSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mode = POSTURE_SIGN_IN_MODE_DEVICE_CODE;
  posture_sign_in_dialog_update_mode (self);

  if (POSTURE_DEFAULT_CLIENT_ID[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), POSTURE_DEFAULT_CLIENT_ID);

  posture_sign_in_dialog_show_form (self);
}

/**
 * posture_sign_in_dialog_new:
 * @parent: (nullable): the window the dialog is modal for
 * @settings: the application's settings (cloud, tenants)
 * @store: (nullable): where credentials go; NULL: the Secret Service
 *
 * Returns: (transfer full): a new dialog, not yet shown
 */
PostureSignInDialog *
posture_sign_in_dialog_new (GtkWindow         *parent,
                            GSettings         *settings,
                            PostureTokenStore *store)
{
  PostureSignInDialog *self;
  g_autofree char *cloud = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!store || POSTURE_IS_TOKEN_STORE (store), NULL);

  self = g_object_new (POSTURE_TYPE_SIGN_IN_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);
  self->store = store ? g_object_ref (store) : posture_secret_token_store_new ();

  cloud = g_settings_get_string (settings, "cloud");
  for (guint i = 0; cloud_values[i] != NULL; i++)
    {
      if (g_str_equal (cloud_values[i], cloud))
        adw_combo_row_set_selected (self->cloud_row, i);
    }

  return self;
}

void
posture_sign_in_dialog_set_tenant (PostureSignInDialog *self,
                                   const char          *tenant)
{
  g_return_if_fail (POSTURE_IS_SIGN_IN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->tenant_row), tenant ? tenant : "");
}

void
posture_sign_in_dialog_set_client_id (PostureSignInDialog *self,
                                      const char          *client_id)
{
  g_return_if_fail (POSTURE_IS_SIGN_IN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id ? client_id : "");
}

void
posture_sign_in_dialog_set_api_base (PostureSignInDialog *self,
                                     const char          *api_base)
{
  g_return_if_fail (POSTURE_IS_SIGN_IN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->api_base_row), api_base ? api_base : "");
  if (api_base != NULL && api_base[0] != '\0')
    adw_expander_row_set_expanded (self->advanced_row, TRUE);
}

void
posture_sign_in_dialog_set_mode (PostureSignInDialog *self,
                                 PostureSignInMode    mode)
{
  g_return_if_fail (POSTURE_IS_SIGN_IN_DIALOG (self));

  self->mode = mode;
  posture_sign_in_dialog_update_mode (self);
}

void
posture_sign_in_dialog_set_http_options (PostureSignInDialog      *self,
                                         const PostureHttpOptions *options)
{
  g_return_if_fail (POSTURE_IS_SIGN_IN_DIALOG (self));

  self->has_options = options != NULL;
  if (options != NULL)
    self->options = *options;
}

/**
 * posture_sign_in_dialog_get_device_code:
 *
 * Returns: (transfer none) (nullable): the device code being shown
 */
PostureDeviceCode *
posture_sign_in_dialog_get_device_code (PostureSignInDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_SIGN_IN_DIALOG (self), NULL);

  return self->code;
}

const char *
posture_sign_in_dialog_get_error_text (PostureSignInDialog *self)
{
  g_return_val_if_fail (POSTURE_IS_SIGN_IN_DIALOG (self), NULL);

  return self->error_text;
}
