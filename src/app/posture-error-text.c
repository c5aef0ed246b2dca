/* posture-error-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-error-text"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "posture-demo-server.h"
#include "posture-error-text.h"
#include "posture-error.h"
#include "posture-tenant-error.h"

static void
describe (const GError  *error,
          const char   **out_title,
          const char   **out_advice,
          const char   **out_icon_name,
          gboolean      *out_with_detail)
{
  const char *title = _("Something Went Wrong");
  const char *description = _("Try again. If it keeps happening, report it with the steps that led to it.");
  const char *icon = "dialog-warning-symbolic";
  gboolean with_detail = FALSE;

  if (error->domain == POSTURE_CLIENT_ERROR)
    {
      switch ((PostureClientError) error->code)
        {
        case POSTURE_CLIENT_ERROR_NETWORK:
          title = _("You Are Offline");
          description = _("Posture cannot reach the Power Platform services. Check the network "
                          "connection, then refresh. The last reading stays available.");
          icon = "network-offline-symbolic";
          break;
        case POSTURE_CLIENT_ERROR_TIMED_OUT:
          title = _("Reading the Tenant Took Too Long");
          description = _("The services answered too slowly. Try again later; the last "
                          "reading stays available.");
          icon = "network-offline-symbolic";
          break;
        case POSTURE_CLIENT_ERROR_NEEDS_REAUTH:
        case POSTURE_CLIENT_ERROR_NOT_SIGNED_IN:
          title = _("Sign In Again");
          description = _("The sign-in for this tenant is no longer valid. Sign in again "
                          "from the tenant menu.");
          icon = "system-lock-screen-symbolic";
          break;
        case POSTURE_CLIENT_ERROR_FORBIDDEN:
          title = _("Access Denied");
          description = _("The account or app registration lacks a role or consent. Use a "
                          "Power Platform administrator, or grant the app admin consent and "
                          "register it as a Power Platform management application.");
          icon = "action-unavailable-symbolic";
          break;
        case POSTURE_CLIENT_ERROR_THROTTLED:
          title = _("The Service Is Busy");
          description = _("The tenant is throttling requests. Wait a few minutes, then refresh.");
          icon = "alarm-symbolic";
          with_detail = TRUE;
          break;
        case POSTURE_CLIENT_ERROR_SERVER:
          title = _("The Service Failed");
          description = _("Microsoft's service answered with an error. Try again later.");
          break;
        case POSTURE_CLIENT_ERROR_PROTOCOL:
          title = _("Unexpected Answer");
          description = _("The service sent something Posture does not understand. Try "
                          "again; if it persists, report it.");
          with_detail = TRUE;
          break;
        case POSTURE_CLIENT_ERROR_REFUSED_HOST:
          title = _("Address Refused");
          description = _("The service pointed to an address outside the selected cloud, "
                          "so Posture did not send anything there. Check the cloud in "
                          "Preferences.");
          icon = "security-low-symbolic";
          with_detail = TRUE;
          break;
        case POSTURE_CLIENT_ERROR_NOT_FOUND:
          title = _("Not Found");
          description = _("The tenant or the item no longer exists. Refresh, or check "
                          "the tenant in the admin center.");
          break;
        case POSTURE_CLIENT_ERROR_DECLINED:
          title = _("Sign-In Declined");
          description = _("The sign-in was declined or the code expired. Start the "
                          "sign-in again.");
          icon = "system-lock-screen-symbolic";
          break;
        case POSTURE_CLIENT_ERROR_INVALID_REQUEST:
          title = _("Cannot Send the Request");
          description = _("The tenant or cloud settings look wrong. Check them in Preferences.");
          with_detail = TRUE;
          break;
        default:
          break;
        }
    }
  else if (error->domain == POSTURE_TOKEN_STORE_ERROR)
    {
      switch ((PostureTokenStoreError) error->code)
        {
        case POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE:
          title = _("Keyring Unavailable");
          description = _("Posture keeps sign-ins only in the keyring. Unlock it, or start "
                          "a keyring service, then try again.");
          icon = "dialog-password-symbolic";
          break;
        case POSTURE_TOKEN_STORE_ERROR_NOT_FOUND:
          title = _("Not Signed In");
          description = _("No sign-in is stored for this tenant. Sign in to it again.");
          icon = "system-lock-screen-symbolic";
          break;
        default:
          break;
        }
    }
  else if (error->domain == POSTURE_JSON_ERROR || error->domain == POSTURE_SNAPSHOT_ERROR)
    {
      title = _("Unreadable Tenant Data");
      description = _("The tenant's data could not be read as a snapshot. Refresh to read it again.");
      with_detail = TRUE;
      if (g_error_matches (error, POSTURE_SNAPSHOT_ERROR, POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION))
        description = _("This snapshot was written by a newer Posture. Update Posture to open it.");
    }
  else if (error->domain == POSTURE_ENGINE_ERROR)
    {
      title = _("Cannot Assess");
      description = _("The selected controls or profile are unknown. Choose another profile in Preferences.");
      with_detail = TRUE;
    }
  else if (error->domain == POSTURE_STORE_ERROR)
    {
      title = _("Cannot Save");
      description = _("Posture could not write its data. Check that the disk has space "
                      "and your data folder is writable.");
      icon = "drive-harddisk-symbolic";
    }
  else if (error->domain == POSTURE_DEMO_ERROR)
    {
      title = _("The Demo Tenant Cannot Start");
      description = _("Posture could not open a local port for the demo tenant. Close "
                      "other Posture windows and try again.");
    }
  else if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_TIMED_OUT:
          title = _("You Are Offline");
          description = _("Posture cannot reach the Power Platform services. Check the "
                          "network connection, then refresh.");
          icon = "network-offline-symbolic";
          break;
        case G_IO_ERROR_NOT_SUPPORTED:
          title = _("Not Available");
          description = _("This action is not available for this tenant.");
          break;
        default:
          break;
        }
    }

  *out_title = title;
  *out_advice = description;
  *out_icon_name = icon;
  *out_with_detail = with_detail;
}

void
posture_error_describe (const GError  *error,
                        char         **out_title,
                        char         **out_description,
                        const char   **out_icon_name)
{
  const char *title;
  const char *description;
  const char *icon;
  gboolean with_detail;

  g_return_if_fail (error != NULL);

  describe (error, &title, &description, &icon, &with_detail);

  if (out_title != NULL)
    *out_title = g_strdup (title);
  if (out_description != NULL)
    {
      if (with_detail && error->message != NULL && *error->message != '\0')
        /* Translators: the first %s says what to do, the second is a technical detail */
        *out_description = g_strdup_printf (_("%s\n\nDetails: %s"), description, error->message);
      else
        *out_description = g_strdup (description);
    }
  if (out_icon_name != NULL)
    *out_icon_name = icon;
}

char *
posture_error_to_toast (const GError *error)
{
  const char *title;
  const char *description;
  const char *icon;
  gboolean with_detail;

  g_return_val_if_fail (error != NULL, NULL);

  /* A toast is one line: keep the advice, leave out technical detail. */
  describe (error, &title, &description, &icon, &with_detail);

  /* Translators: a toast; the first %s is a short title, the second what to do */
  return g_strdup_printf (_("%s: %s"), title, description);
}
