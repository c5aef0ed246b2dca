/* posture-a11y.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-a11y"

#include "config.h"

#include "posture-a11y.h"

static GtkWidget *
find_scroller (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_SCROLLED_WINDOW (child))
        return child;
      if ((found = find_scroller (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
on_status_page_title_cb (AdwStatusPage *page)
{
  GtkWidget *scroller = find_scroller (GTK_WIDGET (page));
  const char *title = adw_status_page_get_title (page);

  if (scroller != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (scroller),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : "",
                                    -1);
}

void
posture_a11y_name_status_pages (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_STATUS_PAGE (root))
    {
      on_status_page_title_cb (ADW_STATUS_PAGE (root));
      g_signal_connect (root, "notify::title", G_CALLBACK (on_status_page_title_cb), NULL);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    posture_a11y_name_status_pages (child);
}
