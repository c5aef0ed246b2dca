/* posture-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-application"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-application.h"
#include "posture-preferences-window.h"
#include "posture-window.h"

/* Text sizes Ctrl+plus and Ctrl+minus step through, in percent of the desktop's. */
static const guint text_scales[] = { 50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300 };

/* Workshop mode: text a step larger still, for the back of the room. */
#define WORKSHOP_TEXT_FACTOR 1.25

/* A window opening a signed-in tenant is shown once it has something to show (the
 * cached reading's score, a read under way, an error), or after this long at most: the
 * first frame is then the score, not an empty window drawn first (a first frame costs as
 * much as the rest of a start together where GL is drawn in software). */
#define PRESENT_AT_MOST_MS 1000

struct _PostureApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;
  GtkCssProvider *text_scale_css;  /* on the display while the application runs */

  /* The window of the start, until it is shown */
  PostureWindow  *starting;        /* weak */
  PostureSession *starting_session;
  guint           present_source;

  gboolean        force_demo;      /* --demo */
  gboolean        force_workshop;  /* --workshop */
  char           *view;            /* --view */
};

enum {
  PROP_0,
  PROP_WORKSHOP,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureApplication, posture_application, ADW_TYPE_APPLICATION)

void
posture_startup_mark (const char *milestone)
{
  static gsize enabled = 0;

  if (g_once_init_enter (&enabled))
    g_once_init_leave (&enabled, g_getenv ("POSTURE_STARTUP_TRACE") != NULL ? 2 : 1);

  if (enabled == 2)
    g_printerr ("posture-startup %s %" G_GINT64_FORMAT "\n", milestone, g_get_monotonic_time ());
}

/* Every window's text follows the text-scale setting (and workshop mode): the root
 * font size, which Adwaita's sizes are relative to. */
static void
posture_application_update_text_scale (PostureApplication *self)
{
  g_autofree char *css = NULL;
  double scale = g_settings_get_uint (self->settings, "text-scale") / 100.0;

  if (self->text_scale_css == NULL)
    return;

  if (posture_application_get_workshop (self))
    scale *= WORKSHOP_TEXT_FACTOR;

  css = g_strdup_printf ("window { font-size: %.0f%%; }", scale * 100);
  gtk_css_provider_load_from_data (self->text_scale_css, css, -1);
}

static void
on_workshop_changed_cb (PostureApplication *self)
{
  posture_application_update_text_scale (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WORKSHOP]);
}

static void
posture_application_step_text_scale (PostureApplication *self,
                                     int                 direction)
{
  guint current = g_settings_get_uint (self->settings, "text-scale");
  guint next = current;

  if (direction == 0)
    next = 100;
  else if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (text_scales) && next == current; i++)
        if (text_scales[i] > current)
          next = text_scales[i];
    }
  else
    {
      for (guint i = G_N_ELEMENTS (text_scales); i > 0 && next == current; i--)
        if (text_scales[i - 1] < current)
          next = text_scales[i - 1];
    }

  g_settings_set_uint (self->settings, "text-scale", next);
}

static void
posture_application_zoom_in_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  posture_application_step_text_scale (user_data, 1);
}

static void
posture_application_zoom_out_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  posture_application_step_text_scale (user_data, -1);
}

static void
posture_application_zoom_reset_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  posture_application_step_text_scale (user_data, 0);
}

static void
posture_application_unwatch_session (PostureApplication *self)
{
  if (self->starting_session == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->starting_session, self);
  g_signal_handlers_disconnect_by_data (posture_session_get_progress (self->starting_session),
                                        self);
  g_clear_object (&self->starting_session);
}

/* Stops waiting; returns the window of the start, if it was still waiting. */
static PostureWindow *
posture_application_stop_starting (PostureApplication *self)
{
  PostureWindow *window = self->starting;

  g_clear_handle_id (&self->present_source, g_source_remove);
  posture_application_unwatch_session (self);
  if (window != NULL)
    g_signal_handlers_disconnect_by_data (window, self);
  g_clear_weak_pointer (&self->starting);
  return window;
}

static void
posture_application_present_starting (PostureApplication *self)
{
  PostureWindow *window = posture_application_stop_starting (self);

  if (window == NULL)
    return;

  gtk_window_present (GTK_WINDOW (window));
  posture_startup_mark ("window-presented");
}

