/* posture-demo-bap.c: the BAP admin API of the demo tenant (environments, tenant
 * settings, governance configuration)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the answers follow:
 *  - environments: reference §2.1; paged with an absolute nextLink.
 *  - tenant settings: listTenantSettings answers the whole object; updateTenantSettings
 *    takes only the members that change (Microsoft's Terraform provider sends its DTO
 *    with omitempty pointers) and merges them, answering the whole object. BAP
 *    deserializes with Json.NET: member names match case-insensitively, and an unknown
 *    member is refused with "Could not find member …" (terraform-provider-power-platform
 *    #1000 quotes that answer for governanceConfiguration).
 *  - governanceConfiguration (POST, api-version 2021-04-01): 202 + Location of a
 *    lifecycle operation + Retry-After; the environment changes only when it completes
 *    (posture-demo-operations.c). 409 with OperationNotStartable while an operation on
 *    the environment runs (the provider's post_environment_operation_in_progress.json);
 *    409 with an empty body for an environment governed by an environment group (the
 *    provider's Validate_Create_In_Environment_Group test). Trial and Developer
 *    environments, and environments without Dataverse, are refused with the reason
 *    BAP gives in lifecycleOperationsEnforcement.
 */

#define G_LOG_DOMAIN "posture-demo-bap"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"
#include "posture-json.h"

#define GOVERNANCE_TYPE  "GovernanceConfigurationDefinition"
#define SETTINGS_TYPE    "GovernanceConfigurationSettingsDefinition"
#define EXTENDED_TYPE    "GovernanceConfigurationExtendedSettingsDefinition"

static const char * const bap_api_versions[] = {
  "2016-11-01", "2018-01-01", "2018-10-01", "2019-05-01", "2019-10-01", "2020-04-01",
  "2020-06-01", "2020-08-01", "2020-09-01", "2020-10-01", "2021-03-01", "2021-04-01",
  "2022-05-01", "2023-06-01", NULL
};

static PostureDemoReply *
invalid_content (const char *format,
                 ...) G_GNUC_PRINTF (1, 2);

static PostureDemoReply *
invalid_content (const char *format,
                 ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  message = g_strdup_printf ("The request content was invalid and could not be deserialized: "
                             "'%s'.", detail);
  return _posture_demo_reply_new_bap_error (400, "InvalidRequestContent", message);
}

static PostureDemoReply *
unknown_member (const char *member,
                const char *type,
                const char *path)
{
  return invalid_content ("Could not find member '%.100s' on object of type '%s'. Path '%.200s'",
                          member, type, path);
}

/* The member of object whose name matches name case-insensitively, or NULL. */
static const char *
find_member_ci (JsonObject *object,
                const char *name)
{
  JsonObjectIter iter;
  const char *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, NULL))
    if (g_ascii_strcasecmp (member, name) == 0)
      return member;
  return NULL;
}

static PostureDemoReply *
environment_not_found (const char *name)
{
  g_autofree char *msg = NULL;

  msg = g_strdup_printf ("The environment '%.64s' could not be found in the tenant '%s'.",
                         name, POSTURE_DEMO_TENANT_ID);
  return _posture_demo_reply_new_bap_error (404, "EnvironmentNotFound", msg);
}

/* ---- Environments --------------------------------------------------------------------- */

static PostureDemoReply *
list_environments (PostureDemoRequest *req)
{
  PostureDemoScenario *scenario = req->scenario;
  const char *skiptoken = _posture_demo_request_query (req, "$skiptoken");
  const char *expand = _posture_demo_request_query (req, "$expand");
  guint n = scenario->environments->len;
  guint page_size = req->config->page_size;
  guint64 offset = 0;
  GString *body;
  guint end;

  if (skiptoken != NULL &&
      !g_ascii_string_to_unsigned (skiptoken, 10, 0, n, &offset, NULL))
    return _posture_demo_reply_new_bap_error (400, "InvalidSkipToken",
                                              "The $skiptoken query parameter is not valid. "
                                              "Follow the nextLink of the previous page as "
                                              "given.");

  if (page_size == 0)
    page_size = MAX (n, 1);
  end = MIN (n, (guint) offset + page_size);

  body = g_string_sized_new (4096);
  g_string_append (body, "{\"value\":[");
  for (guint i = (guint) offset; i < end; i++)
    {
      if (i > offset)
        g_string_append_c (body, ',');
      PostureDemoEnv *env = g_ptr_array_index (scenario->environments, i);

      g_string_append (body, _posture_demo_scenario_env_json (scenario, env, req->base_uri));
    }
  g_string_append_c (body, ']');

  if (end < n)
    {
      g_autofree char *version = g_uri_escape_string (_posture_demo_request_query (req,
                                                                                   "api-version"),
                                                      NULL, FALSE);
      g_autofree char *escaped = expand ? g_uri_escape_string (expand, ",/.", FALSE) : NULL;
      g_autofree char *link = NULL;
      g_autofree char *quoted = NULL;

      link = g_strdup_printf ("%s%s?api-version=%s%s%s&$skiptoken=%u", req->base_uri,
                              "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments",
                              version, escaped ? "&$expand=" : "", escaped ? escaped : "", end);
      quoted = _posture_demo_json_quote (link);
      g_string_append_printf (body, ",\"nextLink\":%s", quoted);
    }
  g_string_append_c (body, '}');

  return _posture_demo_reply_new (200, g_string_free (body, FALSE));
}

