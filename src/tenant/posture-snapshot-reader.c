/* posture-snapshot-reader.c: posture_tenant_client_read_snapshot_async()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-json.h"
#include "posture-tenant-client-private.h"
#include "posture-tenant-error.h"

#define ENVIRONMENTS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2023-06-01"
#define TENANT_SETTINGS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2023-06-01"
#define DLP_POLICIES_PATH "/providers/PowerPlatform.Governance/v2/policies"

typedef struct
{
  GTask                 *task;          /* owned while requests are out */
  PostureTenantClient   *client;
  PostureTenantProgress *progress;
  GCancellable          *cancellable;   /* child of the caller's, cancelled by the deadline */
  GCancellable          *parent;
  gulong                 parent_handler;
  GSource               *deadline;      /* on the thread-default context of the call */
  guint                  deadline_s;
  gboolean               deadline_hit;
  gulong                 throttled_handler;
  GHashTable            *seen_pages;    /* every page URL asked for, to stop loops */
  guint                  dataverse_requests;
  guint                  outstanding;
  GError                *error;         /* first fatal error */
  gboolean               environments_done;
  guint                  pages;

  char                  *tenant_id;
  char                  *display_name;
  JsonNode              *tenant_settings;
  JsonNode              *tenant_isolation;
  GPtrArray             *environments;  /* JsonNode, in page order */
  GPtrArray             *policies;      /* JsonNode or NULL slots, in list order */
  GHashTable            *dataverse;     /* environment name -> JsonNode */
  GPtrArray             *warnings;
} ReadState;

typedef struct
{
  ReadState *state;
  guint      index;
  char      *name;
} Slot;

static void
read_state_free (gpointer user_data)
{
  ReadState *state = user_data;

  if (state->deadline != NULL)
    {
      g_source_destroy (state->deadline);
      g_clear_pointer (&state->deadline, g_source_unref);
    }
  if (state->throttled_handler != 0)
    g_signal_handler_disconnect (_posture_oauth_get_http (posture_tenant_client_get_oauth (state->client)),
                                 state->throttled_handler);
  g_clear_pointer (&state->seen_pages, g_hash_table_unref);
  if (state->parent_handler != 0)
    g_cancellable_disconnect (state->parent, state->parent_handler);
  g_clear_object (&state->parent);
  g_clear_object (&state->cancellable);
  g_clear_object (&state->progress);
  g_clear_object (&state->client);
  g_clear_error (&state->error);
  g_free (state->tenant_id);
  g_free (state->display_name);
  g_clear_pointer (&state->tenant_settings, json_node_unref);
  g_clear_pointer (&state->tenant_isolation, json_node_unref);
  g_clear_pointer (&state->environments, g_ptr_array_unref);
  g_clear_pointer (&state->policies, g_ptr_array_unref);
  g_clear_pointer (&state->dataverse, g_hash_table_unref);
  g_clear_pointer (&state->warnings, g_ptr_array_unref);
  g_free (state);
}

static void
node_unref0 (gpointer node)
{
  if (node != NULL)
    json_node_unref (node);
}

static Slot *
slot_new (ReadState  *state,
          guint       index,
          const char *name)
{
  Slot *slot = g_new0 (Slot, 1);

  slot->state = state;
  slot->index = index;
  slot->name = g_strdup (name);
  return slot;
}

static void
slot_free (Slot *slot)
{
  g_free (slot->name);
  g_free (slot);
}

static void
fail (ReadState *state,
      GError    *error)
{
  if (state->error == NULL)
    {
      state->error = error;
      /* Stop everything else at once; the callbacks drain before we return. */
      g_cancellable_cancel (state->cancellable);
    }
  else
    g_error_free (error);
}

