/* posture-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-window"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-catalog.h"
#include "posture-demo-server.h"
#include "posture-diff.h"
#include "posture-error.h"
#include "posture-history.h"
#include "posture-labels.h"
#include "posture-window-private.h"

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

gboolean
_posture_window_get_workshop (PostureWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return POSTURE_IS_APPLICATION (app) &&
         posture_application_get_workshop (POSTURE_APPLICATION (app));
}

/* One toast at a time: a new one replaces what was said before, so that the screen
 * never shows an older score under a newer one. Takes @toast. */
void
_posture_window_show_toast (PostureWindow *self,
                            AdwToast      *toast)
{
  const char *title = adw_toast_get_title (toast);

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_weak_pointer (&self->toast, toast);

  /* What a fix or a reading moved can be long, and its end (the score, what else moved)
   * matters most: the text wraps instead of ending in "…", and it is plain text (a
   * toast's own title is markup, and control titles may hold an "&"). */
  if (title != NULL && adw_toast_get_custom_title (toast) == NULL)
    {
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      adw_toast_set_custom_title (toast, label);
    }

  /* A presenter talks over it: longer in workshop mode. */
  adw_toast_set_timeout (toast, _posture_window_get_workshop (self) ? 10 : 5);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

void
_posture_window_toast (PostureWindow *self,
                       const char    *text)
{
  _posture_window_show_toast (self, adw_toast_new (text));
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
                                   posture_tenant_progress_get_fraction (
                                       posture_session_get_progress (self->session)));

  return G_SOURCE_REMOVE;
}

static void
on_progress_changed_cb (PostureWindow *self)
{
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (250, posture_window_progress_timeout_cb, self);
}

/* Updates what depends on the session: title, busy state, enabled actions. */
void
_posture_window_update (PostureWindow *self)
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
                                              posture_session_get_tenant_key (self->session),
                                              title);
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
                                   posture_tenant_progress_get_fraction (
                                       posture_session_get_progress (self->session)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->session != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-demo", demo && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.confirm-fix",
                                 self->session != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 self->session != NULL &&
                                     posture_session_get_assessment (self->session) != NULL);
}