static PostureDemoReply *
get_environment (PostureDemoRequest *req,
                 const char         *name)
{
  PostureDemoEnv *env = _posture_demo_scenario_lookup (req->scenario, name);

  if (env == NULL)
    return environment_not_found (name);
  return _posture_demo_reply_new (200, g_strdup (_posture_demo_scenario_env_json (req->scenario,
                                                                                   env,
                                                                                   req->base_uri)));
}

/* ---- Tenant settings ------------------------------------------------------------------ */

static gboolean
same_kind (JsonNode *a,
           JsonNode *b)
{
  GType ta, tb;

  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (a))
    return TRUE;

  ta = json_node_get_value_type (a);
  tb = json_node_get_value_type (b);
  if (ta == G_TYPE_DOUBLE)
    ta = G_TYPE_INT64;
  if (tb == G_TYPE_DOUBLE)
    tb = G_TYPE_INT64;
  return ta == tb;
}

/* Checks an update against the current settings: every member must exist (matched
 * case-insensitively) with a value of the same kind. */
static PostureDemoReply *
check_settings (JsonObject *current,
                JsonObject *update,
                const char *prefix)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, update);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const char *canonical = find_member_ci (current, name);
      g_autofree char *path = g_strconcat (prefix, prefix[0] ? "." : "", name, NULL);
      JsonNode *old;

      if (canonical == NULL)
        return unknown_member (name, "TenantSettings", path);
      old = json_object_get_member (current, canonical);
      if (!same_kind (old, value))
        return invalid_content ("Error converting value at path '%.200s': the tenant setting "
                                "takes a %s", path, posture_json_node_type_name (old));
      if (JSON_NODE_HOLDS_OBJECT (value))
        {
          PostureDemoReply *reply = check_settings (json_node_get_object (old),
                                                    json_node_get_object (value), path);

          if (reply != NULL)
            return reply;
        }
    }

  return NULL;
}

static void
merge_settings (JsonObject *current,
                JsonObject *update)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, update);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const char *canonical = find_member_ci (current, name);

      if (JSON_NODE_HOLDS_OBJECT (value))
        merge_settings (json_object_get_object_member (current, canonical),
                        json_node_get_object (value));
      else
        json_object_set_member (current, canonical, _posture_demo_json_copy (value));
    }
}

static PostureDemoReply *
update_settings (PostureDemoRequest *req)
{
  g_autoptr(JsonNode) body = NULL;
  PostureDemoReply *reply = NULL;

  body = _posture_demo_request_parse_body (req, &reply);
  if (reply != NULL)
    return reply;
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return invalid_content ("The request content must be a JSON object of the tenant settings "
                            "to change");

  if ((reply = check_settings (req->scenario->tenant_settings, json_node_get_object (body), "")))
    return reply;

  merge_settings (req->scenario->tenant_settings, json_node_get_object (body));
  return _posture_demo_reply_new_object (200, req->scenario->tenant_settings);
}

/* ---- Governance configuration --------------------------------------------------------- */

static const char * const sharing_modes[] = { "noLimit", "excludeSharingToSecurityGroups", NULL };
static const char * const flow_sharing_modes[] = {
  "noLimit", "excludeSharingToSecurityGroups", "disableSharing", NULL };
static const char * const checker_modes[] = { "none", "warn", "block", NULL };
static const char * const protection_levels[] = { "Standard", "Basic", NULL };

static const char *
canonical (const char         *value,
           const char * const *allowed)
{
  for (guint i = 0; value != NULL && allowed[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, allowed[i]) == 0)
      return allowed[i];
  return NULL;
}

