/* posture-fix-runner-verify.c: reading the resource back until it holds the change
 *
 * Each kind of write is read back where Microsoft's own tools read it: the tenant
 * settings with listTenantSettings, the isolation policy at its own URL, a DLP policy
 * with GET v2/policies/{name}, a governance change on the environment, a Dataverse
 * change on the organization row ($select of the columns written). The read must hold
 * the request's expected value; a service that has not caught up yet is read again,
 * a few times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-runner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-api-paths.h"
#include "posture-fix-runner-private.h"
#include "posture-json.h"
#include "posture-tenant-error.h"

char *
_posture_fix_job_read_back_url (GTask       *task,
                                const char **method)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  *method = "GET";
  switch (posture_fix_request_get_kind (job->request))
    {
    case POSTURE_FIX_KIND_TENANT_SETTINGS:
      *method = "POST";
      return _posture_tenant_client_bap_uri (self->client, POSTURE_API_LIST_TENANT_SETTINGS);

    case POSTURE_FIX_KIND_TENANT_ISOLATION:
      return g_strdup (job->url);

    case POSTURE_FIX_KIND_DLP_CREATE:
    case POSTURE_FIX_KIND_DLP_UPDATE:
      escaped = g_uri_escape_string (job->policy_name, NULL, FALSE);
      path = g_strconcat (POSTURE_API_DLP_POLICIES "/", escaped, NULL);
      return _posture_tenant_client_bap_uri (self->client, path);

    case POSTURE_FIX_KIND_GOVERNANCE:
      escaped = g_uri_escape_string (posture_fix_step_get_resource_id (job->step), NULL, FALSE);
      path = g_strdup_printf (POSTURE_API_ENVIRONMENT, escaped);
      return _posture_tenant_client_bap_uri (self->client, path);

    case POSTURE_FIX_KIND_DATAVERSE:
    default:
      {
        JsonNode *body = posture_fix_request_get_body (job->request);
        g_autoptr(GList) members = json_object_get_members (json_node_get_object (body));
        g_autoptr(GString) select = g_string_new ("organizationid");

        for (GList *l = members; l != NULL; l = l->next)
          g_string_append_printf (select, ",%s", (const char *) l->data);
        return _posture_tenant_client_dataverse_uri (posture_fix_request_get_base (job->request),
                                                     select->str);
      }
    }
}

/* The Dataverse answer is an OData list holding the row. */
JsonNode *
_posture_fix_job_read_back_root (PostureFixJob *job,
                                 JsonNode      *node)
{
  JsonArray *rows;

  if (node == NULL || !_posture_fix_job_is_kind (job, POSTURE_FIX_KIND_DATAVERSE))
    return node;
  rows = JSON_NODE_HOLDS_OBJECT (node)
         ? posture_json_get_array (json_node_get_object (node), "value") : NULL;
  return rows != NULL && json_array_get_length (rows) > 0 ? json_array_get_element (rows, 0)
                                                          : NULL;
}

/* Whether @request turns the IP firewall's audit mode off (enforces it): a refusal
 * right after it is most likely the lockout the plan warned about. */
static gboolean
enforces_firewall (PostureFixRequest *request)
{
  JsonNode *body = posture_fix_request_get_body (request);
  JsonNode *audit = NULL;
  gboolean value = TRUE;

  if (posture_fix_request_get_kind (request) != POSTURE_FIX_KIND_DATAVERSE || body == NULL)
    return FALSE;
  posture_json_get_member_ci (json_node_get_object (body), "enableipbasedfirewallruleinauditmode",
                              &audit);
  return audit != NULL && posture_json_node_get_boolean (audit, &value) && !value;
}

static void
job_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *message = NULL;
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node, NULL,
                                              NULL, NULL, &error))
    {
      if (g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_FORBIDDEN) &&
          enforces_firewall (job->request))
        _posture_fix_job_fail_error (task, error, _("The firewall now enforces, and the "
                                                    "environment refuses this computer: the "
                                                    "allow-list leaves it out (only Microsoft "
                                                    "Support can undo a lockout)"));
      else
        _posture_fix_job_fail_error (task, error, _("The change was sent, but reading it back "
                                                    "failed"));
      return;
    }

  if (posture_fix_request_check (job->request, _posture_fix_job_read_back_root (job, node),
                                 &difference))
    {
      _posture_fix_job_next_request (task);
      return;
    }

  if (job->reads < POSTURE_FIX_MAX_READS)
    {
      _posture_fix_job_retry_after (task, self->read_back_interval_ms, _posture_fix_job_read_back,
                                    difference);
      return;
    }

  /* TRANSLATORS: %u is a number of reads, %s what still differs */
  message = g_strdup_printf (_("The service accepted the change, but %u reads later the "
                               "resource still differs: %s"), job->reads, difference);
  _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
}

void
_posture_fix_job_read_back (GTask *task)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  g_autofree char *url = NULL;
  const char *method;

  /* A create whose answer did not name the policy: find it by its display name. */
  if (_posture_fix_job_is_kind (job, POSTURE_FIX_KIND_DLP_CREATE) && job->policy_name == NULL)
    {
      _posture_fix_job_find_policy (task);
      return;
    }

  job->reads++;
  url = _posture_fix_job_read_back_url (task, &method);
  _posture_tenant_client_request_async (self->client, method, url, NULL, POSTURE_REQUEST_READ,
                                        g_task_get_cancellable (task), job_read_cb, task);
}
