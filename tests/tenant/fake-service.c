/* fake-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fake-service.h"
#include "posture-json.h"

#define BAP_AUDIENCE "https://service.powerapps.com"

typedef enum
{
  OPERATION_GOVERNANCE,
  OPERATION_ISOLATION,
} OperationKind;

typedef struct
{
  OperationKind  kind;
  char          *environment;
  JsonObject    *change;       /* governance body, or the isolation policy */
  guint          polls;
  gboolean       done;
} Operation;

static void
operation_free (gpointer data)
{
  Operation *op = data;

  g_free (op->environment);
  g_clear_pointer (&op->change, json_object_unref);
  g_free (op);
}

static void
environment_free (gpointer data)
{
  FakeEnvironment *env = data;

  g_free (env->name);
  g_free (env->display_name);
  g_free (env->sku);
  g_free (env->organization_id);
  g_clear_pointer (&env->row, json_object_unref);
  g_clear_pointer (&env->extended, json_object_unref);
  g_free (env);
}

static char *
b64url (const char *text)
{
  char *b64 = g_base64_encode ((const guchar *) text, strlen (text));

  for (char *p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return b64;
}

static JsonObject *
parse_object (const char *data,
              gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (length < 0)
    length = (gssize) strlen (data);
  if (length == 0 || !json_parser_load_from_data (parser, data, (gssize) length, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       JsonObject        *object)
{
  soup_server_message_set_status (msg, status, NULL);
  if (object != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      char *text;

      json_node_set_object (node, object);
      text = json_to_string (node, FALSE);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                        strlen (text));
    }
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  json_object_set_object_member (root, "error", error);
  reply (msg, status, root);
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  return parse_object (text, -1);
}

/* Case-insensitive merge, as the services treat member names. */
static void
merge (JsonObject *target,
       JsonObject *changes)
{
  g_autoptr(GList) members = json_object_get_members (changes);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *change = json_object_get_member (changes, name);
      g_autoptr(GList) existing = json_object_get_members (target);
      const char *key = name;
      JsonNode *current;

      for (GList *e = existing; e != NULL; e = e->next)
        if (g_ascii_strcasecmp (e->data, name) == 0)
          key = e->data;
      current = json_object_get_member (target, key);
      if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) && JSON_NODE_HOLDS_OBJECT (change))
        merge (json_node_get_object (current), json_node_get_object (change));
      else
        json_object_set_member (target, key, json_node_copy (change));
    }
}

FakeEnvironment *
fake_service_lookup (FakeService *fake,
                     const char  *name)
{
  for (guint i = 0; i < fake->environments->len; i++)
    {
      FakeEnvironment *env = g_ptr_array_index (fake->environments, i);

      if (g_ascii_strcasecmp (env->name, name) == 0)
        return env;
    }
  return NULL;
}

static JsonObject *
environment_json (FakeService     *fake,
                  FakeEnvironment *env)
{
  JsonObject *object = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonObject *governance = json_object_new ();
  JsonObject *settings = json_object_new ();
  g_autofree char *id = g_strconcat ("/providers/Microsoft.BusinessAppPlatform/scopes/admin/"
                                     "environments/", env->name, NULL);

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "name", env->name);
  json_object_set_string_member (object, "location", "europe");
  json_object_set_string_member (properties, "displayName", env->display_name);
  json_object_set_string_member (properties, "environmentSku", env->sku);
  json_object_set_boolean_member (properties, "isDefault", FALSE);
  if (env->dataverse)
    {
      JsonObject *linked = json_object_new ();
      g_autofree char *url = g_strdup_printf ("%s/dataverse/%s/", fake->base, env->name);

      json_object_set_string_member (linked, "instanceUrl", url);
      json_object_set_string_member (linked, "securityGroupId",
                                     "9f3c1e4a-1b2c-4d5e-8f90-123456789abc");
      json_object_set_object_member (properties, "linkedEnvironmentMetadata", linked);
    }
  else
    json_object_set_null_member (properties, "linkedEnvironmentMetadata");
  json_object_set_string_member (governance, "protectionLevel",
                                 env->managed ? "Standard" : "Basic");
  json_object_set_object_member (settings, "extendedSettings", copy_object (env->extended));
  json_object_set_object_member (governance, "settings", settings);
  json_object_set_object_member (properties, "governanceConfiguration", governance);
  json_object_set_object_member (object, "properties", properties);
  return object;
}

