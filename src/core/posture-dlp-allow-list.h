/* posture-dlp-allow-list.h: the connectors the default environment may use (DESIGN.md)
 *
 * ScubaGear's allow-list (MS.POWERPLATFORM.2.3v1), in one place for the rule that judges
 * dlp-default-environment-connectors and the DLP baseline the planner writes, so the two
 * can never disagree about a connector.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The connector ids ("/providers/Microsoft.PowerApps/apis/shared_approvals"),
 * NULL-terminated. */
const char * const *posture_dlp_allow_list_get_ids   (void);
/* Their names as the admin center shows them, in the same order, NULL-terminated. */
const char * const *posture_dlp_allow_list_get_names (void);
/* Whether @connector_id is on the list, in any case (ASCII). */
gboolean            posture_dlp_allow_list_contains  (const char *connector_id);

G_END_DECLS
