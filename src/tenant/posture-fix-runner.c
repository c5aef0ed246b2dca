/* posture-fix-runner.c
 *
 * How each call is made follows Microsoft's Terraform provider for Power Platform:
 * the governance POST answers 204, 202 + Location (polled until Succeeded/Failed), or
 * 409, which is told apart by reading the environment again (managed_environment);
 * the isolation PUT answers 200 or 202 (tenant_isolation_policy); a DLP policy is
 * created with POST v2/policies and read back with GET v2/policies/{name}; a Dataverse
 * organization is changed with PATCH organizations({id}) and read back. The admin
 * module's Set-TenantSettings posts only the members it changes.
 *
 * Writes go through an HTTP session of their own that never retries by itself: the
 * shared one retries any method, and a DLP create sent twice makes two policies.
 * Reads go through the tenant client's request primitive (retries, 401, mapping).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-runner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "posture-fix-runner.h"
#include "posture-json.h"
#include "posture-tenant-client-private.h"
#include "posture-tenant-error.h"

#define LIST_SETTINGS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2023-06-01"
#define DLP_POLICIES_PATH "/providers/PowerPlatform.Governance/v2/policies"
#define ENVIRONMENT_PATH \
  "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/%s?api-version=2023-06-01"

#define MAX_PARALLEL     4   /* steps under way at once */
#define MAX_CONFLICTS    5   /* DESIGN.md: a 409 is retried at most 5 times */
#define MAX_UNCERTAIN    5   /* tries of one write the service did not answer for sure */
#define MAX_READS        5   /* reads of a resource that does not show the change yet */

struct _PostureFixRunner
{
  GObject              parent_instance;

  PostureTenantClient *client;
  PostureHttp         *writes;        /* one attempt per request: the runner retries */
  PostureFixPlan      *plan;
  PostureFixStep      *current;
  gboolean             running;
  guint                n_done;
  guint                n_total;

  guint                operation_wait_s;
  guint                poll_interval_ms;
  guint                retry_delay_ms;
  guint                read_back_interval_ms;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PLAN,
  PROP_CURRENT,
  PROP_RUNNING,
  PROP_N_DONE,
  PROP_N_TOTAL,
  PROP_OPERATION_WAIT,
  PROP_POLL_INTERVAL,
  PROP_RETRY_DELAY,
  PROP_READ_BACK_INTERVAL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureFixRunner, posture_fix_runner, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------- */
/* Sending a write (or an operation poll): host rules, token, one attempt    */
/* ------------------------------------------------------------------------- */

typedef struct
{
  char     *method;
  char     *url;
  GBytes   *body;
  char     *scope;
  gboolean  reauthed;
} SendData;

static void
send_data_free (gpointer user_data)
{
  SendData *data = user_data;

  g_free (data->method);
  g_free (data->url);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_free (data->scope);
  g_free (data);
}

static PostureOAuth *
runner_oauth (PostureFixRunner *self)
{
  return posture_tenant_client_get_oauth (self->client);
}

static void send_token_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static void
send_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureFixRunner *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(PostureHttpResponse) response = NULL;
  GError *error = NULL;

  response = posture_http_send_finish (POSTURE_HTTP (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A token that expired early or was revoked: nothing was done; one new token, once. */
  if (response->status == 401 && !data->reauthed)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      data->reauthed = TRUE;
      posture_oauth_get_token_async (runner_oauth (self), data->scope, TRUE, cancellable,
                                     send_token_cb, g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&response),
                         (GDestroyNotify) posture_http_response_free);
}

static void
send_token_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureFixRunner *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(PostureSecret) token = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  token = posture_oauth_get_token_finish (POSTURE_OAUTH (object), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  posture_http_send_async (self->writes, data->method, data->url, "application/json", data->body,
                           token, FALSE, cancellable, send_sent_cb, g_steal_pointer (&task));
}

static void
fix_send_async (PostureFixRunner    *self,
                const char          *method,
                const char          *url,
                JsonNode            *body,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PostureEndpoints *endpoints = posture_oauth_get_endpoints (runner_oauth (self));
  SendData *data = g_new0 (SendData, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, fix_send_async);
  g_task_set_task_data (task, data, send_data_free);
  data->method = g_strdup (method);
  data->url = g_strdup (url);
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      data->body = g_bytes_new_take (text, strlen (text));
    }

