/* posture-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-search"

#include "config.h"

#include "posture-search.h"

void
posture_search_focus (GtkSearchEntry *entry)
{
  GtkWidget *pane = GTK_WIDGET (entry);

  g_return_if_fail (GTK_IS_SEARCH_ENTRY (entry));

  for (GtkWidget *parent = gtk_widget_get_parent (pane); parent != NULL;
       pane = parent, parent = gtk_widget_get_parent (parent))
    {
      if (ADW_IS_LEAFLET (parent))
        adw_leaflet_set_visible_child (ADW_LEAFLET (parent), pane);
    }

  gtk_widget_grab_focus (GTK_WIDGET (entry));
}