/* The value an extended setting may take, or NULL when it is refused. */
static const char *
check_extended_value (const char *key,
                      const char *value,
                      char      **out_canonical)
{
  const char *c;
  gint64 n = 0;

  if (g_str_equal (key, "limitSharingMode") || g_str_equal (key, "bot-limitSharingMode") ||
      g_str_equal (key, "solutionCloudFlows-limitSharingMode"))
    {
      c = canonical (value, g_str_equal (key, "limitSharingMode") ? sharing_modes
                                                                 : flow_sharing_modes);
      *out_canonical = g_strdup (c);
      return c != NULL ? NULL : "a sharing mode (noLimit, excludeSharingToSecurityGroups)";
    }
  if (g_str_has_suffix (key, "maxLimitUserSharing"))
    {
      *out_canonical = g_strdup (value);
      if (!g_ascii_string_to_signed (value, 10, -1, 100000, &n, NULL) || n == 0)
        return "-1 (no limit) or a positive number of users";
      return NULL;
    }
  if (g_str_equal (key, "solutionCheckerMode"))
    {
      c = canonical (value, checker_modes);
      *out_canonical = g_strdup (c);
      return c != NULL ? NULL : "none, warn or block";
    }
  if (g_str_equal (key, "solutionCheckerRuleOverrides"))
    {
      *out_canonical = g_strdup (value);
      return NULL;
    }
  /* The rest are booleans, written as strings. */
  if (g_ascii_strcasecmp (value, "true") != 0 && g_ascii_strcasecmp (value, "false") != 0)
    {
      *out_canonical = NULL;
      return "\"true\" or \"false\"";
    }
  *out_canonical = g_ascii_strdown (value, -1);
  return NULL;
}

static const char *
canonical_extended_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (posture_demo_extended_settings); i++)
    if (g_ascii_strcasecmp (key, posture_demo_extended_settings[i].key) == 0)
      return posture_demo_extended_settings[i].key;
  return NULL;
}

/* Validates a governanceConfiguration body as BAP deserializes it and builds the
 * configuration it asks for: for Standard, the extendedSettings given over the
 * defaults (the POST replaces the settings; it does not merge them). */
static PostureDemoReply *
parse_governance (JsonObject  *in,
                  JsonObject **out_governance)
{
  const char *level_member = NULL;
  const char *settings_member = NULL;
  const char *level;
  JsonObject *settings = NULL;
  JsonObject *extended = NULL;
  g_autoptr(JsonObject) ext = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, in);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "protectionLevel") == 0)
        level_member = name;
      else if (g_ascii_strcasecmp (name, "settings") == 0)
        settings_member = name;
      else
        return unknown_member (name, GOVERNANCE_TYPE, name);
    }

  level = level_member ? posture_json_get_string (in, level_member) : NULL;
  level = canonical (level, protection_levels);
  if (level == NULL)
    return invalid_content ("Error converting value to type 'ProtectionLevel'. Path "
                            "'protectionLevel': it must be Standard or Basic");

  if (settings_member != NULL && !JSON_NODE_HOLDS_NULL (json_object_get_member (in,
                                                                                settings_member)))
    {
      settings = posture_json_get_object (in, settings_member);
      if (settings == NULL)
        return invalid_content ("Unexpected value for 'settings': it must be an object with "
                                "extendedSettings");
      json_object_iter_init_ordered (&iter, settings);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          g_autofree char *path = g_strconcat ("settings.", name, NULL);

          if (g_ascii_strcasecmp (name, "extendedSettings") != 0)
            return unknown_member (name, SETTINGS_TYPE, path);
          if (!JSON_NODE_HOLDS_OBJECT (value))
            return invalid_content ("Unexpected value for 'settings.extendedSettings': it must "
                                    "be an object");
          extended = json_node_get_object (value);
        }
    }

  ext = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (posture_demo_extended_settings); i++)
    json_object_set_string_member (ext, posture_demo_extended_settings[i].key,
                                   posture_demo_extended_settings[i].fallback);

  if (extended != NULL)
    {
      json_object_iter_init_ordered (&iter, extended);
      while (json_object_iter_next_ordered (&iter, &name, &value))
        {
          const char *key = canonical_extended_key (name);
          g_autofree char *path = g_strconcat ("settings.extendedSettings.", name, NULL);
          g_autofree char *canonical_value = NULL;
          const char *expected;

          if (key == NULL)
            return unknown_member (name, EXTENDED_TYPE, path);
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            return invalid_content ("Unexpected token when reading '%.200s': extended settings "
                                    "are strings", path);
          if ((expected = check_extended_value (key, json_node_get_string (value),
                                                &canonical_value)))
            return invalid_content ("The value of '%.200s' must be %s", path, expected);
          json_object_set_string_member (ext, key, canonical_value);
        }
    }

  *out_governance = json_object_new ();
  json_object_set_string_member (*out_governance, "protectionLevel", level);
  if (g_str_equal (level, "Standard"))
    {
      JsonObject *s = json_object_new ();

      json_object_set_object_member (s, "extendedSettings", g_steal_pointer (&ext));
      json_object_set_object_member (*out_governance, "settings", s);
    }
  return NULL;
}