static JsonNode *
build_snapshot (ReadState *state)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *captured_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  PostureOAuth *oauth = posture_tenant_client_get_oauth (state->client);
  PostureEndpoints *endpoints = posture_oauth_get_endpoints (oauth);
  const char *display_name = state->display_name;

  if (display_name == NULL)
    display_name = posture_oauth_get_tenant (oauth);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "posture_snapshot");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "captured_at");
  json_builder_add_string_value (builder, captured_at);
  json_builder_set_member_name (builder, "cloud");
  json_builder_add_string_value (builder, posture_endpoints_get_cloud_name (endpoints));

  json_builder_set_member_name (builder, "tenant");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, state->tenant_id);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display_name);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sources");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "tenant_settings");
  json_builder_add_value (builder, g_steal_pointer (&state->tenant_settings));

  json_builder_set_member_name (builder, "tenant_isolation");
  if (state->tenant_isolation != NULL)
    json_builder_add_value (builder, g_steal_pointer (&state->tenant_isolation));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "environments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < state->environments->len; i++)
    json_builder_add_value (builder, json_node_ref (g_ptr_array_index (state->environments, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "dlp_policies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < state->policies->len; i++)
    {
      JsonNode *policy = g_ptr_array_index (state->policies, i);

      if (policy != NULL)
        json_builder_add_value (builder, json_node_ref (policy));
    }
  json_builder_end_array (builder);

  /* In environment order, so the file is the same whatever order answers came in. */
  json_builder_set_member_name (builder, "dataverse");
  json_builder_begin_object (builder);
  for (guint i = 0; i < state->environments->len; i++)
    {
      JsonNode *env = g_ptr_array_index (state->environments, i);
      const char *name = posture_json_get_string (json_node_get_object (env), "name");
      JsonNode *entry;

      if (name != NULL && (entry = g_hash_table_lookup (state->dataverse, name)) != NULL)
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_value (builder, json_node_ref (entry));
        }
    }
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Called after every answer: when the last one is in, the task completes once. */
static void
request_done (ReadState *state)
{
  g_autoptr(GTask) task = NULL;

  g_assert (state->outstanding > 0);
  state->outstanding--;

  if (state->progress != NULL)
    {
      posture_tenant_progress_add_done (state->progress, 1);
      if (state->environments_done && state->error == NULL && state->outstanding > 0)
        posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_DATAVERSE);
    }

  if (state->outstanding > 0)
    return;

  task = g_steal_pointer (&state->task);

  if (state->error != NULL || g_cancellable_is_cancelled (state->cancellable))
    {
      GError *error;

      if (state->deadline_hit && (state->error == NULL ||
                                  g_error_matches (state->error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
        error = g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_TIMED_OUT,
                             "Reading the tenant took longer than %u seconds and was stopped; "
                             "try again later", state->deadline_s);
      else if (state->error != NULL)
        error = g_steal_pointer (&state->error);
      else
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");

      if (state->progress != NULL)
        posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_FAILED);
      g_task_return_error (task, error);
      return;
    }

  if (state->progress != NULL)
    posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_DONE);
  g_task_return_pointer (task, build_snapshot (state), (GDestroyNotify) json_node_unref);
}

static void
start_request (ReadState           *state,
               const char          *method,
               const char          *uri,
               PostureRequestFlags  flags,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  state->outstanding++;
  if (state->progress != NULL)
    posture_tenant_progress_add_total (state->progress, 1);
  _posture_tenant_client_request_async (state->client, method, uri, NULL, flags,
                                        state->cancellable, callback, user_data);
}

static gboolean
stopping (ReadState *state)
{
  return state->error != NULL || g_cancellable_is_cancelled (state->cancellable);
}

/* Dataverse */

static JsonNode *
dataverse_error_entry (guint        status,
                       const char  *code,
                       const char  *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char *
code_for_error (const GError *error,
                const char   *service_code)
{
  if (service_code != NULL)
    return service_code;
  if (error->domain != POSTURE_CLIENT_ERROR)
    return "Error";

  switch ((PostureClientError) error->code)
    {
    case POSTURE_CLIENT_ERROR_REFUSED_HOST:    return "RefusedHost";
    case POSTURE_CLIENT_ERROR_NETWORK:         return "NetworkError";
    case POSTURE_CLIENT_ERROR_PROTOCOL:        return "InvalidResponse";
    case POSTURE_CLIENT_ERROR_FORBIDDEN:       return "Forbidden";
    case POSTURE_CLIENT_ERROR_NEEDS_REAUTH:    return "Unauthorized";
    case POSTURE_CLIENT_ERROR_THROTTLED:       return "Throttled";
    case POSTURE_CLIENT_ERROR_SERVER:          return "ServerError";
    case POSTURE_CLIENT_ERROR_NOT_FOUND:       return "NotFound";
    case POSTURE_CLIENT_ERROR_INVALID_REQUEST:
    case POSTURE_CLIENT_ERROR_DECLINED:
    case POSTURE_CLIENT_ERROR_TIMED_OUT:
    case POSTURE_CLIENT_ERROR_NOT_SIGNED_IN:
    default:
      return "Error";
    }
}

static void
dataverse_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Slot *slot = user_data;
  ReadState *state = slot->state;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  guint status = 0;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              &status, &code, &message, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NOT_SIGNED_IN))
        fail (state, g_steal_pointer (&error));
      else
        g_hash_table_replace (state->dataverse, g_strdup (slot->name),
                              dataverse_error_entry (status, code_for_error (error, code),
                                                     message != NULL ? message : error->message));
    }
  else
    {
      JsonArray *rows = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                        ? posture_json_get_array (json_node_get_object (node), "value") : NULL;
      JsonNode *row = rows != NULL && json_array_get_length (rows) > 0
                      ? json_array_get_element (rows, 0) : NULL;

      if (row != NULL && JSON_NODE_HOLDS_OBJECT (row))
        g_hash_table_replace (state->dataverse, g_strdup (slot->name), json_node_ref (row));
      else
        g_hash_table_replace (state->dataverse, g_strdup (slot->name),
                              dataverse_error_entry (status, "InvalidResponse",
                                                     "The organizations answer holds no "
                                                     "organization row"));
    }

  slot_free (slot);
  request_done (state);
}

