/* posture-phase-label.c: the words for a tenant read's phases
 *
 * The other labels of the assessment model are in core (posture-labels.h); the read
 * phases belong to the tenant client, which core does not know.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-phase-label"

#include "config.h"

#include <glib/gi18n.h>

#include "posture-phase-label.h"
#include "posture-tenant-progress.h"

const char *
posture_phase_label (guint phase)
{
  switch ((PostureReadPhase) phase)
    {
    case POSTURE_READ_PHASE_IDLE:
      return _("Waiting");
    case POSTURE_READ_PHASE_SIGNING_IN:
      return _("Signing in");
    case POSTURE_READ_PHASE_TENANT:
      return _("Reading tenant settings");
    case POSTURE_READ_PHASE_ENVIRONMENTS:
      return _("Reading environments");
    case POSTURE_READ_PHASE_POLICIES:
      return _("Reading data policies");
    case POSTURE_READ_PHASE_DATAVERSE:
      return _("Reading Dataverse settings");
    case POSTURE_READ_PHASE_DONE:
      return _("Assessing");
    case POSTURE_READ_PHASE_FAILED:
      return _("Reading failed");
    default:
      return "";
    }
}
