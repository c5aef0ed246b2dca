/* posture-tenant-writes.c: the remediation writes of PostureTenantClient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-json.h"
#include "posture-tenant-client-private.h"
#include "posture-tenant-error.h"

#define LIST_SETTINGS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/listTenantSettings?api-version=2023-06-01"
#define UPDATE_SETTINGS_PATH \
  "/providers/Microsoft.BusinessAppPlatform/scopes/admin/updateTenantSettings" \
  "?api-version=2023-06-01"
#define DLP_POLICIES_PATH "/providers/PowerPlatform.Governance/v2/policies"

typedef struct
{
  JsonNode *input;       /* the caller's object, copied */
  char     *name;        /* environment, policy name or instance URL */
  char     *read_uri;    /* where the new state is read back */
  char     *id;          /* Dataverse organizationid */
} WriteData;

static void
write_data_free (gpointer user_data)
{
  WriteData *data = user_data;

  g_clear_pointer (&data->input, json_node_unref);
  g_free (data->name);
  g_free (data->read_uri);
  g_free (data->id);
  g_free (data);
}

static GTask *
write_task_new (PostureTenantClient *self,
                gpointer             source_tag,
                JsonObject          *input,
                const char          *name,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  WriteData *data = g_new0 (WriteData, 1);

  g_task_set_source_tag (task, source_tag);
  if (input != NULL)
    {
      g_autoptr(JsonNode) wrapper = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      /* A deep, mutable copy (json_node_copy() shares objects, and our bounded parser
       * seals what it returns): the caller's object is never modified, and the
       * isolation write may add properties.tenantId. It came from our own code, so
       * it parses. */
      json_node_set_object (wrapper, input);
      text = json_to_string (wrapper, FALSE);
      data->input = json_from_string (text, NULL);
    }
  data->name = g_strdup (name);
  g_task_set_task_data (task, data, write_data_free);
  return task;
}

static JsonNode *
write_finish (PostureTenantClient  *self,
              GAsyncResult         *result,
              gpointer              source_tag,
              GError              **error)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The final step of most writes: GET the new state and return it. */
static void
read_back_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_prefix_error (&error, "The change was sent but the new state cannot be read: ");
      g_task_return_error (task, error);
      return;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                               "The change was sent but the service answered the read-back "
                               "with no object");
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
}

static void
read_back (GTask *task)
{
  WriteData *data = g_task_get_task_data (task);

  _posture_tenant_client_request_async (g_task_get_source_object (task), "GET", data->read_uri,
                                        NULL, POSTURE_REQUEST_NONE, g_task_get_cancellable (task),
                                        read_back_cb, task);
}

static void
written_then_read_back_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, NULL,
                                              NULL, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  read_back (g_steal_pointer (&task));
}

/* Tenant settings */

static void
deep_merge (JsonObject *target,
            JsonObject *changes)
{
  g_autoptr(GList) members = json_object_get_members (changes);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *change = json_object_get_member (changes, name);
      JsonNode *current = json_object_get_member (target, name);

      if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) && JSON_NODE_HOLDS_OBJECT (change))
        deep_merge (json_node_get_object (current), json_node_get_object (change));
      else
        json_object_set_member (target, name, json_node_copy (change));
    }
}

static void
settings_updated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* updateTenantSettings answers with the settings; if it did not, read them. */
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
      return;
    }

  _posture_tenant_client_request_async (POSTURE_TENANT_CLIENT (object), "POST",
                                        ((WriteData *) g_task_get_task_data (task))->read_uri,
                                        NULL, POSTURE_REQUEST_NONE, g_task_get_cancellable (task),
                                        read_back_cb, g_object_ref (task));
}

static void
settings_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureTenantClient *self = POSTURE_TENANT_CLIENT (object);
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *uri = NULL;
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (self, result, &node, NULL, NULL, NULL, &error))
    {
      g_prefix_error (&error, "Cannot read the tenant settings before changing them: ");
      g_task_return_error (task, error);
      return;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                               "The tenant settings answer is not an object");
      return;
    }

  deep_merge (json_node_get_object (node), json_node_get_object (data->input));
  uri = _posture_tenant_client_bap_uri (self, UPDATE_SETTINGS_PATH);
  _posture_tenant_client_request_async (self, "POST", uri, node, POSTURE_REQUEST_NONE,
                                        g_task_get_cancellable (task), settings_updated_cb,
                                        g_object_ref (task));
}

