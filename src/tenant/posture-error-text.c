/* posture-error-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "posture-error-text.h"
#include "posture-error.h"
#include "posture-tenant-error.h"

typedef struct
{
  const char *title;
  const char *summary;   /* what happened, one sentence */
  const char *advice;    /* what to do */
  gboolean    detail;    /* the error's own message says which address, file or words */
} ErrorText;

static ErrorText
client_error_text (PostureClientError code)
{
  ErrorText text = { NULL, NULL, NULL, TRUE };

  switch (code)
    {
    case POSTURE_CLIENT_ERROR_NETWORK:
      text.title = _("You Are Offline");
      text.summary = _("Posture cannot reach the Power Platform services.");
      text.advice = _("Check the network connection, then try again. The last reading stays "
                      "available.");
      break;
    case POSTURE_CLIENT_ERROR_TIMED_OUT:
      text.title = _("Reading the Tenant Took Too Long");
      text.summary = _("The services did not answer within the time limit.");
      text.advice = _("Try again later, or allow more time (posture-cli --timeout). The last "
                      "reading stays available.");
      break;
    case POSTURE_CLIENT_ERROR_NEEDS_REAUTH:
      text.title = _("Sign In Again");
      text.summary = _("The sign-in for this tenant is no longer valid.");
      text.advice = _("Sign in again (the tenant menu, or posture-cli login).");
      break;
    case POSTURE_CLIENT_ERROR_NOT_SIGNED_IN:
      text.title = _("Not Signed In");
      text.summary = _("Posture has no sign-in for this tenant.");
      text.advice = _("Sign in (the tenant menu, or posture-cli login), or set "
                      "POSTURE_CLIENT_ID and POSTURE_CLIENT_SECRET.");
      break;
    case POSTURE_CLIENT_ERROR_FORBIDDEN:
      text.title = _("Access Denied");
      text.summary = _("The service refused the signed-in account or app.");
      text.advice = _("Sign in as a Power Platform administrator, or grant the app registration "
                      "admin consent and register it as a Power Platform management "
                      "application.");
      break;
    case POSTURE_CLIENT_ERROR_THROTTLED:
      text.title = _("The Service Is Busy");
      text.summary = _("The service is throttling requests for this tenant.");
      text.advice = _("Wait as long as it asks, then try again.");
      break;
    case POSTURE_CLIENT_ERROR_SERVER:
      text.title = _("The Service Failed");
      text.summary = _("Microsoft's service answered with an error.");
      text.advice = _("Try again later.");
      break;
    case POSTURE_CLIENT_ERROR_PROTOCOL:
      text.title = _("Unexpected Answer");
      text.summary = _("The service sent something Posture does not accept.");
      text.advice = _("Try again; if it persists, report it with the details.");
      break;
    case POSTURE_CLIENT_ERROR_REFUSED_HOST:
      text.title = _("Address Refused");
      text.summary = _("An address outside the selected cloud came up, so Posture sent "
                       "nothing there.");
      text.advice = _("Check the cloud and the base URL of the tenant.");
      break;
    case POSTURE_CLIENT_ERROR_NOT_FOUND:
      text.title = _("Not Found");
      text.summary = _("The service does not know what Posture asked for.");
      text.advice = _("Refresh, or check the tenant in the admin center.");
      break;
    case POSTURE_CLIENT_ERROR_DECLINED:
      text.title = _("Sign-In Declined");
      text.summary = _("The sign-in was declined, or its code expired.");
      text.advice = _("Start the sign-in again.");
      break;
    case POSTURE_CLIENT_ERROR_INVALID_REQUEST:
    default:
      text.title = _("Cannot Send the Request");
      text.summary = _("The request could not be made as it stands.");
      text.advice = _("Check the tenant, the client id, the cloud and the base URL.");
      break;
    }

  return text;
}