static gboolean
posture_application_present_timeout_cb (gpointer user_data)
{
  PostureApplication *self = user_data;

  self->present_source = 0;
  posture_application_present_starting (self);
  return G_SOURCE_REMOVE;
}

static void
on_starting_session_changed_cb (PostureApplication *self)
{
  PostureSession *session = self->starting_session;

  if (session != NULL && (posture_session_get_assessment (session) != NULL ||
                          posture_session_get_error (session) != NULL ||
                          posture_tenant_progress_get_phase (
                              posture_session_get_progress (session)) != POSTURE_READ_PHASE_IDLE))
    posture_application_present_starting (self);
}

static void
on_starting_window_session_cb (PostureApplication *self)
{
  PostureSession *session = posture_window_get_session (self->starting);

  posture_application_unwatch_session (self);
  if (session == NULL)
    return;

  self->starting_session = g_object_ref (session);

  g_signal_connect_swapped (session, "notify", G_CALLBACK (on_starting_session_changed_cb), self);
  g_signal_connect_swapped (posture_session_get_progress (session), "notify::phase",
                            G_CALLBACK (on_starting_session_changed_cb), self);
  on_starting_session_changed_cb (self);
}

static void
posture_application_activate (GApplication *app)
{
  PostureApplication *self = POSTURE_APPLICATION (app);
  g_autofree char *tenant = NULL;
  gboolean demo;
  GtkWindow *window;

  g_assert (POSTURE_IS_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (posture_window_new (self));
  posture_startup_mark ("window-built");

  /* --demo (and workshop mode) show the demo for this run without forgetting the
   * active tenant. */
  tenant = g_settings_get_string (self->settings, "active-tenant");
  demo = self->force_demo || posture_application_get_workshop (self) || tenant[0] == '\0';
  if (demo)
    posture_session_prefetch (NULL, POSTURE_PROFILE_ALL);

  if (!demo)
    {
      /* The surface and its renderer (a GL context) are made meanwhile: only the
       * mapping and the frame wait for the session. */
      gtk_widget_realize (GTK_WIDGET (window));
      posture_startup_mark ("window-realized");
      g_set_weak_pointer (&self->starting, POSTURE_WINDOW (window));
      g_signal_connect_swapped (window, "notify::session",
                                G_CALLBACK (on_starting_window_session_cb), self);
      self->present_source =
          g_timeout_add (PRESENT_AT_MOST_MS, posture_application_present_timeout_cb, self);
    }
  else
    {
      gtk_window_present (window);
      posture_startup_mark ("window-presented");
    }

  posture_window_open_tenant (POSTURE_WINDOW (window), demo ? NULL : tenant);
  if (self->view != NULL)
    posture_window_set_view (POSTURE_WINDOW (window), self->view);
}

static int
posture_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *command_line)
{
  PostureApplication *self = POSTURE_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);

  if (g_variant_dict_contains (options, "demo"))
    self->force_demo = TRUE;
  if (g_variant_dict_contains (options, "workshop") && !self->force_workshop)
    {
      self->force_workshop = TRUE;
      on_workshop_changed_cb (self);
    }
  g_clear_pointer (&self->view, g_free);
  g_variant_dict_lookup (options, "view", "s", &self->view);

  g_application_activate (app);
  return 0;
}

static void
posture_application_preferences_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  PostureApplication *self = user_data;
  PosturePreferencesWindow *window;

  g_assert (POSTURE_IS_APPLICATION (self));

  window =
      posture_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      self->settings);
  gtk_window_present (GTK_WINDOW (window));
}

static void
posture_application_about_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  static const char *developers[] = { "The Posture developers", NULL };
  PostureApplication *self = user_data;
  GtkWindow *window;

  g_assert (POSTURE_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window, "application-name", _("Posture"), "application-icon", APP_ID,
                         "developer-name", _("The Posture developers"), "version", PACKAGE_VERSION,
                         "comments",
                         _("See and improve the security posture of a Power Platform tenant"),
                         "website", "https://github.com/posture/posture", "issue-url",
                         "https://github.com/posture/posture/issues", "developers", developers,
                         "copyright", "© 2026 The Posture developers", "license-type",
                         GTK_LICENSE_GPL_3_0, NULL);
}