void
posture_tenant_client_update_tenant_settings_async (PostureTenantClient *self,
                                                    JsonObject          *changes,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (POSTURE_IS_TENANT_CLIENT (self));
  g_return_if_fail (changes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = write_task_new (self, posture_tenant_client_update_tenant_settings_async, changes, NULL,
                         cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->read_uri = _posture_tenant_client_bap_uri (self, LIST_SETTINGS_PATH);
  _posture_tenant_client_request_async (self, "POST", data->read_uri, NULL, POSTURE_REQUEST_NONE,
                                        cancellable, settings_read_cb, g_steal_pointer (&task));
}

JsonNode *
posture_tenant_client_update_tenant_settings_finish (PostureTenantClient  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error)
{
  return write_finish (self, result, posture_tenant_client_update_tenant_settings_async, error);
}

/* Tenant isolation */

static void
isolation_token_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureTenantClient *self = g_task_get_source_object (task);
  PostureOAuth *oauth = POSTURE_OAUTH (object);
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(PostureSecret) token = NULL;
  g_autofree char *path = NULL;
  JsonObject *properties;
  GError *error = NULL;

  token = posture_oauth_get_token_finish (oauth, result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (posture_oauth_get_tenant_id (oauth) == NULL)
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                               "Cannot learn the tenant id from the access token");
      return;
    }

  properties = posture_json_get_object (json_node_get_object (data->input), "properties");
  if (properties == NULL)
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                               "A tenant isolation policy needs a \"properties\" object");
      return;
    }
  if (posture_json_get_string (properties, "tenantId") == NULL)
    json_object_set_string_member (properties, "tenantId", posture_oauth_get_tenant_id (oauth));

  path = g_strdup_printf ("/providers/PowerPlatform.Governance/v1/tenants/%s/"
                          "tenantIsolationPolicy?api-version=2020-06-01",
                          posture_oauth_get_tenant_id (oauth));
  data->read_uri = _posture_tenant_client_bap_uri (self, path);
  _posture_tenant_client_request_async (self, "PUT", data->read_uri, data->input,
                                        POSTURE_REQUEST_NONE, g_task_get_cancellable (task),
                                        written_then_read_back_cb, g_object_ref (task));
}

void
posture_tenant_client_set_tenant_isolation_async (PostureTenantClient *self,
                                                  JsonObject          *policy,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PostureEndpoints *endpoints;
  PostureOAuth *oauth;

  g_return_if_fail (POSTURE_IS_TENANT_CLIENT (self));
  g_return_if_fail (policy != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  oauth = posture_tenant_client_get_oauth (self);
  endpoints = posture_oauth_get_endpoints (oauth);
  task = write_task_new (self, posture_tenant_client_set_tenant_isolation_async, policy, NULL,
                         cancellable, callback, user_data);
  /* A BAP token first: it tells the tenant id when the user typed a domain. */
  posture_oauth_get_token_async (oauth, posture_endpoints_get_bap_scope (endpoints),
                                 FALSE, cancellable, isolation_token_cb, g_steal_pointer (&task));
}

JsonNode *
posture_tenant_client_set_tenant_isolation_finish (PostureTenantClient  *self,
                                                   GAsyncResult         *result,
                                                   GError              **error)
{
  return write_finish (self, result, posture_tenant_client_set_tenant_isolation_async, error);
}

/* DLP policy */

static void
dlp_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureTenantClient *self = POSTURE_TENANT_CLIENT (object);
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  const char *name = data->name;
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (self, result, &node, NULL, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (name == NULL && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    name = posture_json_get_path_string (json_node_get_object (node), "policyDefinition.name");
  if (name == NULL && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    name = posture_json_get_string (json_node_get_object (node), "name");
  if (name == NULL)
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                               "The DLP policy was created but the answer does not name it");
      return;
    }

  escaped = g_uri_escape_string (name, NULL, FALSE);
  path = g_strconcat (DLP_POLICIES_PATH "/", escaped, NULL);
  data->read_uri = _posture_tenant_client_bap_uri (self, path);
  read_back (g_steal_pointer (&task));
}

void
posture_tenant_client_put_dlp_policy_async (PostureTenantClient *self,
                                            JsonObject          *policy,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  WriteData *data;
  const char *name;

  g_return_if_fail (POSTURE_IS_TENANT_CLIENT (self));
  g_return_if_fail (policy != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  name = posture_json_get_path_string (policy, "policyDefinition.name");
  task = write_task_new (self, posture_tenant_client_put_dlp_policy_async, policy,
                         name != NULL && name[0] != '\0' ? name : NULL,
                         cancellable, callback, user_data);
  data = g_task_get_task_data (task);

  if (posture_json_get_object (policy, "policyDefinition") == NULL)
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                               "A DLP policy needs a \"policyDefinition\" object");
      return;
    }

  if (data->name != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (data->name, NULL, FALSE);
      g_autofree char *path = g_strconcat (DLP_POLICIES_PATH "/", escaped, NULL);

      uri = _posture_tenant_client_bap_uri (self, path);
      _posture_tenant_client_request_async (self, "PATCH", uri, data->input, POSTURE_REQUEST_NONE,
                                            cancellable, dlp_written_cb, g_steal_pointer (&task));
      return;
    }

  uri = _posture_tenant_client_bap_uri (self, DLP_POLICIES_PATH);
  _posture_tenant_client_request_async (self, "POST", uri, data->input, POSTURE_REQUEST_NONE,
                                        cancellable, dlp_written_cb, g_steal_pointer (&task));
}

JsonNode *
posture_tenant_client_put_dlp_policy_finish (PostureTenantClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  return write_finish (self, result, posture_tenant_client_put_dlp_policy_async, error);
}

/* Managed environment */