  /* The host rules come first: a refused URL gets no request and no token. */
  data->scope = posture_endpoints_dup_scope_for_uri (endpoints, url, &error);
  if (data->scope == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  posture_oauth_get_token_async (runner_oauth (self), data->scope, FALSE, cancellable,
                                 send_token_cb, g_steal_pointer (&task));
}

static PostureHttpResponse *
fix_send_finish (PostureFixRunner  *self,
                 GAsyncResult      *result,
                 GError           **error)
{
  g_assert (g_task_is_valid (result, self));
  g_assert (g_task_get_source_tag (G_TASK (result)) == fix_send_async);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static guint
retry_after_ms (PostureHttpResponse *response)
{
  gint64 ms;

  if (response->retry_after_ms > 0)
    return response->retry_after_ms;
  ms = posture_http_parse_retry_after (soup_message_headers_get_one (response->headers,
                                                                     "Retry-After"), NULL);
  return ms > 0 ? (guint) MIN (ms, G_MAXUINT) : 0;
}

/* The service's own words for a refusal: its message and code, and the status. */
static char *
service_words (PostureHttpResponse *response)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  posture_http_parse_error_body (response->body, &code, &message);
  if (message != NULL && code != NULL)
    return g_strdup_printf ("%s (%s, HTTP %u)", message, code, response->status);
  if (message != NULL || code != NULL)
    return g_strdup_printf ("%s (HTTP %u)", message != NULL ? message : code, response->status);
  /* TRANSLATORS: %u is an HTTP status */
  return g_strdup_printf (_("HTTP %u, with no explanation"), response->status);
}

static JsonNode *
response_json (PostureHttpResponse *response)
{
  if (response->body == NULL || g_bytes_get_size (response->body) == 0)
    return NULL;
  return posture_json_parse_bytes (response->body, POSTURE_JSON_DEFAULT_MAX_DEPTH, NULL);
}

/* ------------------------------------------------------------------------- */
/* One step                                                                  */
/* ------------------------------------------------------------------------- */

typedef struct
{
  PostureFixStep    *step;
  PostureFixRequest *request;
  guint              request_index;
  char              *url;             /* where the write goes */
  char              *operation_url;
  char              *policy_name;     /* a DLP policy's name, once known */
  guint              uncertain;       /* tries the service did not answer for sure */
  guint              conflicts;       /* 409 answers */
  guint              reads;
  gint64             operation_started_us;
  GSource           *timer;
  GSource           *cancel_source;
} Job;

typedef void (*JobFunc) (GTask *task);

static void
job_clear_wait (Job *job)
{
  if (job->timer != NULL)
    {
      g_source_destroy (job->timer);
      g_clear_pointer (&job->timer, g_source_unref);
    }
  if (job->cancel_source != NULL)
    {
      g_source_destroy (job->cancel_source);
      g_clear_pointer (&job->cancel_source, g_source_unref);
    }
}

static void
job_free (gpointer user_data)
{
  Job *job = user_data;

  job_clear_wait (job);
  g_clear_object (&job->step);
  g_clear_object (&job->request);
  g_free (job->url);
  g_free (job->operation_url);
  g_free (job->policy_name);
  g_free (job);
}

static void job_write      (GTask *task);
static void job_poll       (GTask *task);
static void job_read_back  (GTask *task);
static void job_find_policy (GTask *task);

static PostureFixRunner *
job_runner (GTask *task)
{
  return g_task_get_source_object (task);
}

static Job *
job_of (GTask *task)
{
  return g_task_get_task_data (task);
}

/* Microseconds left before the command's time limit, or G_MAXINT64. */
static gint64
time_left_us (PostureFixRunner *self)
{
  gint64 deadline = posture_oauth_get_deadline (runner_oauth (self));

  if (deadline <= 0)
    return G_MAXINT64;
  return MAX (0, deadline - g_get_monotonic_time ());
}

static void
job_finish (GTask             *task,
            PostureFixOutcome  outcome,
            const char        *message)
{
  Job *job = job_of (task);

  g_debug ("%s: %s (%s)", posture_fix_step_get_resource_id (job->step),
           posture_fix_outcome_to_string (outcome), message != NULL ? message : "");
  if (outcome == POSTURE_FIX_OUTCOME_PENDING)
    posture_fix_step_set_operation_url (job->step, job->operation_url);
  posture_fix_step_set_outcome (job->step, outcome, message);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* A failure that is not the service's answer: cancelled (the run stops), the time
 * limit, or one that says what went wrong. Takes @error. */
static void
job_fail_error (GTask      *task,
                GError     *error,
                const char *context)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  message = context != NULL ? g_strdup_printf ("%s: %s", context, error->message)
                            : g_strdup (error->message);
  g_error_free (error);
  job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
}

typedef struct
{
  GTask   *task;
  JobFunc  next;
} WaitData;

static gboolean
job_wait_done_cb (gpointer user_data)
{
  WaitData *wait = user_data;
  GTask *task = wait->task;

  job_clear_wait (job_of (task));
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  wait->next (task);
  return G_SOURCE_REMOVE;
}

static gboolean
job_wait_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  return job_wait_done_cb (user_data);
}