static ErrorText
describe (const GError *error)
{
  ErrorText text = {
    _("Something Went Wrong"),
    _("Posture could not finish what it was doing."),
    _("Try again. If it keeps happening, report it with the details."),
    TRUE
  };

  if (error->domain == POSTURE_CLIENT_ERROR)
    return client_error_text ((PostureClientError) error->code);

  if (error->domain == POSTURE_TOKEN_STORE_ERROR)
    {
      if (error->code == POSTURE_TOKEN_STORE_ERROR_NOT_FOUND)
        {
          text.title = _("Not Signed In");
          text.summary = _("No sign-in is stored for this tenant.");
          text.advice = _("Sign in (the tenant menu, or posture-cli login), or set "
                          "POSTURE_CLIENT_ID and POSTURE_CLIENT_SECRET.");
        }
      else
        {
          text.title = _("Keyring Unavailable");
          text.summary = _("Posture keeps sign-ins only in the keyring, and it cannot be used.");
          text.advice = _("Unlock the keyring (GNOME Keyring), or start a keyring service, "
                          "then try again.");
        }
      return text;
    }

  if (error->domain == POSTURE_JSON_ERROR || error->domain == POSTURE_SNAPSHOT_ERROR)
    {
      text.title = _("Unreadable Tenant Data");
      text.summary = _("The data could not be read as a Posture snapshot.");
      text.advice = _("Read the tenant again, or use a snapshot saved by posture-cli snapshot.");
      if (g_error_matches (error, POSTURE_SNAPSHOT_ERROR,
                           POSTURE_SNAPSHOT_ERROR_UNSUPPORTED_VERSION))
        {
          text.summary = _("This snapshot was written by a newer Posture.");
          text.advice = _("Update Posture to open it.");
        }
      else if (g_error_matches (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_LARGE) ||
               g_error_matches (error, POSTURE_JSON_ERROR, POSTURE_JSON_ERROR_TOO_DEEP))
        text.summary = _("The data is larger or deeper than any snapshot Posture writes.");
      return text;
    }

  if (error->domain == POSTURE_ENGINE_ERROR)
    {
      text.title = _("Cannot Assess");
      text.summary = _("The controls or the profile asked for are unknown.");
      text.advice = _("Choose one of the profiles or controls Posture lists "
                      "(posture-cli controls).");
      return text;
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CANCELLED:
          text.title = _("Stopped");
          text.summary = _("The operation was stopped before it finished.");
          text.advice = _("Start it again when you are ready.");
          text.detail = FALSE;
          break;
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_TIMED_OUT:
          return client_error_text (POSTURE_CLIENT_ERROR_NETWORK);
        case G_IO_ERROR_NOT_FOUND:
          text.title = _("File Not Found");
          text.summary = _("There is no such file.");
          text.advice = _("Check the name and the folder.");
          break;
        case G_IO_ERROR_PERMISSION_DENIED:
          text.title = _("Permission Denied");
          text.summary = _("Posture may not read or write that file.");
          text.advice = _("Check the file's permissions, or choose another place.");
          break;
        case G_IO_ERROR_NO_SPACE:
          text.title = _("Disk Full");
          text.summary = _("There is no space left to write.");
          text.advice = _("Free some space, then try again.");
          break;
        case G_IO_ERROR_NOT_SUPPORTED:
          text.title = _("Not Available");
          text.summary = _("This is not available here.");
          text.advice = _("Use another way to do it.");
          break;
        default:
          break;
        }
    }

  return text;
}

const char *
posture_error_get_title (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  return describe (error).title;
}

const char *
posture_error_get_advice (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);
  return describe (error).advice;
}

char *
posture_error_to_text (const GError *error)
{
  ErrorText text;

  g_return_val_if_fail (error != NULL, NULL);

  text = describe (error);
  if (text.detail && error->message != NULL && error->message[0] != '\0')
    /* Translators: what happened, the error's details (often the service's own words, in
     * English), then what to do; each on its own line */
    return g_strdup_printf (_("%s\n%s\n%s"), text.summary, error->message, text.advice);

  /* Translators: what happened, then what to do, on two lines */
  return g_strdup_printf (_("%s\n%s"), text.summary, text.advice);
}