static void
read_dataverse (ReadState  *state,
                JsonObject *environment)
{
  PostureOAuth *oauth = posture_tenant_client_get_oauth (state->client);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  JsonObject *metadata;
  const char *name = posture_json_get_string (environment, "name");
  const char *instance_url;

  metadata = posture_json_get_path_object (environment, "properties.linkedEnvironmentMetadata");
  if (name == NULL || metadata == NULL)
    return;

  instance_url = posture_json_get_string (metadata, "instanceUrl");
  if (instance_url == NULL || instance_url[0] == '\0')
    {
      g_hash_table_replace (state->dataverse, g_strdup (name),
                            dataverse_error_entry (0, "NoInstanceUrl",
                                                   "The environment has Dataverse but no "
                                                   "instanceUrl"));
      return;
    }

  if (++state->dataverse_requests > posture_oauth_get_options (oauth)->max_items)
    {
      fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                "The tenant lists more than %u environments with Dataverse, "
                                "more than Posture reads; the read was stopped",
                                posture_oauth_get_options (oauth)->max_items));
      return;
    }

  uri = _posture_tenant_client_dataverse_uri (instance_url, POSTURE_DATAVERSE_SELECT);

  /* A foreign instanceUrl is recorded for that environment; reading goes on. */
  if (!posture_endpoints_check_uri (posture_oauth_get_endpoints (oauth), uri, NULL, &error))
    {
      g_debug ("Environment %s: %s", name, error->message);
      g_hash_table_replace (state->dataverse, g_strdup (name),
                            dataverse_error_entry (0, "RefusedHost", error->message));
      return;
    }

  start_request (state, "GET", uri, POSTURE_REQUEST_NONE, dataverse_cb, slot_new (state, 0, name));
}

/* Environments */