/* Waits @ms (the task's ref travels), then runs @next; a cancellation ends the wait. */
static void
job_wait (GTask   *task,
          guint    ms,
          JobFunc  next)
{
  Job *job = job_of (task);
  WaitData *wait = g_new0 (WaitData, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  wait->task = task;
  wait->next = next;
  job->timer = g_timeout_source_new (ms);
  g_source_set_callback (job->timer, job_wait_done_cb, wait, g_free);
  g_source_attach (job->timer, g_task_get_context (task));
  if (cancellable != NULL)
    {
      job->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (job->cancel_source, G_SOURCE_FUNC (job_wait_cancelled_cb), wait,
                             NULL);
      g_source_attach (job->cancel_source, g_task_get_context (task));
    }
}

/* Waits before retrying, unless the time limit comes first. */
static void
job_retry_after (GTask      *task,
                 guint       ms,
                 JobFunc     next,
                 const char *problem)
{
  PostureFixRunner *self = job_runner (task);
  g_autofree char *message = NULL;

  if ((gint64) ms * 1000 >= time_left_us (self))
    {
      /* TRANSLATORS: %s is the last problem */
      message = g_strdup_printf (_("The time limit ran out before it could be tried again: %s"),
                                 problem);
      job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  job_wait (task, ms, next);
}

static gboolean
request_kind_is (Job            *job,
                 PostureFixKind  kind)
{
  return posture_fix_request_get_kind (job->request) == kind;
}

/* ---- reading the resource back ------------------------------------------ */

static char *
read_back_url (GTask       *task,
               const char **method)
{
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  *method = "GET";
  switch (posture_fix_request_get_kind (job->request))
    {
    case POSTURE_FIX_KIND_TENANT_SETTINGS:
      *method = "POST";
      return _posture_tenant_client_bap_uri (self->client, LIST_SETTINGS_PATH);

    case POSTURE_FIX_KIND_TENANT_ISOLATION:
      return g_strdup (job->url);

    case POSTURE_FIX_KIND_DLP_CREATE:
    case POSTURE_FIX_KIND_DLP_UPDATE:
      escaped = g_uri_escape_string (job->policy_name, NULL, FALSE);
      path = g_strconcat (DLP_POLICIES_PATH "/", escaped, NULL);
      return _posture_tenant_client_bap_uri (self->client, path);

    case POSTURE_FIX_KIND_GOVERNANCE:
      escaped = g_uri_escape_string (posture_fix_step_get_resource_id (job->step), NULL, FALSE);
      path = g_strdup_printf (ENVIRONMENT_PATH, escaped);
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
static JsonNode *
read_back_root (Job      *job,
                JsonNode *node)
{
  JsonArray *rows;

  if (node == NULL || posture_fix_request_get_kind (job->request) != POSTURE_FIX_KIND_DATAVERSE)
    return node;
  rows = JSON_NODE_HOLDS_OBJECT (node)
         ? posture_json_get_array (json_node_get_object (node), "value") : NULL;
  return rows != NULL && json_array_get_length (rows) > 0 ? json_array_get_element (rows, 0)
                                                          : NULL;
}

static void job_next_request (GTask *task);

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
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *difference = NULL;
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node, NULL,
                                              NULL, NULL, &error))
    {
      if (g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_FORBIDDEN) &&
          enforces_firewall (job->request))
        {
          job_fail_error (task, error, _("The firewall now enforces, and the environment "
                                         "refuses this computer: the allow-list leaves it "
                                         "out (only Microsoft Support can undo a lockout)"));
          return;
        }
      job_fail_error (task, error, _("The change was sent, but reading it back failed"));
      return;
    }

  if (posture_fix_request_check (job->request, read_back_root (job, node), &difference))
    {
      job_next_request (task);
      return;
    }

  if (job->reads < MAX_READS)
    {
      job_retry_after (task, self->read_back_interval_ms, job_read_back, difference);
      return;
    }

  {
    g_autofree char *message = NULL;

    /* TRANSLATORS: %u is a number of reads, %s what still differs */
    message = g_strdup_printf (_("The service accepted the change, but %u reads later the "
                                 "resource still differs: %s"), job->reads, difference);
    job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
  }
}

static void
job_read_back (GTask *task)
{
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);
  g_autofree char *url = NULL;
  const char *method;

  if (request_kind_is (job, POSTURE_FIX_KIND_DLP_CREATE) && job->policy_name == NULL)
    {
      job_find_policy (task);
      return;
    }

  job->reads++;
  url = read_back_url (task, &method);
  _posture_tenant_client_request_async (self->client, method, url, NULL, POSTURE_REQUEST_NONE,
                                        g_task_get_cancellable (task), job_read_cb, task);
}

/* ---- a DLP create that may have landed ------------------------------------ */

static void
job_found_policy_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = job_of (task);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *policies;
  GError *error = NULL;
  const char *wanted;
  JsonObject *body;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node, NULL,
                                              NULL, NULL, &error))
    {
      job_fail_error (task, error, _("Cannot tell whether the data policy was created: listing "
                                     "the policies failed"));
      return;
    }

  body = json_node_get_object (posture_fix_request_get_body (job->request));
  wanted = posture_json_get_path_string (body, "policyDefinition.displayName");
  policies = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
             ? posture_json_get_array (json_node_get_object (node), "value") : NULL;
  for (guint i = 0; policies != NULL && i < json_array_get_length (policies); i++)
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
      if (display != NULL && name != NULL && wanted != NULL &&
          g_ascii_strcasecmp (display, wanted) == 0)
        {
          g_debug ("The data policy \"%s\" exists (%s): not creating it again", display, name);
          job->policy_name = g_strdup (name);
          job_read_back (task);
          return;
        }
    }

  /* It did not land: creating it again makes exactly one. */
  job_write (task);
}