FakeEnvironment *
fake_service_add_environment (FakeService *fake,
                              const char  *name,
                              const char  *sku,
                              gboolean     managed,
                              gboolean     dataverse)
{
  FakeEnvironment *env = g_new0 (FakeEnvironment, 1);
  static const char *off[] = {
    "enableipbasedfirewallrule", "enableipbasedfirewallruleinauditmode",
    "enableipbasedcookiebinding", "isauditenabled", "iscontentsecuritypolicyenabled",
    "iscontentsecuritypolicyenabledforcanvas",
  };

  env->name = g_strdup (name);
  env->display_name = g_strdup_printf ("Environment %s", name);
  env->sku = g_strdup (sku);
  env->managed = managed;
  env->dataverse = dataverse;
  env->organization_id = g_uuid_string_random ();
  env->row = json_object_new ();
  json_object_set_string_member (env->row, "organizationid", env->organization_id);
  for (guint i = 0; i < G_N_ELEMENTS (off); i++)
    json_object_set_boolean_member (env->row, off[i], FALSE);
  json_object_set_string_member (env->row, "allowediprangeforfirewall", "");
  env->extended = json_object_new ();
  json_object_set_string_member (env->extended, "limitSharingMode", "noLimit");
  json_object_set_string_member (env->extended, "maxLimitUserSharing", "-1");
  g_ptr_array_add (fake->environments, env);
  return env;
}

/* ---- tokens ---------------------------------------------------------------- */

static void
handle_token (FakeService       *fake,
              SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = g_strndup (body->data, body->length);
  g_autoptr(GHashTable) form = soup_form_decode (text);
  const char *scope = g_hash_table_lookup (form, "scope");
  g_autofree char *aud = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *h = b64url ("{\"alg\":\"none\",\"typ\":\"JWT\"}");
  g_autofree char *p = NULL;
  g_autofree char *json = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "client_credentials") != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_id"), FAKE_SERVICE_CLIENT_ID) != 0 ||
      g_strcmp0 (g_hash_table_lookup (form, "client_secret"), FAKE_SERVICE_SECRET) != 0 ||
      scope == NULL || !g_str_has_suffix (scope, "/.default"))
    {
      soup_server_message_set_status (msg, 400, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"invalid_client\"}", 26);
      return;
    }

  aud = g_strndup (scope, strlen (scope) - strlen ("/.default"));
  payload = g_strdup_printf ("{\"aud\":\"%s\",\"tid\":\"%s\",\"iat\":%" G_GINT64_FORMAT
                             ",\"exp\":%" G_GINT64_FORMAT "}", aud, FAKE_SERVICE_TENANT, now,
                             now + 3600);
  p = b64url (payload);
  json = g_strdup_printf ("{\"token_type\":\"Bearer\",\"expires_in\":3599,"
                          "\"access_token\":\"%s.%s.c2ln\"}", h, p);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