static void
posture_application_quit_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  PostureApplication *self = user_data;
  GList *windows;

  g_assert (POSTURE_IS_APPLICATION (self));

  /* Close the windows (they save their size) rather than exiting under them. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", posture_application_about_action },
  { "preferences", posture_application_preferences_action },
  { "quit", posture_application_quit_action },
  { "zoom-in", posture_application_zoom_in_action },
  { "zoom-out", posture_application_zoom_out_action },
  { "zoom-reset", posture_application_zoom_reset_action },
};

static void
posture_application_startup (GApplication *app)
{
  PostureApplication *self = POSTURE_APPLICATION (app);
  g_autofree char *tenant = g_settings_get_string (self->settings, "active-tenant");
  g_autofree char *profile_name = g_settings_get_string (self->settings, "profile");
  PostureProfile profile = POSTURE_PROFILE_ALL;

  /* The active tenant's cached reading is mapped and assessed on a worker thread while
   * GTK starts and the window is built (dropped in activate if the demo is shown). */
  posture_profile_from_string (profile_name, &profile);
  if (!posture_application_get_workshop (self))
    posture_session_prefetch (tenant, profile);

  G_APPLICATION_CLASS (posture_application_parent_class)->startup (app);
  posture_startup_mark ("gtk-ready");

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.zoom-in",
                                         (const char *[]) { "<Control>plus", "<Control>equal",
                                                            "<Control>KP_Add", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.zoom-out",
                                         (const char *[]){ "<Control>minus", "<Control>KP_Subtract",
                                                           NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.zoom-reset",
                                         (const char *[]) { "<Control>0", "<Control>KP_0", NULL });

  self->text_scale_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->text_scale_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect_object (self->settings, "changed::text-scale",
                           G_CALLBACK (posture_application_update_text_scale), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::workshop-mode",
                           G_CALLBACK (on_workshop_changed_cb), self, G_CONNECT_SWAPPED);
  posture_application_update_text_scale (self);
}

static void
posture_application_shutdown (GApplication *app)
{
  PostureApplication *self = POSTURE_APPLICATION (app);

  if (self->text_scale_css != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->text_scale_css));
  g_clear_object (&self->text_scale_css);

  posture_session_prefetch (NULL, POSTURE_PROFILE_ALL);
  G_APPLICATION_CLASS (posture_application_parent_class)->shutdown (app);
}

static void
posture_application_dispose (GObject *object)
{
  PostureApplication *self = (PostureApplication *) object;

  posture_application_stop_starting (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->text_scale_css);
  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (posture_application_parent_class)->dispose (object);
}

static void
posture_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PostureApplication *self = POSTURE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_WORKSHOP:
      g_value_set_boolean (value, posture_application_get_workshop (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_application_class_init (PostureApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = posture_application_dispose;
  object_class->get_property = posture_application_get_property;

  app_class->activate = posture_application_activate;
  app_class->command_line = posture_application_command_line;
  app_class->startup = posture_application_startup;
  app_class->shutdown = posture_application_shutdown;

  /**
   * PostureApplication:workshop:
   *
   * Workshop mode, from the setting or `posture --workshop`: larger text, one toast
   * per change naming what moved, and the demo tenant at start.
   */
  properties [PROP_WORKSHOP] =
    g_param_spec_boolean ("workshop", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_application_init (PostureApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo tenant, even when signed in to a tenant"), NULL },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Start in a view: overview, recommendations, policies, training or history"), N_("VIEW") },
    { "workshop", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Present the demo tenant in workshop mode (larger text, one toast per change)"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);

  /* The settings schema id is the base app id also in development builds. */
  self->settings = g_settings_new (APP_ID);
}

PostureApplication *
posture_application_new (const char        *application_id,
                         GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (POSTURE_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/posture/Posture",
                       NULL);
}

/**
 * posture_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
posture_application_get_settings (PostureApplication *self)
{
  g_return_val_if_fail (POSTURE_IS_APPLICATION (self), NULL);

  return self->settings;
}

gboolean
posture_application_get_workshop (PostureApplication *self)
{
  g_return_val_if_fail (POSTURE_IS_APPLICATION (self), FALSE);

  return self->force_workshop || g_settings_get_boolean (self->settings, "workshop-mode");
}