static PostureDemoReply *
set_governance (PostureDemoRequest *req,
                const char         *name)
{
  PostureDemoEnv *env = _posture_demo_scenario_lookup (req->scenario, name);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonObject) governance = NULL;
  g_autofree char *refusal_type = NULL;
  const char *refusal;
  const char *type_id;
  gboolean to_standard;
  PostureDemoReply *reply = NULL;

  if (env == NULL)
    return environment_not_found (name);

  body = _posture_demo_request_parse_body (req, &reply);
  if (reply != NULL)
    return reply;
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return invalid_content ("The request content must be a governanceConfiguration object "
                            "with protectionLevel");
  if ((reply = parse_governance (json_node_get_object (body), &governance)))
    return reply;

  if ((refusal = _posture_demo_env_governance_refusal (env, &refusal_type)))
    return _posture_demo_reply_new_bap_error (400, "OperationNotAllowed", refusal);

  /* Governed by its environment group: refused, with no body. */
  if (env->group_id != NULL)
    return _posture_demo_reply_new (409, NULL);

  if (_posture_demo_operations_busy (req->scenario, POSTURE_DEMO_OPERATION_GOVERNANCE, env->name))
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("This operation cannot be performed because there is an active "
                             "lifecycle operation on the environment %s.", env->name);
      return _posture_demo_reply_new_bap_error (409, "OperationNotStartable", msg);
    }

  to_standard = g_str_equal (posture_json_get_string (governance, "protectionLevel"), "Standard");
  type_id = to_standard ? (_posture_demo_env_is_managed (env) ? "UpdateGovernanceConfiguration"
                                                              : "EnableGovernanceConfiguration")
                        : "DisableGovernanceConfiguration";

  reply = _posture_demo_reply_new (202, NULL);
  reply->location = _posture_demo_operations_start (req, POSTURE_DEMO_OPERATION_GOVERNANCE,
                                                    env->name, type_id,
                                                    g_steal_pointer (&governance));
  reply->retry_after = (int) req->config->operation_retry_after;
  return reply;
}

void
_posture_demo_bap_apply_governance (PostureDemoScenario *scenario,
                                    const char          *env_name,
                                    JsonObject          *governance)
{
  PostureDemoEnv *env = _posture_demo_scenario_lookup (scenario, env_name);

  if (env == NULL)
    return;
  g_clear_pointer (&env->governance, json_object_unref);
  env->governance = _posture_demo_object_copy (governance);
  g_clear_pointer (&env->cached, g_free);
}

/* ---- Routes --------------------------------------------------------------------------- */

/* providers/Microsoft.BusinessAppPlatform/… (the lifecycle operations are routed
 * before, by posture-demo-operations.c) */
PostureDemoReply *
_posture_demo_bap_route (PostureDemoRequest *req)
{
  char **s = req->segs;
  guint n = req->n_segs;
  gboolean is_get = _posture_demo_request_is (req, "GET");
  gboolean is_post = _posture_demo_request_is (req, "POST");
  gboolean admin_scope;
  PostureDemoReply *reply;

  if (n < 2 || !g_str_equal (s[1], "Microsoft.BusinessAppPlatform"))
    return NULL;
  if ((reply = _posture_demo_check_api_version (req, bap_api_versions, TRUE)))
    return reply;

  admin_scope = n >= 4 && g_str_equal (s[2], "scopes") && g_str_equal (s[3], "admin");

  if (n == 3 && g_str_equal (s[2], "listTenantSettings"))
    return is_post ? _posture_demo_reply_new_object (200, req->scenario->tenant_settings)
                   : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);

  if (n == 5 && admin_scope && g_str_equal (s[4], "updateTenantSettings"))
    return is_post ? update_settings (req)
                   : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);

  if (n == 5 && admin_scope && g_str_equal (s[4], "environments"))
    return is_get ? list_environments (req)
                  : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);

  if (n == 6 && admin_scope && g_str_equal (s[4], "environments"))
    return is_get ? get_environment (req, s[5])
                  : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);

  /* The write path has no scopes/admin segment (Set-AdminPowerAppEnvironment-
   * GovernanceConfiguration); the admin-scoped path is not found. */
  if (n == 5 && g_str_equal (s[2], "environments") && g_str_equal (s[4], "governanceConfiguration"))
    return is_post ? set_governance (req, s[3])
                   : _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);

  return NULL;
}