/* The bearer token must be one of ours, for this resource's audience. */
static gboolean
check_bearer (FakeService       *fake,
              SoupServerMessage *msg,
              const char        *path)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  const char *expected = g_str_has_prefix (path, "/dataverse/") ? fake->base : BAP_AUDIENCE;
  g_auto(GStrv) parts = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *needle = NULL;
  gsize length = 0;

  if (auth != NULL && g_str_has_prefix (auth, "Bearer "))
    parts = g_strsplit (auth + strlen ("Bearer "), ".", 3);
  if (parts != NULL && g_strv_length (parts) == 3)
    {
      GString *padded = g_string_new (parts[1]);

      g_strdelimit (padded->str, "-", '+');
      g_strdelimit (padded->str, "_", '/');
      while (padded->len % 4 != 0)
        g_string_append_c (padded, '=');
      decoded = g_base64_decode (padded->str, &length);
      g_string_free (padded, TRUE);
    }

  needle = g_strdup_printf ("\"aud\":\"%s\"", expected);
  if (decoded == NULL || g_strstr_len ((const char *) decoded, length, needle) == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer");
      reply_error (msg, 401, "InvalidAuthenticationToken",
                   "The access token is missing, invalid, or for another audience.");
      return FALSE;
    }
  return TRUE;
}

/* ---- operations -------------------------------------------------------------- */

static void
apply_governance (FakeService *fake,
                  const char  *name,
                  JsonObject  *body)
{
  FakeEnvironment *env = fake_service_lookup (fake, name);
  JsonObject *extended = posture_json_get_path_object (body, "settings.extendedSettings");

  if (env == NULL)
    return;
  env->managed = g_ascii_strcasecmp (posture_json_get_string (body, "protectionLevel"),
                                     "Standard") == 0;
  if (extended != NULL)
    merge (env->extended, extended);
}

static void
complete_operation (FakeService *fake,
                    Operation   *op)
{
  if (op->done)
    return;
  op->done = TRUE;
  if (fake->operation_fails)
    return;
  if (op->kind == OPERATION_GOVERNANCE)
    apply_governance (fake, op->environment, op->change);
  else
    {
      g_clear_pointer (&fake->isolation, json_object_unref);
      fake->isolation = json_object_ref (op->change);
    }
}

static void
start_operation (FakeService       *fake,
                 SoupServerMessage *msg,
                 OperationKind      kind,
                 const char        *environment,
                 JsonObject        *change)
{
  Operation *op = g_new0 (Operation, 1);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *location = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  op->kind = kind;
  op->environment = g_strdup (environment);
  op->change = json_object_ref (change);
  g_hash_table_insert (fake->operations, g_strdup (id), op);

  location = g_strdup_printf ("%s/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/%s"
                              "?api-version=2021-04-01", fake->base, id);
  soup_message_headers_replace (headers, fake->operation_header ? "Operation-Location" : "Location",
                                location);
  soup_message_headers_replace (headers, "Retry-After", fake->retry_after);
  soup_server_message_set_status (msg, 202, NULL);
}

static void
handle_operation (FakeService       *fake,
                  SoupServerMessage *msg,
                  const char        *id)
{
  Operation *op = g_hash_table_lookup (fake->operations, id);
  g_autoptr(JsonObject) root = NULL;
  JsonObject *state;

  fake->polls++;
  if (op == NULL)
    {
      reply_error (msg, 404, "OperationNotFound", "The lifecycle operation was not found.");
      return;
    }

  if (fake->operation_timeouts > 0)
    {
      fake->operation_timeouts--;
      reply_error (msg, 408, "RequestTimeout", "The request timed out.");
      return;
    }

  if (fake->operation_never || op->polls++ < fake->operation_polls)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                    fake->retry_after);
      soup_server_message_set_status (msg, 202, NULL);
      return;
    }

  complete_operation (fake, op);
  root = json_object_new ();
  state = json_object_new ();
  json_object_set_string_member (root, "id", id);
  json_object_set_string_member (state, "id", fake->operation_fails ? "Failed" : "Succeeded");
  json_object_set_object_member (root, "state", state);
  if (fake->operation_fails)
    {
      JsonObject *error = json_object_new ();

      json_object_set_string_member (error, "code", "GovernanceConfigurationFailed");
      json_object_set_string_member (error, "message",
                                     "The environment could not be made managed: its "
                                     "capacity is exhausted.");
      json_object_set_object_member (root, "error", error);
    }
  reply (msg, 200, root);
}

