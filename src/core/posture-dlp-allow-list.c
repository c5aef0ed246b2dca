/* posture-dlp-allow-list.c: the connectors the default environment may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-dlp-allow-list"

#include "config.h"

#include "posture-dlp-allow-list.h"

#define CONNECTOR_PREFIX "/providers/Microsoft.PowerApps/apis/"

static const char * const ids[] = {
  CONNECTOR_PREFIX "shared_approvals",
  CONNECTOR_PREFIX "shared_cloudappsecurity",
  CONNECTOR_PREFIX "shared_commondataservice",
  CONNECTOR_PREFIX "shared_commondataserviceforapps",
  CONNECTOR_PREFIX "shared_excelonlinebusiness",
  CONNECTOR_PREFIX "shared_flowpush",
  CONNECTOR_PREFIX "shared_kaizala",
  CONNECTOR_PREFIX "shared_microsoftformspro",
  CONNECTOR_PREFIX "shared_office365",
  CONNECTOR_PREFIX "shared_office365groups",
  CONNECTOR_PREFIX "shared_office365groupsmail",
  CONNECTOR_PREFIX "shared_office365users",
  CONNECTOR_PREFIX "shared_onedriveforbusiness",
  CONNECTOR_PREFIX "shared_onenote",
  CONNECTOR_PREFIX "shared_planner",
  CONNECTOR_PREFIX "shared_powerappsnotification",
  CONNECTOR_PREFIX "shared_powerappsnotificationv2",
  CONNECTOR_PREFIX "shared_powerbi",
  CONNECTOR_PREFIX "shared_powervirtualagents",
  CONNECTOR_PREFIX "shared_sharepointonline",
  CONNECTOR_PREFIX "shared_shifts",
  CONNECTOR_PREFIX "shared_skypeforbiz",
  CONNECTOR_PREFIX "shared_teams",
  CONNECTOR_PREFIX "shared_todo",
  CONNECTOR_PREFIX "shared_yammer",
  NULL
};

static const char * const names[] = {
  "Approvals", "Microsoft Defender for Cloud Apps", "Microsoft Dataverse (legacy)",
  "Microsoft Dataverse", "Excel Online (Business)", "Notifications", "Kaizala",
  "Microsoft Forms Pro", "Office 365 Outlook", "Office 365 Groups", "Office 365 Groups Mail",
  "Office 365 Users", "OneDrive for Business", "OneNote (Business)", "Planner",
  "Power Apps Notification", "Power Apps Notification V2", "Power BI", "Microsoft Copilot Studio",
  "SharePoint", "Shifts for Microsoft Teams", "Skype for Business Online", "Microsoft Teams",
  "Microsoft To Do (Business)", "Viva Engage",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (ids) == G_N_ELEMENTS (names));

const char * const *
posture_dlp_allow_list_get_ids (void)
{
  return ids;
}

const char * const *
posture_dlp_allow_list_get_names (void)
{
  return names;
}

gboolean
posture_dlp_allow_list_contains (const char *connector_id)
{
  g_return_val_if_fail (connector_id != NULL, FALSE);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_ascii_strcasecmp (connector_id, ids[i]) == 0)
      return TRUE;

  return FALSE;
}
