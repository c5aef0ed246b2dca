/* posture-demo-operations.c: the demo tenant's long-running operations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A governance write or an asynchronous isolation write answers 202 with a Location to
 * poll and a Retry-After; the change lands only when its operation completes. An
 * operation completes on the poll after the configured number of Running answers, or,
 * when nobody polls, once its time is up (checked on every request, no timers), so a
 * client that never polls still sees the change eventually, as on the real service.
 *
 * Governance operations are BAP lifecycle operations, polled as Microsoft's Terraform
 * provider polls them (internal/api/lifecycle.go): 200 with state.id Running, then
 * Succeeded or Failed, in the shape of its get_lifecycle.json fixtures. The isolation
 * write's operation answers 202 while running and 200 when done, which is what the
 * provider's tenant isolation client waits for; its URL and body are ours (the real
 * ones are not published), in Azure's async-operation style.
 */

#define G_LOG_DOMAIN "posture-demo-operations"

#include "config.h"

#include "posture-demo-private.h"

#define LIFECYCLE_PATH "/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/"
#define ISOLATION_OPS_PATH "/providers/PowerPlatform.Governance/v1/operations/"

typedef struct
{
  char                     *id;
  PostureDemoOperationKind  kind;
  char                     *target;     /* environment name, or the tenant id */
  char                     *type_id;    /* EnableGovernanceConfiguration, … */
  JsonObject               *payload;    /* what lands on completion */
  guint                     polls_left;
  gint64                    deadline;   /* monotonic µs */
  gboolean                  done;
  char                     *created;
  char                     *finished;
} Operation;

struct _PostureDemoOperations
{
  GHashTable *by_id;   /* lower-case id -> Operation */
};

static void
operation_free (gpointer data)
{
  Operation *op = data;

  g_free (op->id);
  g_free (op->target);
  g_free (op->type_id);
  g_clear_pointer (&op->payload, json_object_unref);
  g_free (op->created);
  g_free (op->finished);
  g_free (op);
}

PostureDemoOperations *
_posture_demo_operations_new (void)
{
  PostureDemoOperations *ops = g_new0 (PostureDemoOperations, 1);

  ops->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, operation_free);
  return ops;
}

void
_posture_demo_operations_free (PostureDemoOperations *ops)
{
  if (ops == NULL)
    return;

  g_clear_pointer (&ops->by_id, g_hash_table_unref);
  g_free (ops);
}

static void
complete (PostureDemoScenario *scenario,
          Operation           *op)
{
  op->done = TRUE;
  op->finished = _posture_demo_now_string ();

  if (op->kind == POSTURE_DEMO_OPERATION_GOVERNANCE)
    _posture_demo_bap_apply_governance (scenario, op->target, op->payload);
  else
    _posture_demo_isolation_apply (scenario, op->payload);
  g_debug ("Operation %s (%s on %s) succeeded", op->id, op->type_id, op->target);
}

char *
_posture_demo_operations_start (PostureDemoRequest        *req,
                                PostureDemoOperationKind   kind,
                                const char                *target,
                                const char                *type_id,
                                JsonObject                *payload)
{
  PostureDemoOperations *ops = req->scenario->operations;
  Operation *op = g_new0 (Operation, 1);

  op->id = _posture_demo_new_guid (req->scenario->rand);
  op->kind = kind;
  op->target = g_strdup (target);
  op->type_id = g_strdup (type_id);
  op->payload = payload;
  op->polls_left = req->config->operation_polls;
  op->deadline = g_get_monotonic_time () + (gint64) req->config->operation_timeout_ms * 1000;
  op->created = _posture_demo_now_string ();
  g_hash_table_insert (ops->by_id, op->id, op);

  if (kind == POSTURE_DEMO_OPERATION_GOVERNANCE)
    return g_strdup_printf ("%s" LIFECYCLE_PATH "%s?api-version=2023-06-01", req->base_uri, op->id);
  return g_strdup_printf ("%s" ISOLATION_OPS_PATH "%s?api-version=2020-06-01", req->base_uri,
                          op->id);
}

gboolean
_posture_demo_operations_busy (PostureDemoScenario      *scenario,
                               PostureDemoOperationKind  kind,
                               const char               *target)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, scenario->operations->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Operation *op = value;

      if (!op->done && op->kind == kind && g_ascii_strcasecmp (op->target, target) == 0)
        return TRUE;
    }
  return FALSE;
}

void
_posture_demo_operations_tick (PostureDemoScenario *scenario)
{
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, scenario->operations->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Operation *op = value;

      if (!op->done && now >= op->deadline)
        complete (scenario, op);
    }
}

static JsonObject *
new_state (const char *id)
{
  return _posture_demo_strings_object ("id", id, NULL);
}

static JsonObject *
new_path (const char *path)
{
  return _posture_demo_strings_object ("path", path, NULL);
}