/* ---- writes ------------------------------------------------------------------ */

static void
log_write (FakeService       *fake,
           SoupServerMessage *msg,
           const char        *path)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  g_ptr_array_add (fake->writes, g_strdup_printf ("%s %s %.*s",
                                                  soup_server_message_get_method (msg), path,
                                                  (int) body->length,
                                                  body->data != NULL ? body->data : ""));
}

static JsonObject *
json_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *type = soup_message_headers_get_content_type (
                       soup_server_message_get_request_headers (msg), NULL);

  if (g_strcmp0 (type, "application/json") != 0)
    return NULL;
  return parse_object (body->data, (gssize) body->length);
}

static void
handle_governance (FakeService       *fake,
                   SoupServerMessage *msg,
                   const char        *name)
{
  FakeEnvironment *env = fake_service_lookup (fake, name);
  g_autoptr(JsonObject) body = json_body (msg);
  JsonObject *extended = posture_json_get_path_object (body, "settings.extendedSettings");
  const char *level = posture_json_get_string (body, "protectionLevel");
  guint status = 202;

  fake->governance_posts++;
  if (env == NULL)
    {
      reply_error (msg, 404, "EnvironmentNotFound", "The environment could not be found.");
      return;
    }
  if (body == NULL || level == NULL || extended == NULL)
    {
      reply_error (msg, 400, "InvalidRequestContent",
                   "The request content must be a governanceConfiguration object with "
                   "protectionLevel and settings.extendedSettings.");
      return;
    }
  {
    g_autoptr(GList) members = json_object_get_members (extended);

    for (GList *l = members; l != NULL; l = l->next)
      {
        JsonNode *value = json_object_get_member (extended, l->data);

        if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
          {
            reply_error (msg, 400, "InvalidRequestContent",
                         "Every extended setting must be a string.");
            return;
          }
      }
  }
  if (!env->dataverse && g_ascii_strcasecmp (level, "Standard") == 0)
    {
      reply_error (msg, 400, "EnvironmentRequiresDataverse",
                   "A Managed Environment needs a Dataverse database.");
      return;
    }

  if (fake->governance_script->len > 0)
    {
      status = g_array_index (fake->governance_script, guint, 0);
      g_array_remove_index (fake->governance_script, 0);
    }

  switch (status)
    {
    case 204:
      apply_governance (fake, name, body);
      soup_server_message_set_status (msg, 204, NULL);
      return;
    case 409:
      reply_error (msg, 409, "OperationNotStartable",
                   "Another lifecycle operation is running on the environment.");
      return;
    case 400:
      reply_error (msg, 400, "EnvironmentGroupRuleViolation",
                   "The environment group's rules govern these settings.");
      return;
    default:
      start_operation (fake, msg, OPERATION_GOVERNANCE, name, body);
      return;
    }
}

static void
handle_isolation (FakeService       *fake,
                  SoupServerMessage *msg,
                  const char        *method,
                  const char        *tenant)
{
  g_autoptr(JsonObject) body = NULL;
  gboolean disabled;

  if (g_ascii_strcasecmp (tenant, FAKE_SERVICE_TENANT) != 0)
    {
      reply_error (msg, 403, "Forbidden", "The caller cannot access this tenant.");
      return;
    }
  if (g_str_equal (method, "GET"))
    {
      if (fake->isolation == NULL)
        reply_error (msg, 404, "NotFound", "No tenant isolation policy.");
      else
        reply (msg, 200, fake->isolation);
      return;
    }
  if (!g_str_equal (method, "PUT"))
    {
      reply_error (msg, 405, "MethodNotAllowed", "Use GET or PUT.");
      return;
    }

  body = json_body (msg);
  if (body == NULL || !posture_json_get_path_boolean (body, "properties.isDisabled", &disabled) ||
      g_strcmp0 (posture_json_get_path_string (body, "properties.tenantId"),
                 FAKE_SERVICE_TENANT) != 0)
    {
      reply_error (msg, 400, "BadRequest", "properties.tenantId and properties.isDisabled are "
                                           "required.");
      return;
    }
  if (fake->isolation_status == 202)
    {
      start_operation (fake, msg, OPERATION_ISOLATION, NULL, body);
      return;
    }
  g_clear_pointer (&fake->isolation, json_object_unref);
  fake->isolation = json_object_ref (body);
  reply (msg, 200, fake->isolation);
}