/* Before a DLP create is sent again (or read back without its name), the policy is
 * looked for by its display name: it must exist exactly once. */
static void
job_find_policy (GTask *task)
{
  PostureFixRunner *self = job_runner (task);
  g_autofree char *url = _posture_tenant_client_bap_uri (self->client, DLP_POLICIES_PATH);

  _posture_tenant_client_request_async (self->client, "GET", url, NULL, POSTURE_REQUEST_NONE,
                                        g_task_get_cancellable (task), job_found_policy_cb, task);
}

/* ---- a write that may have landed, or met a 409 ---------------------------- */

static void
job_checked_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = job_of (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node, NULL,
                                              NULL, NULL, &error))
    {
      job_fail_error (task, error, _("Cannot read the resource again to see whether the change "
                                     "landed"));
      return;
    }

  /* Already holds the change (the first try did land, or another writer made it). */
  if (posture_fix_request_check (job->request, read_back_root (job, node), NULL))
    {
      job_next_request (task);
      return;
    }

  job_write (task);
}

/* Reads the resource as the read-back does, then writes again unless it holds the
 * change. */
static void
job_check_then_write (GTask *task)
{
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);
  g_autofree char *url = NULL;
  const char *method;

  if (request_kind_is (job, POSTURE_FIX_KIND_DLP_CREATE))
    {
      job_find_policy (task);
      return;
    }

  url = read_back_url (task, &method);
  _posture_tenant_client_request_async (self->client, method, url, NULL, POSTURE_REQUEST_NONE,
                                        g_task_get_cancellable (task), job_checked_cb, task);
}

/* ---- long-running operations -------------------------------------------- */

static gboolean
operation_over (PostureFixRunner *self,
                Job              *job)
{
  gint64 waited = g_get_monotonic_time () - job->operation_started_us;

  return waited >= (gint64) self->operation_wait_s * G_USEC_PER_SEC;
}

static void
job_leave_pending (GTask *task)
{
  g_autofree char *message = NULL;

  /* TRANSLATORS: %u is a number of seconds */
  message = g_strdup_printf (_("The service accepted the change and is still carrying it out "
                               "after %u s; the next reading follows it up"),
                             (guint) ((g_get_monotonic_time () -
                                       job_of (task)->operation_started_us) / G_USEC_PER_SEC));
  job_finish (task, POSTURE_FIX_OUTCOME_PENDING, message);
}

/* The next poll, at the pace the service asked for (never faster than poll-interval),
 * unless the bounded wait or the time limit comes first: then the step is pending. */
static void
job_poll_later (GTask *task,
                guint  asked_ms)
{
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);
  guint ms = MAX (asked_ms, self->poll_interval_ms);
  gint64 end = job->operation_started_us + (gint64) self->operation_wait_s * G_USEC_PER_SEC;

  if (operation_over (self, job) || g_get_monotonic_time () + (gint64) ms * 1000 > end ||
      (gint64) ms * 1000 >= time_left_us (self))
    {
      job_leave_pending (task);
      return;
    }

  job_wait (task, ms, job_poll);
}

static const char *
operation_state (JsonNode *node)
{
  JsonObject *object;
  const char *state;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if ((state = posture_json_get_path_string (object, "state.id")) != NULL)
    return state;
  if ((state = posture_json_get_string (object, "status")) != NULL)
    return state;
  return posture_json_get_path_string (object, "properties.provisioningState");
}

static char *
operation_failure (JsonNode   *node,
                   const char *state)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                       ? json_node_get_object (node) : NULL;
  const char *message = posture_json_get_path_string (object, "error.message");
  const char *code = posture_json_get_path_string (object, "error.code");

  if (message != NULL)
    return g_strdup_printf ("%s (%s%s%s)", message, code != NULL ? code : "",
                            code != NULL ? ", " : "", state);
  /* TRANSLATORS: %s is the operation's final state, such as Failed */
  return g_strdup_printf (_("The service's operation ended %s"), state);
}