void
posture_tenant_client_enable_managed_environment_async (PostureTenantClient *self,
                                                        const char          *environment,
                                                        JsonObject          *extended_settings,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  WriteData *data;

  g_return_if_fail (POSTURE_IS_TENANT_CLIENT (self));
  g_return_if_fail (environment != NULL && environment[0] != '\0');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = write_task_new (self, posture_tenant_client_enable_managed_environment_async, NULL,
                         environment, cancellable, callback, user_data);
  data = g_task_get_task_data (task);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protectionLevel");
  json_builder_add_string_value (builder, "Standard");
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "extendedSettings");
  if (extended_settings != NULL)
    {
      JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (copy, extended_settings);
      json_builder_add_value (builder, copy);
    }
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  escaped = g_uri_escape_string (environment, NULL, FALSE);
  path = g_strdup_printf ("/providers/Microsoft.BusinessAppPlatform/environments/%s/"
                          "governanceConfiguration?api-version=2021-04-01", escaped);
  uri = _posture_tenant_client_bap_uri (self, path);
  g_free (path);
  path = g_strdup_printf ("/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/%s"
                          "?api-version=2023-06-01", escaped);
  data->read_uri = _posture_tenant_client_bap_uri (self, path);

  _posture_tenant_client_request_async (self, "POST", uri, body, POSTURE_REQUEST_NONE,
                                        cancellable, written_then_read_back_cb,
                                        g_steal_pointer (&task));
}

JsonNode *
posture_tenant_client_enable_managed_environment_finish (PostureTenantClient  *self,
                                                         GAsyncResult         *result,
                                                         GError              **error)
{
  return write_finish (self, result, posture_tenant_client_enable_managed_environment_async, error);
}

/* Dataverse organization settings */

static void
dataverse_read_back_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  JsonArray *rows;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_prefix_error (&error, "The change was sent but the new settings cannot be read: ");
      g_task_return_error (task, error);
      return;
    }

  rows = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? posture_json_get_array (json_node_get_object (node), "value") : NULL;
  if (rows == NULL || json_array_get_length (rows) == 0 ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (rows, 0)))
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                               "The organizations answer holds no organization row");
      return;
    }

  g_task_return_pointer (task, json_node_ref (json_array_get_element (rows, 0)),
                         (GDestroyNotify) json_node_unref);
}

static void
dataverse_patched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WriteData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, NULL,
                                              NULL, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  _posture_tenant_client_request_async (POSTURE_TENANT_CLIENT (object), "GET", data->read_uri,
                                        NULL, POSTURE_REQUEST_NONE, g_task_get_cancellable (task),
                                        dataverse_read_back_cb, g_object_ref (task));
}

static void
dataverse_id_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WriteData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *uri = NULL;
  GError *error = NULL;
  JsonArray *rows;
  JsonNode *row;
  const char *id;
  gboolean slash;

  if (!_posture_tenant_client_request_finish (POSTURE_TENANT_CLIENT (object), result, &node,
                                              NULL, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  rows = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
         ? posture_json_get_array (json_node_get_object (node), "value") : NULL;
  row = rows != NULL && json_array_get_length (rows) > 0 ? json_array_get_element (rows, 0) : NULL;
  id = row != NULL && JSON_NODE_HOLDS_OBJECT (row)
       ? posture_json_get_string (json_node_get_object (row), "organizationid") : NULL;
  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                               "The organizations answer holds no valid organizationid");
      return;
    }

  slash = g_str_has_suffix (data->name, "/");
  uri = g_strdup_printf ("%s%sapi/data/v9.2/organizations(%s)", data->name, slash ? "" : "/", id);
  _posture_tenant_client_request_async (POSTURE_TENANT_CLIENT (object), "PATCH", uri, data->input,
                                        POSTURE_REQUEST_NONE, g_task_get_cancellable (task),
                                        dataverse_patched_cb, g_object_ref (task));
}

void
posture_tenant_client_update_dataverse_settings_async (PostureTenantClient *self,
                                                       const char          *instance_url,
                                                       JsonObject          *changes,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  WriteData *data;

  g_return_if_fail (POSTURE_IS_TENANT_CLIENT (self));
  g_return_if_fail (instance_url != NULL);
  g_return_if_fail (changes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = write_task_new (self, posture_tenant_client_update_dataverse_settings_async, changes,
                         instance_url, cancellable, callback, user_data);
  data = g_task_get_task_data (task);
  data->read_uri = _posture_tenant_client_dataverse_uri (instance_url, POSTURE_DATAVERSE_SELECT);
  uri = _posture_tenant_client_dataverse_uri (instance_url, "organizationid");
  _posture_tenant_client_request_async (self, "GET", uri, NULL, POSTURE_REQUEST_NONE, cancellable,
                                        dataverse_id_cb, g_steal_pointer (&task));
}

JsonNode *
posture_tenant_client_update_dataverse_settings_finish (PostureTenantClient  *self,
                                                        GAsyncResult         *result,
                                                        GError              **error)
{
  return write_finish (self, result, posture_tenant_client_update_dataverse_settings_async, error);
}