static JsonObject *
find_policy (FakeService *fake,
             const char  *name)
{
  for (guint i = 0; i < fake->policies->len; i++)
    {
      JsonObject *policy = g_ptr_array_index (fake->policies, i);

      if (g_strcmp0 (posture_json_get_path_string (policy, "policyDefinition.name"), name) == 0)
        return policy;
    }
  return NULL;
}

static void
handle_policies (FakeService       *fake,
                 SoupServerMessage *msg,
                 const char        *method,
                 const char        *name)
{
  g_autoptr(JsonObject) body = NULL;
  JsonObject *definition;
  JsonObject *policy;

  if (name == NULL && g_str_equal (method, "GET"))
    {
      g_autoptr(JsonObject) root = json_object_new ();
      JsonArray *value = json_array_new ();

      /* The list leaves connectorGroups out (Microsoft's fixtures). */
      for (guint i = 0; i < fake->policies->len; i++)
        {
          JsonObject *full = json_object_get_object_member (g_ptr_array_index (fake->policies, i),
                                                            "policyDefinition");
          JsonObject *item = json_object_new ();
          JsonObject *summary = json_object_new ();

          json_object_set_string_member (summary, "name",
                                         json_object_get_string_member (full, "name"));
          json_object_set_string_member (summary, "displayName",
                                         json_object_get_string_member (full, "displayName"));
          json_object_set_string_member (summary, "environmentType",
                                         json_object_get_string_member (full, "environmentType"));
          json_object_set_object_member (item, "policyDefinition", summary);
          json_array_add_object_element (value, item);
        }
      json_object_set_array_member (root, "value", value);
      reply (msg, 200, root);
      return;
    }

  if (name != NULL && g_str_equal (method, "GET"))
    {
      if ((policy = find_policy (fake, name)) == NULL)
        reply_error (msg, 404, "PolicyNotFound", "The data policy could not be found.");
      else
        reply (msg, 200, policy);
      return;
    }

  body = json_body (msg);
  definition = posture_json_get_object (body, "policyDefinition");
  if (definition == NULL || posture_json_get_string (definition, "displayName") == NULL ||
      posture_json_get_string (definition, "environmentType") == NULL ||
      posture_json_get_array (definition, "connectorGroups") == NULL)
    {
      reply_error (msg, 400, "InvalidPolicy", "policyDefinition needs displayName, "
                                              "environmentType and connectorGroups.");
      return;
    }

  if (name == NULL && g_str_equal (method, "POST"))
    {
      g_autofree char *id = NULL;

      if (fake->dlp_create_fails > 0)
        {
          fake->dlp_create_fails--;
          reply_error (msg, 503, "ServiceUnavailable", "The service is unavailable.");
          return;
        }
      fake->dlp_creates++;
      id = g_uuid_string_random ();
      json_object_set_string_member (definition, "name", id);
      g_ptr_array_add (fake->policies, json_object_ref (body));
      if (fake->dlp_create_hangs > 0)
        {
          /* It landed; the answer never comes. */
          fake->dlp_create_hangs--;
          soup_server_message_pause (msg);
          g_ptr_array_add (fake->paused, g_object_ref (msg));
          return;
        }
      reply (msg, 201, body);
      return;
    }

  if (name != NULL && g_str_equal (method, "PATCH"))
    {
      if ((policy = find_policy (fake, name)) == NULL)
        {
          reply_error (msg, 404, "PolicyNotFound", "The data policy could not be found.");
          return;
        }
      json_object_set_string_member (definition, "name", name);
      g_ptr_array_remove (fake->policies, policy);
      g_ptr_array_add (fake->policies, json_object_ref (body));
      reply (msg, 200, body);
      return;
    }

  reply_error (msg, 405, "MethodNotAllowed", "Not allowed here.");
}

