/* posture-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-preferences-window.h"

#include "posture-list-row.h"

struct _PosturePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  GtkFileChooserNative *chooser;        /* while the folder chooser is open */

  /* Template children */
  AdwComboRow          *cloud_row;
  GtkSwitch            *refresh_switch;
  AdwComboRow          *profile_row;
  GtkSpinButton        *retention_spin;
  AdwActionRow         *training_dir_row;
  GtkSpinButton        *review_spin;
  GtkSwitch            *workshop_switch;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PosturePreferencesWindow,
                     posture_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties [N_PROPS];

/* Positions in the combo rows' string lists (ui/posture-preferences-window.ui). */
static const char * const cloud_values[] = { "public", "gcc", "gcc-high", "dod", "china" };
static const char * const profile_values[] = { "all", "scuba", "ppac" };

static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *choices = user_data;
  const char *str = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (g_strcmp0 (choices[i], str) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *choices = user_data;
  guint position = g_value_get_uint (value);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (i == position)
        return g_variant_new_string (choices[i]);
    }

  return NULL;
}

static void
posture_preferences_window_update_training_dir (PosturePreferencesWindow *self)
{
  g_autofree char *dir = NULL;

  g_assert (POSTURE_IS_PREFERENCES_WINDOW (self));

  dir = g_settings_get_string (self->settings, "training-dir");

  if (dir[0] == '\0')
    {
      adw_action_row_set_subtitle (self->training_dir_row,
                                   _("None: only the built-in modules are shown"));
    }
  else
    {
      g_autofree char *display = g_filename_display_name (dir);

      adw_action_row_set_subtitle (self->training_dir_row, display);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-training-dir", dir[0] != '\0');
}

static void
on_training_dir_changed_cb (PosturePreferencesWindow *self,
                            const char               *key,
                            GSettings                *settings)
{
  posture_preferences_window_update_training_dir (self);
}

static void
chooser_response_cb (PosturePreferencesWindow *self,
                     int                       response,
                     GtkFileChooserNative     *chooser)
{
  g_assert (POSTURE_IS_PREFERENCES_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_settings_set_string (self->settings, "training-dir", path);
        }
      else
        {
          AdwToast *toast =
              adw_toast_new (_("That folder is not on this computer; choose a local folder"));

          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
posture_preferences_window_choose_training_dir_action (GtkWidget  *widget,
                                                       const char *action_name,
                                                       GVariant   *parameter)
{
  PosturePreferencesWindow *self = POSTURE_PREFERENCES_WINDOW (widget);
  g_autofree char *dir = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (_("Choose the Organization Training Folder"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  dir = g_settings_get_string (self->settings, "training-dir");
  if (dir[0] != '\0')
    {
      g_autoptr(GFile) current = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), current, NULL);
    }

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
posture_preferences_window_clear_training_dir_action (GtkWidget  *widget,
                                                      const char *action_name,
                                                      GVariant   *parameter)
{
  PosturePreferencesWindow *self = POSTURE_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "training-dir");
}

static void
posture_preferences_window_constructed (GObject *object)
{
  PosturePreferencesWindow *self = (PosturePreferencesWindow *) object;

  G_OBJECT_CLASS (posture_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  g_settings_bind_with_mapping (self->settings, "cloud", self->cloud_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping,
                                (gpointer) cloud_values, NULL);
  g_settings_bind_with_mapping (self->settings, "profile", self->profile_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping,
                                (gpointer) profile_values, NULL);
  g_settings_bind (self->settings, "refresh-on-start", self->refresh_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "history-retention-days", self->retention_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "review-interval-days", self->review_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  /* The application follows the key at once: the same as `posture --workshop`. */
  g_settings_bind (self->settings, "workshop-mode", self->workshop_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::training-dir",
                           G_CALLBACK (on_training_dir_changed_cb), self, G_CONNECT_SWAPPED);
  posture_preferences_window_update_training_dir (self);
}

static void
posture_preferences_window_dispose (GObject *object)
{
  PosturePreferencesWindow *self = (PosturePreferencesWindow *) object;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  /* Drop the bindings before the rows go away. */
  if (self->settings != NULL)
    {
      if (self->cloud_row != NULL)
        g_settings_unbind (self->cloud_row, "selected");
      if (self->profile_row != NULL)
        g_settings_unbind (self->profile_row, "selected");
      if (self->refresh_switch != NULL)
        g_settings_unbind (self->refresh_switch, "active");
      if (self->retention_spin != NULL)
        g_settings_unbind (self->retention_spin, "value");
      if (self->review_spin != NULL)
        g_settings_unbind (self->review_spin, "value");
      if (self->workshop_switch != NULL)
        g_settings_unbind (self->workshop_switch, "active");
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (posture_preferences_window_parent_class)->dispose (object);
}

static void
posture_preferences_window_finalize (GObject *object)
{
  PosturePreferencesWindow *self = (PosturePreferencesWindow *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (posture_preferences_window_parent_class)->finalize (object);
}

static void
posture_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  PosturePreferencesWindow *self = POSTURE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  PosturePreferencesWindow *self = POSTURE_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_preferences_window_class_init (PosturePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = posture_preferences_window_constructed;
  object_class->dispose = posture_preferences_window_dispose;
  object_class->finalize = posture_preferences_window_finalize;
  object_class->get_property = posture_preferences_window_get_property;
  object_class->set_property = posture_preferences_window_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (POSTURE_TYPE_LIST_ROW);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/posture/Posture/ui/posture-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PosturePreferencesWindow, cloud_row);
  gtk_widget_class_bind_template_child (widget_class, PosturePreferencesWindow, refresh_switch);
  gtk_widget_class_bind_template_child (widget_class, PosturePreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, PosturePreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, PosturePreferencesWindow, training_dir_row);
  gtk_widget_class_bind_template_child (widget_class, PosturePreferencesWindow, review_spin);
  gtk_widget_class_bind_template_child (widget_class, PosturePreferencesWindow, workshop_switch);
  /* Not kept in the struct; named for tests and accessibility checks. */
  gtk_widget_class_bind_template_child_full (widget_class, "clear_training_dir_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "prefs.choose-training-dir", NULL,
                                   posture_preferences_window_choose_training_dir_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-training-dir", NULL,
                                   posture_preferences_window_clear_training_dir_action);
}

static void
posture_preferences_window_init (PosturePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * posture_preferences_window_new:
 * @parent: (nullable): the window to stay on top of
 * @settings: the application's settings
 *
 * Returns: (transfer full): a new, not yet shown, modal preferences window
 */
PosturePreferencesWindow *
posture_preferences_window_new (GtkWindow *parent,
                                GSettings *settings)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (POSTURE_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

/**
 * posture_preferences_window_get_settings:
 *
 * Returns: (transfer none): the settings the rows are bound to
 */
GSettings *
posture_preferences_window_get_settings (PosturePreferencesWindow *self)
{
  g_return_val_if_fail (POSTURE_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