static void
job_polled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);
  g_autoptr(PostureHttpResponse) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  const char *state;

  response = fix_send_finish (self, result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          job_fail_error (task, error, NULL);
          return;
        }
      /* A poll that did not get through changes nothing: poll again, within the bound. */
      g_debug ("Polling %s failed: %s", job_of (task)->operation_url, error->message);
      g_error_free (error);
      job_poll_later (task, 0);
      return;
    }

  switch (response->status)
    {
    case 202:
    case 409:
      job_poll_later (task, retry_after_ms (response));
      return;

    case 404:
      /* The service no longer lists the operation: it is over (Microsoft's provider
       * takes it as done); the read-back says how it ended. */
      job_read_back (task);
      return;

    default:
      break;
    }

  if (response->status >= 500 || response->status == 429 || response->status == 408)
    {
      job_poll_later (task, retry_after_ms (response));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_autofree char *words = service_words (response);
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is the service's answer */
      message = g_strdup_printf (_("The service accepted the change, but following its "
                                   "operation failed: %s"), words);
      job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  node = response_json (response);
  state = operation_state (node);
  if (state == NULL || g_ascii_strcasecmp (state, "Succeeded") == 0)
    {
      job_read_back (task);
      return;
    }
  if (g_ascii_strcasecmp (state, "Failed") == 0 || g_ascii_strcasecmp (state, "Canceled") == 0 ||
      g_ascii_strcasecmp (state, "Cancelled") == 0)
    {
      g_autofree char *message = operation_failure (node, state);

      job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  job_poll_later (task, retry_after_ms (response));
}

static void
job_poll (GTask *task)
{
  Job *job = job_of (task);

  fix_send_async (job_runner (task), "GET", job->operation_url, NULL,
                  g_task_get_cancellable (task), job_polled_cb, task);
}

/* ---- the write ------------------------------------------------------------ */

/* A try the service did not answer for sure (no answer, 5xx, 429, 408). */
static void
job_uncertain (GTask      *task,
               guint       asked_ms,
               const char *problem)
{
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);
  guint ms;

  job->uncertain++;
  if (job->uncertain >= MAX_UNCERTAIN)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %u is a number of tries, %s the last problem */
      message = g_strdup_printf (_("The service did not take the change after %u tries: %s"),
                                 job->uncertain, problem);
      job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  ms = asked_ms > 0 ? asked_ms : self->retry_delay_ms * job->uncertain;
  /* Sent twice, a PUT, PATCH or tenant-settings write does the same; anything else is
   * looked for first. */
  job_retry_after (task, ms,
                   posture_fix_request_is_idempotent (job->request) ? job_write
                                                                    : job_check_then_write,
                   problem);
}

static void
job_conflict (GTask               *task,
              PostureHttpResponse *response)
{
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);
  g_autofree char *words = service_words (response);
  guint asked = retry_after_ms (response);

  job->conflicts++;
  if (job->conflicts > MAX_CONFLICTS)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %u is a number of answers, %s the service's words */
      message = g_strdup_printf (_("The service answered 409 Conflict %u times: the environment "
                                   "is busy with another operation (try again later), or it "
                                   "belongs to an environment group whose rules govern this "
                                   "setting (change it in the group). The service said: %s"),
                                 job->conflicts, words);
      job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
      return;
    }

  /* Read again first (Microsoft's provider: a 409 on an environment that already holds
   * the change means there is nothing left to do), then write again. */
  job_retry_after (task, asked > 0 ? asked : self->retry_delay_ms, job_check_then_write, words);
}

static void
job_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);
  Job *job = job_of (task);
  g_autoptr(PostureHttpResponse) response = NULL;
  GError *error = NULL;
  guint status;

  response = fix_send_finish (self, result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NETWORK) ||
          g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL))
        {
          g_autofree char *problem = g_strdup (error->message);

          g_error_free (error);
          job_uncertain (task, 0, problem);
          return;
        }
      job_fail_error (task, error, NULL);
      return;
    }

  status = response->status;
  g_debug ("%s %s -> %u", posture_fix_request_get_method (job->request), job->url, status);

  if (status == 202)
    {
      const char *location = soup_message_headers_get_one (response->headers, "Location");
      g_autoptr(GError) uri_error = NULL;

      if (location == NULL)
        location = soup_message_headers_get_one (response->headers, "Operation-Location");
      if (location == NULL)
        {
          /* Accepted with nothing to follow: the read-back tells when it shows. */
          job_read_back (task);
          return;
        }

      g_free (job->operation_url);
      job->operation_url = g_uri_resolve_relative (job->url, location, G_URI_FLAGS_NONE,
                                                   &uri_error);
      if (job->operation_url == NULL)
        {
          g_autofree char *message = NULL;

          /* TRANSLATORS: %s is the service's Location header */
          message = g_strdup_printf (_("The service accepted the change but named its "
                                       "operation with an invalid URL (%.200s)"), location);
          job_finish (task, POSTURE_FIX_OUTCOME_FAILED, message);
          return;
        }
      job->operation_started_us = g_get_monotonic_time ();
      job_poll_later (task, retry_after_ms (response));
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (request_kind_is (job, POSTURE_FIX_KIND_DLP_CREATE))
        {
          g_autoptr(JsonNode) node = response_json (response);
          JsonObject *object_ = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                                ? json_node_get_object (node) : NULL;
          const char *name = posture_json_get_path_string (object_, "policyDefinition.name");

          if (name == NULL)
            name = posture_json_get_string (object_, "name");
          g_free (job->policy_name);
          job->policy_name = g_strdup (name);
        }
      job_read_back (task);
      return;
    }

  if (status == 409)
    {
      job_conflict (task, response);
      return;
    }

  if (status == 408 || status == 425 || status == 429 || status >= 500)
    {
      g_autofree char *words = service_words (response);

      job_uncertain (task, retry_after_ms (response), words);
      return;
    }

  {
    g_autofree char *words = service_words (response);

    job_finish (task, POSTURE_FIX_OUTCOME_FAILED, words);
  }
}