static void environments_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
environments_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadState *state = user_data;
  PostureOAuth *oauth = posture_tenant_client_get_oauth (state->client);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *values;
  const char *next_link = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_prefix_error (&error, "Cannot read the environments: ");
      fail (state, g_steal_pointer (&error));
      request_done (state);
      return;
    }

  if (stopping (state))
    {
      request_done (state);
      return;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (values = posture_json_get_array (root = json_node_get_object (node), "value")) == NULL)
    {
      fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                "The environments answer has no \"value\" list"));
      request_done (state);
      return;
    }

  state->pages++;
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *env = json_array_get_element (values, i);

      if (!JSON_NODE_HOLDS_OBJECT (env))
        continue;
      g_ptr_array_add (state->environments, json_node_ref (env));
      read_dataverse (state, json_node_get_object (env));
    }

  /* BAP pages with "nextLink"; accept the OData spellings as well. */
  next_link = posture_json_get_string (root, "nextLink");
  if (next_link == NULL)
    {
      JsonNode *member = NULL;

      posture_json_get_member_ci (root, "@odata.nextLink", &member);
      if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING)
        next_link = json_node_get_string (member);
    }

  if (next_link != NULL && next_link[0] != '\0')
    {
      /* A foreign nextLink fails the read: nothing is sent there. */
      PostureEndpoints *endpoints = posture_oauth_get_endpoints (oauth);

      if (!posture_endpoints_check_uri (endpoints, next_link, NULL, &error))
        {
          g_prefix_error (&error, "The environment list points to its next page elsewhere: ");
          fail (state, g_steal_pointer (&error));
        }
      else if (g_hash_table_contains (state->seen_pages, next_link))
        fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                  "The environment list loops: page %u points back to a page "
                                  "already read; the read was stopped", state->pages));
      else if (state->pages >= posture_oauth_get_options (oauth)->max_pages)
        fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                  "The environment list did not end after %u pages, more than "
                                  "Posture reads; the read was stopped",
                                  posture_oauth_get_options (oauth)->max_pages));
      else
        {
          g_hash_table_add (state->seen_pages, g_strdup (next_link));
          start_request (state, "GET", next_link, POSTURE_REQUEST_URGENT, environments_cb, state);
        }
    }
  else
    state->environments_done = TRUE;

  request_done (state);
}

/* DLP policies */

static void
policy_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Slot *slot = user_data;
  ReadState *state = slot->state;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_prefix_error (&error, "Cannot read DLP policy %s: ", slot->name);
      fail (state, g_steal_pointer (&error));
    }
  else if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                              "DLP policy %s is not an object", slot->name));
  else
    {
      JsonNode **pdata = (JsonNode **) state->policies->pdata;

      g_clear_pointer (&pdata[slot->index], json_node_unref);
      pdata[slot->index] = g_steal_pointer (&node);
    }

  slot_free (slot);
  request_done (state);
}

static void
policies_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *values;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_prefix_error (&error, "Cannot read the DLP policies: ");
      fail (state, g_steal_pointer (&error));
      request_done (state);
      return;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (values = posture_json_get_array (json_node_get_object (node), "value")) == NULL)
    {
      fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                "The DLP policy list has no \"value\" list"));
      request_done (state);
      return;
    }

  if (json_array_get_length (values) > posture_oauth_get_options (
        posture_tenant_client_get_oauth (state->client))->max_items)
    {
      fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                "The tenant lists %u DLP policies, more than the %u Posture "
                                "reads; the read was stopped", json_array_get_length (values),
                                posture_oauth_get_options (
                                  posture_tenant_client_get_oauth (state->client))->max_items));
      request_done (state);
      return;
    }

  for (guint i = 0; i < json_array_get_length (values) && !stopping (state); i++)
    {
      JsonNode *item = json_array_get_element (values, i);
      JsonObject *object_item;
      const char *name;
      g_autofree char *escaped = NULL;
      g_autofree char *path = NULL;
      g_autofree char *uri = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      object_item = json_node_get_object (item);
      name = posture_json_get_path_string (object_item, "policyDefinition.name");
      if (name == NULL)
        name = posture_json_get_string (object_item, "name");
      if (name == NULL || name[0] == '\0')
        continue;

      escaped = g_uri_escape_string (name, NULL, FALSE);
      path = g_strconcat (DLP_POLICIES_PATH "/", escaped, NULL);
      uri = _posture_tenant_client_bap_uri (state->client, path);
      g_ptr_array_add (state->policies, NULL);
      start_request (state, "GET", uri, POSTURE_REQUEST_NONE, policy_cb,
                     slot_new (state, state->policies->len - 1, name));
    }

  request_done (state);
}

/* Tenant settings, isolation, organization */

static void
tenant_settings_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_prefix_error (&error, "Cannot read the tenant settings: ");
      fail (state, g_steal_pointer (&error));
    }
  else if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                              "The tenant settings answer is not an object"));
  else
    state->tenant_settings = g_steal_pointer (&node);

  request_done (state);
}