static const char * const managed_only_columns[] = {
  "enableipbasedfirewallrule", "enableipbasedfirewallruleinauditmode",
  "allowediprangeforfirewall", "enableipbasedcookiebinding",
  "applicationbasedaccesscontrolmode", "allowedapplicationsfordvaccess", NULL,
};

static void
handle_dataverse (FakeService       *fake,
                  SoupServerMessage *msg,
                  const char        *method,
                  char             **segments,
                  GHashTable        *query)
{
  /* dataverse/{env}/api/data/v9.2/organizations[(id)] */
  FakeEnvironment *env = g_strv_length (segments) == 6 ? fake_service_lookup (fake, segments[1])
                                                        : NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *expected = NULL;

  if (env == NULL || !env->dataverse || !g_str_equal (segments[2], "api") ||
      !g_str_equal (segments[4], "v9.2"))
    {
      reply_error (msg, 404, "0x80060888", "Resource not found for the segment.");
      return;
    }

  if (g_str_equal (segments[5], "organizations") && g_str_equal (method, "GET"))
    {
      const char *select = query != NULL ? g_hash_table_lookup (query, "$select") : NULL;
      g_autoptr(JsonObject) root = json_object_new ();
      JsonArray *value = json_array_new ();
      JsonObject *row = json_object_new ();
      g_auto(GStrv) columns = NULL;

      if (select == NULL)
        {
          reply_error (msg, 400, "0x80060888", "Posture always selects its columns.");
          json_object_unref (row);
          json_array_unref (value);
          return;
        }
      columns = g_strsplit (select, ",", -1);
      for (guint i = 0; columns[i] != NULL; i++)
        {
          JsonNode *node = NULL;

          posture_json_get_member_ci (env->row, columns[i], &node);
          if (node == NULL)
            {
              g_autofree char *text = g_strdup_printf ("Could not find a property named '%s' "
                                                       "on type 'Microsoft.Dynamics.CRM."
                                                       "organization'.", columns[i]);

              reply_error (msg, 400, "0x80060888", text);
              json_object_unref (row);
              json_array_unref (value);
              return;
            }
          json_object_set_member (row, columns[i], json_node_copy (node));
        }
      json_array_add_object_element (value, row);
      json_object_set_array_member (root, "value", value);
      reply (msg, 200, root);
      return;
    }

  expected = g_strdup_printf ("organizations(%s)", env->organization_id);
  if (!g_str_equal (segments[5], expected) || !g_str_equal (method, "PATCH"))
    {
      reply_error (msg, 405, "0x80060888", "Only PATCH organizations(id) is allowed here.");
      return;
    }

  body = json_body (msg);
  if (body == NULL || json_object_get_size (body) == 0)
    {
      reply_error (msg, 400, "0x80048d19", "The request body is not a valid organization.");
      return;
    }
  if (!env->managed)
    {
      g_autoptr(GList) members = json_object_get_members (body);

      for (GList *l = members; l != NULL; l = l->next)
        for (guint i = 0; managed_only_columns[i] != NULL; i++)
          if (g_ascii_strcasecmp (l->data, managed_only_columns[i]) == 0)
            {
              reply_error (msg, 400, "0x80040203", FAKE_SERVICE_MANAGED_ONLY);
              return;
            }
    }

  merge (env->row, body);
  soup_server_message_set_status (msg, 204, NULL);
}

/* ---- routing ------------------------------------------------------------------ */