void
posture_window_show_error (PostureWindow *self,
                           const GError  *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (POSTURE_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_debug ("%s", error->message);
  /* A toast is one line: the title and what to do, without the details. */
  /* Translators: a toast for an error: its title, then what to do */
  text = g_strdup_printf (_("%s. %s"), posture_error_get_title (error),
                          posture_error_get_advice (error));
  _posture_window_toast (self, text);
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
  const char *faults = g_getenv ("POSTURE_DEMO_FAULTS");
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

  /* POSTURE_DEMO_FAULTS slows or troubles the demo service the same way, e.g.
   * "latency=300ms" for screenshots of a fix in progress (posture_demo_server_set_faults). */
  if (faults != NULL &&
      !posture_demo_server_set_faults (posture_session_get_demo_server (session), faults, &error))
    {
      g_warning ("POSTURE_DEMO_FAULTS: %s", error->message);
      g_clear_error (&error);
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
  if (!cached || self->settings == NULL ||
      g_settings_get_boolean (self->settings, "refresh-on-start"))
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
  posture_session_load_cache_async (session, self->cancellable, posture_window_cache_cb,
                                    g_object_ref (self));
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

/* Workshop mode turned on while the window is open (Preferences, or `posture --workshop`
 * again): the demo tenant, as at a start in workshop mode. Turned off, the window stays
 * where it is; the tenant switcher goes back. */
static void
on_workshop_changed_cb (PostureWindow *self)
{
  if (_posture_window_get_workshop (self))
    posture_window_open_tenant (self, NULL);
}

static void
on_active_tenant_changed_cb (PostureWindow *self)
{
  posture_window_open_tenant (self,
                              posture_tenant_switcher_get_active_tenant (self->tenant_switcher));
}

/* A one-line summary of what changed since the reading before, or NULL when nothing did:
 * the score as shown before and after, and the controls that moved. */
static char *
posture_window_describe_diff (PostureDiff *diff)
{
  PostureHistoryRecord *older = posture_diff_get_older (diff);
  PostureHistoryRecord *newer = posture_diff_get_newer (diff);
  guint n_improved = posture_diff_get_n_improved (diff);
  guint n_regressed = posture_diff_get_n_regressed (diff);
  g_autofree char *from = posture_format_percent (posture_history_record_get_percent (older));
  g_autofree char *to = posture_format_percent (posture_history_record_get_percent (newer));
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autofree char *names = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (diff));

  if (n_improved == 0 && n_regressed == 0 && g_strcmp0 (from, to) == 0)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureDiffEntry) entry = g_list_model_get_item (G_LIST_MODEL (diff), i);
      PostureControl *control;

      if (posture_diff_entry_get_kind (entry) != POSTURE_DIFF_CONTROL_IMPROVED &&
          posture_diff_entry_get_kind (entry) != POSTURE_DIFF_CONTROL_REGRESSED)
        continue;
      control = posture_catalog_lookup (posture_catalog_get_default (),
                                        posture_diff_entry_get_control_id (entry));
      g_ptr_array_add (titles,
                       (gpointer) (control != NULL ? posture_control_get_title (control) :
                                                     posture_diff_entry_get_control_id (entry)));
    }

  if (titles->len == 0)
    /* Translators: a toast after a reading; the scores before and after */
    return g_strdup_printf (_("Score %s → %s."), from, to);

  g_ptr_array_add (titles, NULL);
  names = g_strjoinv (_(", "), (GStrv) titles->pdata);
  /* Translators: a toast after a reading: the scores, then the controls that changed */
  return g_strdup_printf (_("Score %s → %s. Changed: %s."), from, to, names);
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

  /* A fix already said what its reading changed. */
  if (self->quiet_reading)
    {
      self->quiet_reading = FALSE;
      return;
    }

  history = posture_session_get_history (self->session);
  if (!POSTURE_IS_HISTORY (history))
    return;

  regressed = posture_history_latest_regressed (POSTURE_HISTORY (history), &diff);
  if (diff == NULL || !(summary = posture_window_describe_diff (diff)))
    return;

  toast = adw_toast_new (summary);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.view");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("history"));
  _posture_window_show_toast (self, toast);

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
  g_clear_weak_pointer (&self->toast);

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
  gtk_widget_class_bind_template_callback (widget_class, on_overview_recommendation_activated_cb);

  _posture_window_class_actions_init (klass);
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
                           G_CALLBACK (_posture_window_update), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (_posture_window_update), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::title",
                                  G_CALLBACK (_posture_window_update), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::assessment",
                                  G_CALLBACK (_posture_window_update), self);
  g_signal_group_connect_swapped (self->session_signals, "recorded",
                                  G_CALLBACK (on_session_recorded_cb), self);

  /* Module titles for "Learn how"; a damaged built-in library is a build problem. */
  self->library = posture_training_library_new ();
  if (!posture_training_library_load_builtin (self->library, &error))
    {
      g_warning ("Cannot load the training library: %s", error->message);
      g_clear_object (&self->library);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRAINING_LIBRARY]);

  _posture_window_update (self);

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
  g_signal_connect_object (application, "notify::workshop",
                           G_CALLBACK (on_workshop_changed_cb), self, G_CONNECT_SWAPPED);

  self->tenant_switcher = posture_tenant_switcher_new (self->settings, NULL);
  gtk_box_append (self->switcher_slot, GTK_WIDGET (self->tenant_switcher));
  g_signal_connect_object (self->tenant_switcher, "notify::active-tenant",
                           G_CALLBACK (on_active_tenant_changed_cb), self, G_CONNECT_SWAPPED);
  _posture_window_update (self);

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

  /* Nothing said about the tenant shown before stays on screen. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);

  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->progress_signals,
                             session != NULL ? posture_session_get_progress (session) : NULL);
  on_profile_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
  _posture_window_update (self);
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
