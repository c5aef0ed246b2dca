/* posture-ui-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>

#include "posture-ui-test.h"

void
posture_test_spin_until (PostureTestCondition condition,
                         gpointer             data,
                         guint                seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (condition (data));
}

void
posture_test_spin_a_little (void)
{
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
posture_test_find (GtkWidget  *root,
                   const char *id)
{
  GtkWidget *popover;

  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = posture_test_find (child, id);

      if (found != NULL)
        return found;
    }

  /* A menu button's popover is its child only once shown. */
  if (GTK_IS_MENU_BUTTON (root) &&
      (popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)))) != NULL &&
      gtk_widget_get_parent (popover) != root)
    return posture_test_find (popover, id);

  return NULL;
}

GtkWindow *
posture_test_find_window (GType      type,
                          GtkWindow *not_this)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* GTK keeps its toplevels: the pointer stays valid after our reference goes. */
      if (window != not_this && g_type_is_a (G_OBJECT_TYPE (window), type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  g_autoptr(GError) error = NULL;

  g_spawn_close_pid (pid);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("xdotool failed: %s", error->message);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* xdotool runs beside the main loop, which handles the events it sends. */
static void
run_xdotool (GtkWindow  *window,
             GPtrArray  *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xid = NULL;
  GdkSurface *surface;
  gboolean exited = FALSE;
  GPid pid;

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));

  g_ptr_array_insert (command, 0, g_strdup ("xdotool"));
  g_ptr_array_insert (command, 1, g_strdup ("windowfocus"));
  g_ptr_array_insert (command, 2, g_strdup ("--sync"));
  g_ptr_array_insert (command, 3, g_steal_pointer (&xid));
  g_ptr_array_add (command, NULL);

  if (!g_spawn_async (NULL, (char **) command->pdata, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                      NULL, NULL, &pid, &error))
    g_error ("Cannot run xdotool: %s", error->message);
  g_child_watch_add (pid, child_exited_cb, &exited);

  posture_test_spin_until (is_true, &exited, 20);
  posture_test_spin_a_little ();
}

void
posture_test_press (GtkWindow  *window,
                    const char *keys,
                    ...)
{
  g_autoptr(GPtrArray) command = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  g_ptr_array_add (command, g_strdup ("key"));
  g_ptr_array_add (command, g_strdup ("--delay"));
  g_ptr_array_add (command, g_strdup ("60"));
  va_start (args, keys);
  for (const char *key = keys; key != NULL; key = va_arg (args, const char *))
    g_ptr_array_add (command, g_strdup (key));
  va_end (args);

  run_xdotool (window, command);
}

void
posture_test_type (GtkWindow  *window,
                   const char *text)
{
  g_autoptr(GPtrArray) command = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (command, g_strdup ("type"));
  g_ptr_array_add (command, g_strdup ("--delay"));
  g_ptr_array_add (command, g_strdup ("30"));
  g_ptr_array_add (command, g_strdup (text));

  run_xdotool (window, command);
}

GtkWidget *
posture_test_find_named (GtkWidget  *root,
                         const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = posture_test_find_named (c, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
posture_test_find_type (GtkWidget *root,
                        GType      type)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = posture_test_find_type (c, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
posture_test_show_view (GtkWidget  *window,
                        const char *view)
{
  if (g_str_equal (view, "recommendation"))
    g_assert_true (gtk_widget_activate_action (window, "win.next-recommendation", NULL));
  else if (g_str_equal (view, "module"))
    g_assert_true (gtk_widget_activate_action (window, "win.learn", "s", "guest-access"));
  else
    g_assert_true (gtk_widget_activate_action (window, "win.view", "s", view));
}