static gboolean
has_api_version (GHashTable *query,
                 const char *version)
{
  return query != NULL && g_strcmp0 (g_hash_table_lookup (query, "api-version"), version) == 0;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FakeService *fake = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) segments = g_strsplit (path + 1, "/", -1);
  guint n = g_strv_length (segments);

  if (g_str_has_suffix (path, "/oauth2/v2.0/token") && g_str_equal (method, "POST"))
    {
      handle_token (fake, msg);
      return;
    }

  if (!check_bearer (fake, msg, path))
    return;

  if (!g_str_equal (method, "GET") &&
      !(g_str_has_suffix (path, "/listTenantSettings") && g_str_equal (method, "POST")))
    log_write (fake, msg, path);

  if (n >= 1 && g_str_equal (segments[0], "dataverse"))
    {
      handle_dataverse (fake, msg, method, segments, query);
      return;
    }

  if (n >= 2 && g_str_equal (segments[0], "providers") &&
      g_str_equal (segments[1], "Microsoft.BusinessAppPlatform"))
    {
      if (query == NULL || g_hash_table_lookup (query, "api-version") == NULL)
        {
          reply_error (msg, 400, "MissingApiVersionParameter",
                       "The api-version query parameter (?api-version=) is required.");
          return;
        }

      if (n == 3 && g_str_equal (segments[2], "listTenantSettings") && g_str_equal (method, "POST"))
        {
          reply (msg, 200, fake->settings);
          return;
        }
      if (n == 5 && g_str_equal (segments[4], "updateTenantSettings") &&
          g_str_equal (method, "POST"))
        {
          g_autoptr(JsonObject) body = json_body (msg);

          if (body == NULL)
            {
              reply_error (msg, 400, "InvalidRequestContent", "A JSON object is required.");
              return;
            }
          merge (fake->settings, body);
          reply (msg, 200, fake->settings);
          return;
        }
      if (n == 5 && g_str_equal (segments[2], "environments") &&
          g_str_equal (segments[4], "governanceConfiguration") && g_str_equal (method, "POST") &&
          has_api_version (query, "2021-04-01"))
        {
          handle_governance (fake, msg, segments[3]);
          return;
        }
      if (n == 4 && g_str_equal (segments[2], "lifecycleOperations") && g_str_equal (method, "GET"))
        {
          handle_operation (fake, msg, segments[3]);
          return;
        }
      if (n == 6 && g_str_equal (segments[4], "environments") && g_str_equal (method, "GET"))
        {
          FakeEnvironment *env = fake_service_lookup (fake, segments[5]);
          g_autoptr(JsonObject) object = NULL;

          if (env == NULL)
            {
              reply_error (msg, 404, "EnvironmentNotFound", "The environment could not be found.");
              return;
            }
          object = environment_json (fake, env);
          reply (msg, 200, object);
          return;
        }
    }

  if (n >= 4 && g_str_equal (segments[0], "providers") &&
      g_str_equal (segments[1], "PowerPlatform.Governance"))
    {
      if (n == 6 && g_str_equal (segments[2], "v1") && g_str_equal (segments[5],
                                                                    "tenantIsolationPolicy"))
        {
          if (!has_api_version (query, "2020-06-01"))
            reply_error (msg, 400, "InvalidApiVersion", "Use api-version 2020-06-01.");
          else
            handle_isolation (fake, msg, method, segments[4]);
          return;
        }
      if (g_str_equal (segments[2], "v2") && g_str_equal (segments[3], "policies") && n <= 5)
        {
          handle_policies (fake, msg, method, n == 5 ? segments[4] : NULL);
          return;
        }
    }

  reply_error (msg, 404, "NotFound", "No such resource.");
}

/* ---- the object ------------------------------------------------------------------ */