static void
tenant_isolation_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              &status, NULL, NULL, &error))
    {
      g_prefix_error (&error, "Cannot read the tenant isolation policy: ");
      fail (state, g_steal_pointer (&error));
    }
  else if (status != 404 && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    state->tenant_isolation = g_steal_pointer (&node);
  /* 404 (never configured) or an empty/null body: null in the snapshot. */

  request_done (state);
}

static void
organization_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadState *state = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (state, g_steal_pointer (&error));
      else
        g_ptr_array_add (state->warnings,
                         g_strdup_printf ("Could not read the tenant's name from Microsoft "
                                          "Graph: %s", error->message));
    }
  else
    {
      JsonArray *values = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                          ? posture_json_get_array (json_node_get_object (node), "value") : NULL;
      JsonNode *first = values != NULL && json_array_get_length (values) > 0
                        ? json_array_get_element (values, 0) : NULL;
      const char *name = first != NULL && JSON_NODE_HOLDS_OBJECT (first)
                         ? posture_json_get_string (json_node_get_object (first), "displayName")
                         : NULL;

      if (name != NULL && name[0] != '\0')
        state->display_name = g_utf8_make_valid (name, MIN (strlen (name), 512));
      else
        g_ptr_array_add (state->warnings,
                         g_strdup ("Microsoft Graph returned no organization name"));
    }

  request_done (state);
}

/* Start */

static void
first_token_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReadState *state = user_data;
  PostureOAuth *oauth = POSTURE_OAUTH (object);
  PostureEndpoints *endpoints = posture_oauth_get_endpoints (oauth);
  g_autoptr(PostureSecret) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = NULL;

  token = posture_oauth_get_token_finish (oauth, result, &error);
  if (token == NULL)
    {
      fail (state, g_steal_pointer (&error));
      request_done (state);
      return;
    }

  if (posture_oauth_get_tenant_id (oauth) == NULL)
    {
      fail (state, g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                                "Cannot learn the tenant id of %s: the access token has no "
                                "tid claim; use the tenant id instead of the domain",
                                posture_oauth_get_tenant (oauth)));
      request_done (state);
      return;
    }
  state->tenant_id = g_strdup (posture_oauth_get_tenant_id (oauth));

  if (stopping (state))
    {
      request_done (state);
      return;
    }

  if (state->progress != NULL)
    posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_TENANT);

  uri = _posture_tenant_client_bap_uri (state->client, TENANT_SETTINGS_PATH);
  start_request (state, "POST", uri, POSTURE_REQUEST_NONE, tenant_settings_cb, state);
  g_free (uri);

  path = g_strdup_printf ("/providers/PowerPlatform.Governance/v1/tenants/%s/"
                          "tenantIsolationPolicy?api-version=2020-06-01", state->tenant_id);
  uri = _posture_tenant_client_bap_uri (state->client, path);
  start_request (state, "GET", uri, POSTURE_REQUEST_ALLOW_404, tenant_isolation_cb, state);
  g_free (uri);

  uri = g_strconcat (posture_endpoints_get_graph (endpoints), "/v1.0/organization", NULL);
  start_request (state, "GET", uri, POSTURE_REQUEST_NONE, organization_cb, state);
  g_free (uri);

  uri = _posture_tenant_client_bap_uri (state->client, DLP_POLICIES_PATH);
  start_request (state, "GET", uri, POSTURE_REQUEST_NONE, policies_cb, state);
  g_free (uri);

  uri = _posture_tenant_client_bap_uri (state->client, ENVIRONMENTS_PATH);
  g_hash_table_add (state->seen_pages, g_strdup (uri));
  start_request (state, "GET", uri, POSTURE_REQUEST_URGENT, environments_cb, state);

  if (state->progress != NULL)
    posture_tenant_progress_set_phase (state->progress, POSTURE_READ_PHASE_ENVIRONMENTS);

  request_done (state);
}

static void
parent_cancelled_cb (GCancellable *parent,
                     gpointer      user_data)
{
  GCancellable *child = user_data;

  g_cancellable_cancel (child);
}

static void
throttled_cb (PostureTenantProgress *progress,
              guint                  seconds)
{
  posture_tenant_progress_set_throttled (progress, seconds);
}

static gboolean
deadline_cb (gpointer user_data)
{
  ReadState *state = user_data;

  state->deadline_hit = TRUE;
  g_debug ("The snapshot read passed its deadline; stopping");
  g_cancellable_cancel (state->cancellable);
  return G_SOURCE_REMOVE;
}

