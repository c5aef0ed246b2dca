/* posture-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-window"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-window.h"

struct _PostureWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  GSettings            *settings;
  GCancellable         *cancellable;     /* cancelled in dispose */

  /* Template children */
  AdwViewStack         *stack;
  AdwToastOverlay      *toasts;
};

G_DEFINE_FINAL_TYPE (PostureWindow, posture_window, ADW_TYPE_APPLICATION_WINDOW)

static void
posture_window_save_size (PostureWindow *self)
{
  int width = 0;
  int height = 0;

  g_assert (POSTURE_IS_WINDOW (self));

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
posture_window_view_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  posture_window_set_view (POSTURE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
posture_window_dispose (GObject *object)
{
  PostureWindow *self = (PostureWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), POSTURE_TYPE_WINDOW);

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
posture_window_class_init (PostureWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = posture_window_dispose;
  object_class->finalize = posture_window_finalize;

  window_class->close_request = posture_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/posture/Posture/ui/posture-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PostureWindow, toasts);

  gtk_widget_class_install_action (widget_class, "win.view", "s", posture_window_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.view", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.view", "s", "recommendations");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.view", "s", "policies");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.view", "s", "training");
}

static void
posture_window_init (PostureWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

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
