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

struct _PostureApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;

  gboolean        force_demo;      /* --demo */
  char           *view;            /* --view */
};

G_DEFINE_FINAL_TYPE (PostureApplication, posture_application, ADW_TYPE_APPLICATION)

static void
posture_application_activate (GApplication *app)
{
  PostureApplication *self = POSTURE_APPLICATION (app);
  g_autofree char *tenant = NULL;
  GtkWindow *window;

  g_assert (POSTURE_IS_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (posture_window_new (self));
  gtk_window_present (window);

  /* --demo shows the demo for this run without forgetting the active tenant. */
  tenant = g_settings_get_string (self->settings, "active-tenant");
  posture_window_open_tenant (POSTURE_WINDOW (window), self->force_demo ? NULL : tenant);
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

  window = posture_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
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

  adw_show_about_window (window,
                         "application-name", _("Posture"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Posture developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("See and improve the security posture of a Power Platform tenant"),
                         "website", "https://github.com/posture/posture",
                         "issue-url", "https://github.com/posture/posture/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Posture developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
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
};

static void
posture_application_startup (GApplication *app)
{
  PostureApplication *self = POSTURE_APPLICATION (app);

  G_APPLICATION_CLASS (posture_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
posture_application_dispose (GObject *object)
{
  PostureApplication *self = (PostureApplication *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (posture_application_parent_class)->dispose (object);
}

static void
posture_application_class_init (PostureApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = posture_application_dispose;

  app_class->activate = posture_application_activate;
  app_class->command_line = posture_application_command_line;
  app_class->startup = posture_application_startup;
}

static void
posture_application_init (PostureApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo tenant, even when signed in to a tenant"), NULL },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Start in a view: overview, recommendations, policies or training"), N_("VIEW") },
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