FakeService *
fake_service_new (void)
{
  FakeService *fake = g_new0 (FakeService, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->environments = g_ptr_array_new_with_free_func (environment_free);
  fake->policies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  fake->operations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, operation_free);
  fake->writes = g_ptr_array_new_with_free_func (g_free);
  fake->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fake->governance_script = g_array_new (FALSE, FALSE, sizeof (guint));
  fake->isolation_status = 200;
  fake->retry_after = "0";
  fake->settings = parse_object ("{\"walkMeOptOut\":false,"
                                 "\"disableEnvironmentCreationByNonAdminUsers\":false,"
                                 "\"powerPlatform\":{\"powerApps\":{\"disableShareWithEveryone\":"
                                 "false,\"enableGuestsToMake\":true}}}", -1);
  g_assert_nonnull (fake->settings);
  fake->isolation = parse_object ("{\"properties\":{\"tenantId\":\"" FAKE_SERVICE_TENANT "\","
                                  "\"isDisabled\":true,\"allowedTenants\":\"\"}}", -1);

  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, server_cb, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  {
    g_autofree char *text = g_uri_to_string (uris->data);

    fake->base = g_strndup (text, strlen (text) - (g_str_has_suffix (text, "/") ? 1 : 0));
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return fake;
}

void
fake_service_free (FakeService *fake)
{
  for (guint i = 0; i < fake->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (fake->paused, i);

      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_unpause (msg);
    }
  soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);
  g_ptr_array_unref (fake->paused);
  g_ptr_array_unref (fake->environments);
  g_ptr_array_unref (fake->policies);
  g_hash_table_unref (fake->operations);
  g_ptr_array_unref (fake->writes);
  g_array_unref (fake->governance_script);
  g_clear_pointer (&fake->settings, json_object_unref);
  g_clear_pointer (&fake->isolation, json_object_unref);
  g_free (fake->base);
  g_free (fake);
}

void
fake_service_script_governance (FakeService *fake,
                                const guint *statuses,
                                guint        n)
{
  g_array_append_vals (fake->governance_script, statuses, n);
}

guint
fake_service_count_writes (FakeService *fake,
                           const char  *prefix)
{
  guint count = 0;

  for (guint i = 0; i < fake->writes->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (fake->writes, i), prefix))
      count++;
  return count;
}

char *
fake_service_dup_snapshot (FakeService *fake)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *tenant = json_object_new ();
  JsonObject *sources = json_object_new ();
  JsonArray *environments = json_array_new ();
  JsonArray *policies = json_array_new ();
  JsonObject *dataverse = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (root, "posture_snapshot", 1);
  json_object_set_string_member (root, "captured_at", "2026-11-28T10:00:00Z");
  json_object_set_string_member (root, "cloud", "custom");
  json_object_set_string_member (tenant, "id", FAKE_SERVICE_TENANT);
  json_object_set_string_member (tenant, "display_name", "Fake tenant");
  json_object_set_object_member (root, "tenant", tenant);

  json_object_set_object_member (sources, "tenant_settings", copy_object (fake->settings));
  if (fake->isolation != NULL)
    json_object_set_object_member (sources, "tenant_isolation", copy_object (fake->isolation));
  else
    json_object_set_null_member (sources, "tenant_isolation");
  for (guint i = 0; i < fake->environments->len; i++)
    {
      FakeEnvironment *env = g_ptr_array_index (fake->environments, i);

      json_array_add_object_element (environments, environment_json (fake, env));
      if (env->dataverse)
        {
          JsonObject *entry = json_object_new ();
          JsonArray *value = json_array_new ();

          json_array_add_object_element (value, copy_object (env->row));
          json_object_set_array_member (entry, "value", value);
          json_object_set_object_member (dataverse, env->name, entry);
        }
    }
  for (guint i = 0; i < fake->policies->len; i++)
    json_array_add_object_element (policies, copy_object (g_ptr_array_index (fake->policies, i)));
  json_object_set_array_member (sources, "environments", environments);
  json_object_set_array_member (sources, "dlp_policies", policies);
  json_object_set_object_member (sources, "dataverse", dataverse);
  json_object_set_object_member (root, "sources", sources);

  json_node_set_object (node, root);
  return json_to_string (node, FALSE);
}