static void
job_write (GTask *task)
{
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);

  fix_send_async (self, posture_fix_request_get_method (job->request), job->url,
                  posture_fix_request_get_body (job->request), g_task_get_cancellable (task),
                  job_written_cb, task);
}

static gboolean
job_start_request (GTask *task,
                   guint  index)
{
  PostureFixRunner *self = job_runner (task);
  Job *job = job_of (task);
  GListModel *requests = posture_fix_step_get_requests (job->step);

  if (index >= g_list_model_get_n_items (requests))
    return FALSE;

  g_clear_object (&job->request);
  job->request = g_list_model_get_item (requests, index);
  job->request_index = index;
  g_free (job->url);
  job->url = posture_fix_runner_dup_url (self, job->request);
  g_clear_pointer (&job->operation_url, g_free);
  job->uncertain = 0;
  job->conflicts = 0;
  job->reads = 0;
  if (posture_fix_request_get_kind (job->request) == POSTURE_FIX_KIND_DLP_UPDATE)
    {
      JsonNode *body = posture_fix_request_get_body (job->request);

      g_free (job->policy_name);
      job->policy_name = g_strdup (posture_json_get_path_string (json_node_get_object (body),
                                                                 "policyDefinition.name"));
    }

  job_write (task);
  return TRUE;
}

/* The request holds (read back): the next one of the step, or the step is verified. */
static void
job_next_request (GTask *task)
{
  Job *job = job_of (task);

  if (job_start_request (task, job->request_index + 1))
    return;

  job_finish (task, POSTURE_FIX_OUTCOME_VERIFIED,
              _("Verified: reading the resource back shows the change"));
}

/* ------------------------------------------------------------------------- */
/* The run                                                                   */
/* ------------------------------------------------------------------------- */

typedef struct
{
  PostureFixPlan *plan;
  guint           next;
  guint           in_flight;
  gboolean        cancelled;
} RunData;

static void
run_data_free (gpointer user_data)
{
  RunData *data = user_data;

  g_clear_object (&data->plan);
  g_free (data);
}

static void run_next (GTask *task);

static void
set_n_done (PostureFixRunner *self,
            guint             n_done)
{
  if (self->n_done == n_done)
    return;
  self->n_done = n_done;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_DONE]);
}

static void
set_running (PostureFixRunner *self,
             gboolean          running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    data->cancelled = TRUE;

  data->in_flight--;
  set_n_done (self, self->n_done + 1);
  run_next (g_steal_pointer (&task));
}

/* The writes' session follows the client's time limit (posture_oauth_set_timeout()). */
static void
sync_deadline (PostureFixRunner *self)
{
  PostureOAuth *oauth = runner_oauth (self);

  posture_http_set_deadline (self->writes, posture_oauth_get_deadline (oauth),
                             posture_oauth_get_timeout (oauth));
  _posture_http_set_time_scale (self->writes,
                                _posture_http_get_time_scale (_posture_oauth_get_http (oauth)));
}

static void
run_next (GTask *task)
{
  PostureFixRunner *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GListModel *steps = posture_fix_plan_get_steps (data->plan);
  guint n = g_list_model_get_n_items (steps);

  if (!data->cancelled && g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    data->cancelled = TRUE;

  while (!data->cancelled && data->in_flight < MAX_PARALLEL && data->next < n)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (steps, data->next++);
      GTask *job_task;
      Job *job;

      if (g_set_object (&self->current, step))
        g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT]);

      if (posture_fix_step_get_action (step) == POSTURE_FIX_ACTION_SKIP ||
          g_list_model_get_n_items (posture_fix_step_get_requests (step)) == 0)
        {
          posture_fix_step_set_outcome (step, POSTURE_FIX_OUTCOME_SKIPPED,
                                        posture_fix_step_get_reason (step));
          set_n_done (self, self->n_done + 1);
          continue;
        }

      data->in_flight++;
      job_task = g_task_new (self, g_task_get_cancellable (task), job_done_cb,
                             g_object_ref (task));
      g_task_set_source_tag (job_task, run_next);
      job = g_new0 (Job, 1);
      job->step = g_object_ref (step);
      g_task_set_task_data (job_task, job, job_free);
      job_start_request (job_task, 0);   /* the job's task ref travels with it */
    }

  if (data->in_flight > 0 || (!data->cancelled && data->next < n))
    {
      g_object_unref (task);
      return;
    }

  set_running (self, FALSE);
  if (data->cancelled)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The fix was cancelled; the steps not finished may or may not "
                             "have been applied: assess again to see");
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

