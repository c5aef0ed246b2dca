/* posture-fix-runner-recheck.c: a write that may have landed, or met a 409
 *
 * Only what the service applies the same way twice (PUT, PATCH, tenant settings) is
 * sent again blindly. Anything else is checked first: the resource is read as the
 * read-back reads it, and written again only if it does not hold the change; a DLP
 * create is looked for by its display name, so it lands exactly once. A 409 (the
 * environment is busy, or governed by an environment group) is read again the same
 * way (Microsoft's provider: an environment that already holds the change needs
 * nothing more), at most 5 times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-runner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-api-paths.h"
#include "posture-fix-runner-private.h"
#include "posture-json.h"

/* The answer of a read made for the job. FALSE when the read failed: the job then
 * failed, saying @context. */
static gboolean
read_or_fail (GTask         *task,
              GObject       *client,
              GAsyncResult  *result,
              JsonNode     **out_node,
              const char    *context)
{
  GError *error = NULL;

  if (_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (client), result, out_node,
                                             NULL, NULL, NULL, &error))
    return TRUE;

  _posture_fix_job_fail_error (task, error, context);
  return FALSE;
}

/* ------------------------------------------------------------------------- */
/* A DLP create                                                              */
/* ------------------------------------------------------------------------- */

/* The name of the policy whose display name is @wanted in a list of policies. */
static const char *
find_policy_name (JsonNode   *list,
                  const char *wanted)
{
  JsonArray *policies = list != NULL && JSON_NODE_HOLDS_OBJECT (list)
                        ? posture_json_get_array (json_node_get_object (list), "value") : NULL;

  for (guint i = 0; wanted != NULL && policies != NULL && i < json_array_get_length (policies);
       i++)
    {
      JsonNode *item = json_array_get_element (policies, i);
      JsonObject *definition;
      const char *display;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      definition = posture_json_get_object (json_node_get_object (item), "policyDefinition");
      if (definition == NULL)
        definition = json_node_get_object (item);
      display = posture_json_get_string (definition, "displayName");
      name = posture_json_get_string (definition, "name");
      if (display != NULL && name != NULL && g_ascii_strcasecmp (display, wanted) == 0)
        return name;
    }

  return NULL;
}

static void
job_found_policy_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  PostureFixJob *job = _posture_fix_job_get_data (task);
  g_autoptr(JsonNode) node = NULL;
  const char *wanted;
  const char *name;

  if (!read_or_fail (task, object, result, &node, _("Cannot tell whether the data policy was "
                                                    "created: listing the policies failed")))
    return;

  wanted = posture_json_get_path_string (json_node_get_object (posture_fix_request_get_body (
                                                                 job->request)),
                                         "policyDefinition.displayName");
  if ((name = find_policy_name (node, wanted)) != NULL)
    {
      g_debug ("The data policy \"%s\" exists (%s): not creating it again", wanted, name);
      g_free (job->policy_name);
      job->policy_name = g_strdup (name);
      _posture_fix_job_read_back (task);
      return;
    }

  /* It did not land: creating it again makes exactly one. */
  _posture_fix_job_write (task);
}

void
_posture_fix_job_find_policy (GTask *task)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  g_autofree char *url = _posture_tenant_client_bap_uri (self->client, POSTURE_API_DLP_POLICIES);

  _posture_tenant_client_request_async (self->client, "GET", url, NULL, POSTURE_REQUEST_NONE,
                                        g_task_get_cancellable (task), job_found_policy_cb, task);
}

/* ------------------------------------------------------------------------- */
/* Read again, then write again                                              */
/* ------------------------------------------------------------------------- */

static void
job_checked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  PostureFixJob *job = _posture_fix_job_get_data (task);
  g_autoptr(JsonNode) node = NULL;

  if (!read_or_fail (task, object, result, &node, _("Cannot read the resource again to see "
                                                    "whether the change landed")))
    return;

  /* Already holds the change (the first try did land, or another writer made it). */
  if (posture_fix_request_check (job->request, _posture_fix_job_read_back_root (job, node),
                                 NULL))
    {
      _posture_fix_job_next_request (task);
      return;
    }

  _posture_fix_job_write (task);
}

/* Reads the resource as the read-back does, then writes again unless it holds the
 * change. */
static void
job_check_then_write (GTask *task)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  g_autofree char *url = NULL;
  const char *method;

  if (_posture_fix_job_is_kind (job, POSTURE_FIX_KIND_DLP_CREATE))
    {
      _posture_fix_job_find_policy (task);
      return;
    }

  url = _posture_fix_job_read_back_url (task, &method);
  _posture_tenant_client_request_async (self->client, method, url, NULL, POSTURE_REQUEST_READ,
                                        g_task_get_cancellable (task), job_checked_cb, task);
}

void
_posture_fix_job_uncertain (GTask      *task,
                            guint       asked_ms,
                            const char *problem)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  guint ms;

  job->uncertain++;
  if (job->uncertain >= POSTURE_FIX_MAX_UNCERTAIN)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %u is a number of tries, %s the last problem */
      message = g_strdup_printf (_("The service did not take the change after %u tries: %s"),
                                 job->uncertain, problem);
      _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  ms = asked_ms > 0 ? asked_ms : self->retry_delay_ms * job->uncertain;
  /* Sent twice, a PUT, PATCH or tenant-settings write does the same; anything else is
   * looked for first. */
  _posture_fix_job_retry_after (task, ms,
                                posture_fix_request_is_idempotent (job->request)
                                ? _posture_fix_job_write : job_check_then_write,
                                problem);
}

void
_posture_fix_job_conflict (GTask               *task,
                           PostureHttpResponse *response)
{
  PostureFixRunner *self = _posture_fix_job_get_runner (task);
  PostureFixJob *job = _posture_fix_job_get_data (task);
  g_autofree char *words = _posture_fix_runner_service_words (response);
  guint asked = _posture_fix_runner_retry_after_ms (response);

  job->conflicts++;
  if (job->conflicts > POSTURE_FIX_MAX_CONFLICTS)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %u is a number of answers, %s the service's words */
      message = g_strdup_printf (_("The service answered 409 Conflict %u times: the environment "
                                   "is busy with another operation (try again later), or it "
                                   "belongs to an environment group whose rules govern this "
                                   "setting (change it in the group). The service said: %s"),
                                 job->conflicts, words);
      _posture_fix_job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  /* Read again first, then write again. */
  _posture_fix_job_retry_after (task, asked > 0 ? asked : self->retry_delay_ms,
                                job_check_then_write, words);
}
