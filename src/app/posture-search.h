/* posture-search.h: Ctrl+F in a view: its search field brought on screen and focused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What every view's "<view>.search" action does (Recommendations, Policies, Training):
 * each folded AdwLeaflet above @entry shows the pane that holds it (the list, not the
 * detail), then @entry takes the focus. */
void posture_search_focus (GtkSearchEntry *entry);

G_END_DECLS