void
posture_fix_runner_run_async (PostureFixRunner    *self,
                              PostureFixPlan      *plan,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (POSTURE_IS_FIX_RUNNER (self));
  g_return_if_fail (POSTURE_IS_FIX_PLAN (plan));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_fix_runner_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "A fix is already being carried out; wait for it to end");
      return;
    }

  data = g_new0 (RunData, 1);
  data->plan = g_object_ref (plan);
  g_task_set_task_data (task, data, run_data_free);

  sync_deadline (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->plan, plan))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAN]);
  if (g_set_object (&self->current, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT]);
  self->n_total = g_list_model_get_n_items (posture_fix_plan_get_steps (plan));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_TOTAL]);
  set_n_done (self, 0);
  set_running (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));

  run_next (g_steal_pointer (&task));
}

gboolean
posture_fix_runner_run_finish (PostureFixRunner  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_fix_runner_run_async,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* Pending operations, on the next reading                                   */
/* ------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *items;   /* of PosturePendingFix, copies */
  guint      next;
} PollData;

static void
poll_data_free (gpointer user_data)
{
  PollData *data = user_data;

  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

static void poll_next (GTask *task);

static void
poll_set (PosturePendingFix *item,
          PostureFixOutcome  outcome,
          char              *message)
{
  item->outcome = outcome;
  g_free (item->message);
  item->message = message;
}

static void
pending_polled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PollData *data = g_task_get_task_data (task);
  PosturePendingFix *item = g_ptr_array_index (data->items, data->next);
  g_autoptr(PostureHttpResponse) response = NULL;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  const char *state;

  response = fix_send_finish (POSTURE_FIX_RUNNER (object), result, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          return;
        }
      /* TRANSLATORS: %s says why the operation could not be read */
      poll_set (item, POSTURE_FIX_OUTCOME_PENDING,
                g_strdup_printf (_("Still pending: its operation could not be read (%s)"),
                                 error->message));
      g_error_free (error);
    }
  else if (response->status == 404)
    poll_set (item, POSTURE_FIX_OUTCOME_VERIFIED,
              g_strdup (_("The service no longer lists the operation: it is over, and this "
                          "reading shows the result")));
  else if (response->status == 202 || response->status == 409 || response->status >= 500 ||
           response->status == 429)
    poll_set (item, POSTURE_FIX_OUTCOME_PENDING,
              g_strdup (_("The service is still carrying out the change")));
  else if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    poll_set (item, POSTURE_FIX_OUTCOME_FAILED, service_words (response));
  else
    {
      node = response_json (response);
      state = operation_state (node);
      if (state == NULL || g_ascii_strcasecmp (state, "Succeeded") == 0)
        poll_set (item, POSTURE_FIX_OUTCOME_VERIFIED,
                  g_strdup (_("The service finished the change (the operation succeeded)")));
      else if (g_ascii_strcasecmp (state, "Failed") == 0 ||
               g_ascii_strcasecmp (state, "Canceled") == 0 ||
               g_ascii_strcasecmp (state, "Cancelled") == 0)
        poll_set (item, POSTURE_FIX_OUTCOME_FAILED, operation_failure (node, state));
      else
        poll_set (item, POSTURE_FIX_OUTCOME_PENDING,
                  g_strdup (_("The service is still carrying out the change")));
    }

  data->next++;
  poll_next (g_steal_pointer (&task));
}