/* The lifecycle operation as terraform-provider-power-platform's fixtures show it. */
static JsonObject *
render_lifecycle (Operation *op)
{
  static const char * const stages[] = { "Validate", "Prepare", "Run", "Finalize" };
  JsonObject *obj = json_object_new ();
  JsonObject *links = json_object_new ();
  JsonArray *list = json_array_new ();
  g_autofree char *self_path = g_strconcat (LIFECYCLE_PATH, op->id, NULL);
  g_autofree char *env_path = NULL;
  const char *state = op->done ? "Succeeded" : "Running";

  env_path = g_strconcat ("/providers/Microsoft.BusinessAppPlatform/environments/", op->target,
                          NULL);
  json_object_set_string_member (obj, "id", op->id);
  json_object_set_object_member (links, "self", new_path (self_path));
  json_object_set_object_member (links, "environment", new_path (env_path));
  json_object_set_object_member (obj, "links", links);
  json_object_set_object_member (obj, "type", new_state (op->type_id));
  json_object_set_string_member (obj, "typeDisplayName",
                                 g_str_equal (op->type_id, "EnableGovernanceConfiguration")
                                 ? "Enable Managed Environment"
                                 : g_str_equal (op->type_id, "DisableGovernanceConfiguration")
                                 ? "Disable Managed Environment"
                                 : "Update Managed Environment");
  json_object_set_object_member (obj, "state", new_state (state));
  json_object_set_string_member (obj, "createdDateTime", op->created);
  json_object_set_string_member (obj, "lastActionDateTime", op->done ? op->finished : op->created);
  json_object_set_object_member (obj, "requestedBy",
                                 _posture_demo_strings_object ("id", POSTURE_DEMO_CLIENT_OBJECT_ID,
                                                               "displayName", "ServicePrincipal",
                                                               "type", "ServicePrincipal",
                                                               "tenantId", POSTURE_DEMO_TENANT_ID,
                                                               NULL));

  /* Validate and Prepare are done at once; Run runs until the operation completes. */
  for (guint i = 0; i < G_N_ELEMENTS (stages) && (op->done || i < 3); i++)
    {
      JsonObject *stage = json_object_new ();
      gboolean finished = op->done || i < 2;

      json_object_set_string_member (stage, "id", stages[i]);
      json_object_set_string_member (stage, "name", stages[i]);
      json_object_set_object_member (stage, "state", new_state (finished ? "Succeeded"
                                                                         : "Running"));
      json_object_set_string_member (stage, "firstActionDateTime", op->created);
      json_object_set_string_member (stage, "lastActionDateTime",
                                     finished && op->done ? op->finished : op->created);
      json_array_add_object_element (list, stage);
    }
  json_object_set_array_member (obj, "stages", list);

  return obj;
}

static JsonObject *
render_async (Operation *op)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *id = g_strconcat (ISOLATION_OPS_PATH, op->id, NULL);

  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "name", op->id);
  json_object_set_string_member (obj, "status", op->done ? "Succeeded" : "Running");
  json_object_set_string_member (obj, "startTime", op->created);
  if (op->done)
    json_object_set_string_member (obj, "endTime", op->finished);
  return obj;
}

static PostureDemoReply *
poll (PostureDemoRequest       *req,
      PostureDemoOperationKind  kind,
      const char               *id)
{
  g_autofree char *key = g_ascii_strdown (id, -1);
  Operation *op = g_hash_table_lookup (req->scenario->operations->by_id, key);
  g_autoptr(JsonObject) body = NULL;
  PostureDemoReply *reply;

  if (op == NULL || op->kind != kind)
    {
      g_autofree char *msg = g_strdup_printf ("The operation '%.64s' could not be found.", id);

      return _posture_demo_reply_new_bap_error (404, "OperationNotFound", msg);
    }

  if (!op->done)
    {
      if (op->polls_left > 0)
        op->polls_left--;
      else
        complete (req->scenario, op);
    }

  if (kind == POSTURE_DEMO_OPERATION_GOVERNANCE)
    {
      body = render_lifecycle (op);
      reply = _posture_demo_reply_new_object (200, body);
    }
  else
    {
      body = render_async (op);
      reply = _posture_demo_reply_new_object (op->done ? 200 : 202, body);
      if (!op->done)
        reply->location = g_strdup_printf ("%s" ISOLATION_OPS_PATH "%s?api-version=2020-06-01",
                                           req->base_uri, op->id);
    }
  if (!op->done)
    reply->retry_after = (int) req->config->operation_retry_after;
  return reply;
}

/* GET providers/Microsoft.BusinessAppPlatform/lifecycleOperations/{id}?api-version=…
 * GET providers/PowerPlatform.Governance/v1/operations/{id}?api-version=… */
PostureDemoReply *
_posture_demo_operations_route (PostureDemoRequest *req)
{
  static const char * const lifecycle_versions[] = {
    "2020-08-01", "2020-10-01", "2021-04-01", "2023-06-01", NULL };
  static const char * const isolation_versions[] = { "2020-06-01", NULL };
  char **s = req->segs;
  PostureDemoOperationKind kind;
  PostureDemoReply *reply;

  if (req->n_segs == 4 && g_str_equal (s[1], "Microsoft.BusinessAppPlatform") &&
      g_str_equal (s[2], "lifecycleOperations"))
    kind = POSTURE_DEMO_OPERATION_GOVERNANCE;
  else if (req->n_segs == 5 && g_str_equal (s[1], "PowerPlatform.Governance") &&
           g_str_equal (s[2], "v1") && g_str_equal (s[3], "operations"))
    kind = POSTURE_DEMO_OPERATION_ISOLATION;
  else
    return NULL;

  if (!_posture_demo_request_is (req, "GET"))
    return _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);
  if ((reply = _posture_demo_check_api_version (req, kind == POSTURE_DEMO_OPERATION_GOVERNANCE
                                                     ? lifecycle_versions : isolation_versions,
                                                TRUE)))
    return reply;

  return poll (req, kind, s[req->n_segs - 1]);
}