void
posture_tenant_client_read_snapshot_async (PostureTenantClient   *self,
                                           PostureTenantProgress *progress,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadState *state;
  PostureOAuth *oauth;
  PostureEndpoints *endpoints;
  const PostureHttpOptions *options;

  g_return_if_fail (POSTURE_IS_TENANT_CLIENT (self));
  g_return_if_fail (progress == NULL || POSTURE_IS_TENANT_PROGRESS (progress));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  oauth = posture_tenant_client_get_oauth (self);
  endpoints = posture_oauth_get_endpoints (oauth);
  options = posture_oauth_get_options (oauth);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_tenant_client_read_snapshot_async);

  state = g_new0 (ReadState, 1);
  state->client = g_object_ref (self);
  state->progress = progress != NULL ? g_object_ref (progress) : NULL;
  state->cancellable = g_cancellable_new ();
  state->environments = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  state->policies = g_ptr_array_new_with_free_func (node_unref0);
  state->dataverse = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) json_node_unref);
  state->warnings = g_ptr_array_new_with_free_func (g_free);
  state->seen_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, state, read_state_free);

  if (cancellable != NULL)
    {
      state->parent = g_object_ref (cancellable);
      state->parent_handler = g_cancellable_connect (cancellable, G_CALLBACK (parent_cancelled_cb),
                                                     state->cancellable, NULL);
    }
  /* The read's own bound, or the caller's time limit when it comes first; the timer
   * runs where the read runs (the CLI iterates a private main context). */
  {
    gint64 now = g_get_monotonic_time ();
    gint64 deadline = 0;

    if (options->read_deadline_s > 0)
      {
        deadline = now + (gint64) options->read_deadline_s * G_USEC_PER_SEC;
        state->deadline_s = options->read_deadline_s;
      }
    if (posture_oauth_get_deadline (oauth) > 0 &&
        (deadline == 0 || posture_oauth_get_deadline (oauth) < deadline))
      {
        deadline = posture_oauth_get_deadline (oauth);
        state->deadline_s = posture_oauth_get_timeout (oauth);
      }
    if (deadline > 0)
      {
        state->deadline = g_timeout_source_new ((guint) MIN ((MAX (0, deadline - now) + 999) / 1000,
                                                             G_MAXUINT));
        g_source_set_callback (state->deadline, deadline_cb, state, NULL);
        g_source_attach (state->deadline, g_main_context_get_thread_default ());
      }
  }
  if (progress != NULL)
    state->throttled_handler = g_signal_connect_object (_posture_oauth_get_http (oauth), "throttled",
                                                        G_CALLBACK (throttled_cb), progress,
                                                        G_CONNECT_SWAPPED);

  if (progress != NULL)
    {
      posture_tenant_progress_reset (progress);
      posture_tenant_progress_set_phase (progress, POSTURE_READ_PHASE_SIGNING_IN);
    }

  /* The task keeps itself alive through state->task until the last answer. */
  state->task = g_steal_pointer (&task);
  state->outstanding = 1;
  if (progress != NULL)
    posture_tenant_progress_add_total (progress, 1);
  posture_oauth_get_token_async (oauth, posture_endpoints_get_bap_scope (endpoints),
                                 FALSE, state->cancellable, first_token_cb, state);
}

JsonNode *
posture_tenant_client_read_snapshot_finish (PostureTenantClient   *self,
                                            GAsyncResult          *result,
                                            char                ***out_warnings,
                                            GError               **error)
{
  JsonNode *snapshot;
  ReadState *state;

  g_return_val_if_fail (POSTURE_IS_TENANT_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_tenant_client_read_snapshot_async, NULL);

  if (out_warnings != NULL)
    *out_warnings = NULL;

  snapshot = g_task_propagate_pointer (G_TASK (result), error);
  if (snapshot == NULL)
    return NULL;

  state = g_task_get_task_data (G_TASK (result));
  if (out_warnings != NULL)
    {
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint i = 0; i < state->warnings->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (state->warnings, i));
      *out_warnings = g_strv_builder_end (builder);
      g_strv_builder_unref (builder);
    }
  return snapshot;
}