static void
poll_next (GTask *task)
{
  PostureFixRunner *self = g_task_get_source_object (task);
  PollData *data = g_task_get_task_data (task);
  PosturePendingFix *item;

  if (data->next >= data->items->len)
    {
      g_task_return_pointer (task, g_ptr_array_ref (data->items),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  item = g_ptr_array_index (data->items, data->next);
  fix_send_async (self, "GET", item->operation_url, NULL, g_task_get_cancellable (task),
                  pending_polled_cb, task);
}

void
posture_fix_runner_poll_pending_async (PostureFixRunner    *self,
                                       GPtrArray           *pending,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PollData *data;

  g_return_if_fail (POSTURE_IS_FIX_RUNNER (self));
  g_return_if_fail (pending != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_fix_runner_poll_pending_async);
  data = g_new0 (PollData, 1);
  data->items = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_pending_fix_free);
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (data->items, posture_pending_fix_copy (g_ptr_array_index (pending, i)));
  g_task_set_task_data (task, data, poll_data_free);

  sync_deadline (self);
  poll_next (g_steal_pointer (&task));
}

GPtrArray *
posture_fix_runner_poll_pending_finish (PostureFixRunner  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_fix_runner_poll_pending_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* The object                                                                */
/* ------------------------------------------------------------------------- */

static void
posture_fix_runner_constructed (GObject *object)
{
  PostureFixRunner *self = (PostureFixRunner *) object;
  PostureHttpOptions options;

  G_OBJECT_CLASS (posture_fix_runner_parent_class)->constructed (object);

  g_assert (POSTURE_IS_TENANT_CLIENT (self->client));

  /* The client's limits, with one attempt per request. */
  options = *posture_oauth_get_options (runner_oauth (self));
  options.max_attempts = 1;
  self->writes = posture_http_new (&options);
}

static void
posture_fix_runner_dispose (GObject *object)
{
  PostureFixRunner *self = (PostureFixRunner *) object;

  g_clear_object (&self->writes);
  g_clear_object (&self->plan);
  g_clear_object (&self->current);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (posture_fix_runner_parent_class)->dispose (object);
}

static void
posture_fix_runner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;
    case PROP_OPERATION_WAIT:
      g_value_set_uint (value, self->operation_wait_s);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval_ms);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay_ms);
      break;
    case PROP_READ_BACK_INTERVAL:
      g_value_set_uint (value, self->read_back_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (PostureFixRunner *self,
          guint            *field,
          guint             value,
          guint             prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

static void
posture_fix_runner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PostureFixRunner *self = POSTURE_FIX_RUNNER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_OPERATION_WAIT:
      set_uint (self, &self->operation_wait_s, g_value_get_uint (value), prop_id);
      break;
    case PROP_POLL_INTERVAL:
      set_uint (self, &self->poll_interval_ms, g_value_get_uint (value), prop_id);
      break;
    case PROP_RETRY_DELAY:
      set_uint (self, &self->retry_delay_ms, g_value_get_uint (value), prop_id);
      break;
    case PROP_READ_BACK_INTERVAL:
      set_uint (self, &self->read_back_interval_ms, g_value_get_uint (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_runner_class_init (PostureFixRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = posture_fix_runner_constructed;
  object_class->dispose = posture_fix_runner_dispose;
  object_class->get_property = posture_fix_runner_get_property;
  object_class->set_property = posture_fix_runner_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, POSTURE_TYPE_TENANT_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PLAN] = g_param_spec_object ("plan", NULL, NULL, POSTURE_TYPE_FIX_PLAN, ro);
  properties [PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, POSTURE_TYPE_FIX_STEP, ro);
  properties [PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties [PROP_N_DONE] = g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_OPERATION_WAIT] =
    g_param_spec_uint ("operation-wait", NULL, NULL, 0, 86400, 300, rw);
  properties [PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 1, 3600000, 5000, rw);
  properties [PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 1, 3600000, 10000, rw);
  properties [PROP_READ_BACK_INTERVAL] =
    g_param_spec_uint ("read-back-interval", NULL, NULL, 1, 3600000, 2000, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_fix_runner_init (PostureFixRunner *self)
{
  self->operation_wait_s = 300;
  self->poll_interval_ms = 5000;
  self->retry_delay_ms = 10000;
  self->read_back_interval_ms = 2000;
}

/**
 * posture_fix_runner_new:
 *
 * Returns: (transfer full): a runner for @client's tenant
 */
PostureFixRunner *
posture_fix_runner_new (PostureTenantClient *client)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_CLIENT (client), NULL);

  return g_object_new (POSTURE_TYPE_FIX_RUNNER, "client", client, NULL);
}

PostureTenantClient *
posture_fix_runner_get_client (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  return self->client;
}

PostureFixPlan *
posture_fix_runner_get_plan (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  return self->plan;
}

PostureFixStep *
posture_fix_runner_get_current (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  return self->current;
}

gboolean
posture_fix_runner_get_running (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), FALSE);
  return self->running;
}

guint
posture_fix_runner_get_n_done (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), 0);
  return self->n_done;
}

guint
posture_fix_runner_get_n_total (PostureFixRunner *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), 0);
  return self->n_total;
}

char *
posture_fix_runner_dup_url (PostureFixRunner  *self,
                            PostureFixRequest *request)
{
  PostureEndpoints *endpoints;

  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  g_return_val_if_fail (POSTURE_IS_FIX_REQUEST (request), NULL);

  endpoints = posture_oauth_get_endpoints (runner_oauth (self));
  return posture_fix_request_dup_url (request, posture_endpoints_get_bap (endpoints),
                                      posture_endpoints_get_graph (endpoints));
}

JsonNode *
posture_fix_runner_plan_to_json (PostureFixRunner *self,
                                 PostureFixPlan   *plan,
                                 gboolean          dry_run)
{
  PostureEndpoints *endpoints;

  g_return_val_if_fail (POSTURE_IS_FIX_RUNNER (self), NULL);
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (plan), NULL);

  endpoints = posture_oauth_get_endpoints (runner_oauth (self));
  return posture_fix_plan_to_json (plan, posture_endpoints_get_bap (endpoints),
                                   posture_endpoints_get_graph (endpoints), dry_run);
}
