/* posture-demo-dlp.c: the demo tenant's data policies (PowerPlatform.Governance v2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shapes as in reference §2.4 and the fixtures of Microsoft's Terraform provider
 * (internal/services/dlp_policy): the list omits connectorGroups, GET by name gives
 * the whole policy, POST creates (201 with the policy), PATCH updates (200 with the
 * policy), DELETE answers 200 with no body; no api-version. A connector may sit in
 * one group only. For tests, posture_demo_server_set_dlp_create_timeouts() makes the
 * next creates land and then never answer, as a gateway timeout does, so that a
 * client's "look for it before retrying" is exercised.
 */

#define G_LOG_DOMAIN "posture-demo-dlp"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"
#include "posture-json.h"

#define MAX_DISPLAY_NAME 256
#define CONNECTOR_PREFIX "/providers/Microsoft.PowerApps/apis/"

static const char * const environment_types[] = {
  "AllEnvironments", "ExceptEnvironments", "OnlyEnvironments", "SingleEnvironment", NULL };
static const char * const classifications[] = { "General", "Confidential", "Blocked", NULL };
static const char * const url_classifications[] = {
  "General", "Confidential", "Blocked", "Ignore", NULL };

static JsonObject *
new_ref (const char *id,
         const char *name,
         const char *type)
{
  return _posture_demo_strings_object ("id", id, "name", name, "type", type, NULL);
}

static JsonObject *
new_connector (const char *api,
               const char *display_name)
{
  g_autofree char *id = g_strconcat (CONNECTOR_PREFIX, api, NULL);

  return new_ref (id, display_name, "Microsoft.PowerApps/apis");
}

static JsonObject *
new_group (const char   *classification,
           const char  **connectors)
{
  JsonObject *group = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint i = 0; connectors != NULL && connectors[i] != NULL; i += 2)
    json_array_add_object_element (list, new_connector (connectors[i], connectors[i + 1]));
  json_object_set_string_member (group, "classification", classification);
  json_object_set_array_member (group, "connectors", list);
  return group;
}

static JsonObject *
env_ref (const char *name)
{
  g_autofree char *id = g_strconcat (POSTURE_DEMO_ENV_ID_PREFIX, name, NULL);

  return new_ref (id, name, POSTURE_DEMO_ENV_TYPE);
}

static JsonObject *
new_person (const char *display_name)
{
  return _posture_demo_strings_object ("displayName", display_name, NULL);
}

/* ---- The seed ------------------------------------------------------------------------- */

static JsonObject *
new_configurations (gboolean with_rules)
{
  JsonObject *ccd = json_object_new ();
  JsonArray *actions = json_array_new ();
  JsonArray *endpoints = json_array_new ();

  if (with_rules)
    {
      JsonObject *rule = json_object_new ();
      JsonArray *rules = json_array_new ();
      JsonObject *r = json_object_new ();
      JsonObject *ep = json_object_new ();
      JsonArray *ep_rules = json_array_new ();
      JsonObject *er = json_object_new ();

      json_object_set_string_member (rule, "connectorId", CONNECTOR_PREFIX "shared_azureblob");
      json_object_set_string_member (r, "actionId", "CreateFile_V2");
      json_object_set_string_member (r, "behavior", "Allow");
      json_array_add_object_element (rules, r);
      json_object_set_array_member (rule, "actionRules", rules);
      json_object_set_string_member (rule, "defaultConnectorActionRuleBehavior", "Block");
      json_array_add_object_element (actions, rule);

      json_object_set_string_member (ep, "connectorId", CONNECTOR_PREFIX "shared_azureblob");
      json_object_set_int_member (er, "order", 1);
      json_object_set_string_member (er, "behavior", "Deny");
      json_object_set_string_member (er, "endPoint", "*");
      json_array_add_object_element (ep_rules, er);
      json_object_set_array_member (ep, "endpointRules", ep_rules);
      json_array_add_object_element (endpoints, ep);
    }
  json_object_set_array_member (ccd, "connectorActionConfigurations", actions);
  json_object_set_array_member (ccd, "endpointConfigurations", endpoints);
  return ccd;
}

static JsonObject *
new_url_patterns (gboolean with_rules)
{
  JsonObject *cc = json_object_new ();
  JsonArray *rules = json_array_new ();
  JsonObject *r;

  if (with_rules)
    {
      r = json_object_new ();
      json_object_set_int_member (r, "order", 1);
      json_object_set_string_member (r, "customConnectorRuleClassification", "Confidential");
      json_object_set_string_member (r, "pattern", "https://*.contoso.com");
      json_array_add_object_element (rules, r);
    }
  r = json_object_new ();
  json_object_set_int_member (r, "order", with_rules ? 2 : 1);
  json_object_set_string_member (r, "customConnectorRuleClassification", "Ignore");
  json_object_set_string_member (r, "pattern", "*");
  json_array_add_object_element (rules, r);
  json_object_set_array_member (cc, "rules", rules);
  return cc;
}

typedef struct
{
  const char  *name;
  const char  *display_name;
  const char  *environment_type;
  const char **business;
  const char **blocked;
  const char  *created_time;
  const char  *etag;
  gboolean     with_rules;
} SeedPolicy;

static JsonObject *
new_policy (const SeedPolicy *seed,
            GPtrArray        *environment_names)
{
  static const char *non_business[] = {
    "shared_rss", "RSS", "shared_bingmaps", "Bing Maps", "shared_msnweather", "MSN Weather", NULL
  };
  JsonObject *root = json_object_new ();
  JsonObject *def = json_object_new ();
  JsonArray *envs = json_array_new ();
  JsonArray *groups = json_array_new ();

  json_object_set_string_member (def, "name", seed->name);
  json_object_set_string_member (def, "displayName", seed->display_name);
  json_object_set_string_member (def, "defaultConnectorsClassification", "General");
  json_object_set_string_member (def, "environmentType", seed->environment_type);
  for (guint i = 0; environment_names != NULL && i < environment_names->len; i++)
    json_array_add_object_element (envs, env_ref (g_ptr_array_index (environment_names, i)));
  json_object_set_array_member (def, "environments", envs);
  json_array_add_object_element (groups, new_group ("Confidential", seed->business));
  json_array_add_object_element (groups, new_group ("General", non_business));
  json_array_add_object_element (groups, new_group ("Blocked", seed->blocked));
  json_object_set_array_member (def, "connectorGroups", groups);
  json_object_set_object_member (def, "createdBy", new_person ("Megan Bowen"));
  json_object_set_string_member (def, "createdTime", seed->created_time);
  json_object_set_object_member (def, "lastModifiedBy", new_person ("Megan Bowen"));
  json_object_set_string_member (def, "lastModifiedTime", seed->created_time);
  json_object_set_string_member (def, "etag", seed->etag);
  json_object_set_boolean_member (def, "isLegacySchemaVersion", FALSE);
  json_object_set_object_member (root, "policyDefinition", def);
  json_object_set_object_member (root, "connectorConfigurationsDefinition",
                                 new_configurations (seed->with_rules));
  json_object_set_object_member (root, "customConnectorUrlPatternsDefinition",
                                 new_url_patterns (seed->with_rules));

  return root;
}

static const char *m365_business[] = {
  "shared_sharepointonline", "SharePoint", "shared_onedriveforbusiness", "OneDrive for Business",
  "shared_office365", "Office 365 Outlook", "shared_teams", "Microsoft Teams",
  "shared_commondataserviceforapps", "Microsoft Dataverse", "shared_approvals", "Approvals",
  "shared_excelonlinebusiness", "Excel Online (Business)", "shared_office365users",
  "Office 365 Users", NULL
};
static const char *social_blocked[] = {
  "shared_twitter", "Twitter", "shared_facebook", "Facebook", "shared_dropbox", "Dropbox",
  "shared_gmail", "Gmail", NULL
};
static const char *pilot_business[] = {
  "shared_commondataserviceforapps", "Microsoft Dataverse", "shared_teams", "Microsoft Teams",
  "shared_azureopenai", "Azure OpenAI", NULL
};

static const SeedPolicy seed_production = {
  "5b2f7d1e-0c3a-4e6b-9d8f-1a2b3c4d5e61", "Production connectors baseline", "OnlyEnvironments",
  m365_business, social_blocked, "2022-03-14T10:21:07.330Z",
  "a872cb45-3e1f-4d2a-9b7c-6e5d4c3b2a10", TRUE };
static const SeedPolicy seed_default = {
  "6c3a8e2f-1d4b-4f7c-8e9a-2b3c4d5e6f72", "Default environment guardrails", "OnlyEnvironments",
  m365_business, social_blocked, "2021-11-02T07:38:56.680Z",
  "b983dc56-4f2a-4e3b-8c8d-7f6e5d4c3b21", FALSE };
static const SeedPolicy seed_single = {
  "7d4b9f3a-2e5c-4a8d-9f0b-3c4d5e6f7a83", "Copilot pilot connectors", "SingleEnvironment",
  pilot_business, NULL, "2024-10-02T09:00:12.000Z", "c094ed67-5a3b-4f4c-9d9e-8a7f6e5d4c32",
  FALSE };
static const SeedPolicy seed_except = {
  "8e5c0a4b-3f6d-4b9e-8a1c-4d5e6f7a8b94", "Tenant-wide baseline", "ExceptEnvironments",
  m365_business, social_blocked, "2023-05-22T14:12:45.900Z",
  "d1a5fe78-6b4c-4a5d-8eaf-9b8a7f6e5d43", TRUE };

void
_posture_demo_dlp_seed (PostureDemoScenario *scenario,
                        GPtrArray           *production,
                        GPtrArray           *defaults,
                        const char          *single,
                        GPtrArray           *except)
{
  if (production != NULL && production->len > 0)
    g_ptr_array_add (scenario->policies, new_policy (&seed_production, production));
  if (defaults != NULL)
    g_ptr_array_add (scenario->policies, new_policy (&seed_default, defaults));
  if (single != NULL)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, (gpointer) single);
      g_ptr_array_add (scenario->policies, new_policy (&seed_single, one));
    }
  if (except != NULL && except->len > 0)
    g_ptr_array_add (scenario->policies, new_policy (&seed_except, except));
}

/* ---- Reads ---------------------------------------------------------------------------- */

static JsonObject *
find_policy (PostureDemoScenario *scenario,
             const char          *name,
             guint               *out_index)
{
  for (guint i = 0; i < scenario->policies->len; i++)
    {
      JsonObject *policy = g_ptr_array_index (scenario->policies, i);
      const char *pname = posture_json_get_path_string (policy, "policyDefinition.name");

      if (pname != NULL && name != NULL && g_ascii_strcasecmp (pname, name) == 0)
        {
          if (out_index)
            *out_index = i;
          return policy;
        }
    }
  return NULL;
}

static PostureDemoReply *
policy_not_found (const char *name)
{
  g_autofree char *msg = g_strdup_printf ("The data policy '%.64s' could not be found.", name);

  return _posture_demo_reply_new_error (404, "PolicyNotFound", msg);
}

static PostureDemoReply *
bad_request (const char *message)
{
  return _posture_demo_reply_new_error (400, "InvalidRequestContent", message);
}

static PostureDemoReply *
list_policies (PostureDemoScenario *scenario)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *value = json_array_new ();

  for (guint i = 0; i < scenario->policies->len; i++)
    {
      JsonObject *policy = g_ptr_array_index (scenario->policies, i);
      JsonObject *def = _posture_demo_object_copy (posture_json_get_object (policy,
                                                                            "policyDefinition"));
      JsonObject *item = json_object_new ();

      /* As the real list: the summary, without the connector groups. */
      json_object_remove_member (def, "connectorGroups");
      json_object_set_object_member (item, "policyDefinition", def);
      json_array_add_object_element (value, item);
    }
  json_object_set_array_member (root, "value", value);

  return _posture_demo_reply_new_object (200, root);
}

/* ---- Writes --------------------------------------------------------------------------- */

static const char *
canonical_enum (const char         *value,
                const char * const *allowed)
{
  for (guint i = 0; value != NULL && allowed[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, allowed[i]) == 0)
      return allowed[i];
  return NULL;
}

static char *
check_environments (PostureDemoScenario  *scenario,
                    JsonArray            *envs,
                    JsonArray           **out_envs)
{
  g_autoptr(JsonArray) result = json_array_new ();

  for (guint i = 0; i < json_array_get_length (envs); i++)
    {
      JsonNode *item = json_array_get_element (envs, i);
      const char *name = NULL;
      PostureDemoEnv *env;

      if (JSON_NODE_HOLDS_OBJECT (item))
        {
          name = posture_json_get_string (json_node_get_object (item), "name");
          if (name == NULL)
            {
              const char *id = posture_json_get_string (json_node_get_object (item), "id");

              name = id ? strrchr (id, '/') : NULL;
              name = name ? name + 1 : id;
            }
        }
      env = _posture_demo_scenario_lookup (scenario, name);
      if (env == NULL)
        return g_strdup_printf ("environments[%u] does not name an environment of this "
                                "tenant.", i);
      json_array_add_object_element (result, env_ref (env->name));
    }
  *out_envs = g_steal_pointer (&result);
  return NULL;
}

static char *
check_groups (JsonArray *groups)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonNode *item = json_array_get_element (groups, i);
      JsonObject *group = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonArray *connectors = group ? posture_json_get_array (group, "connectors") : NULL;

      if (group == NULL ||
          canonical_enum (posture_json_get_string (group, "classification"),
                          classifications) == NULL ||
          (json_object_has_member (group, "connectors") && connectors == NULL))
        return g_strdup_printf ("connectorGroups[%u] needs a classification (General, "
                                "Confidential or Blocked) and an array of connectors.", i);

      for (guint j = 0; connectors != NULL && j < json_array_get_length (connectors); j++)
        {
          JsonNode *c = json_array_get_element (connectors, j);
          const char *id = JSON_NODE_HOLDS_OBJECT (c)
                           ? posture_json_get_string (json_node_get_object (c), "id") : NULL;

          if (id == NULL || g_ascii_strncasecmp (id, CONNECTOR_PREFIX, strlen (CONNECTOR_PREFIX)) ||
              strlen (id) == strlen (CONNECTOR_PREFIX))
            return g_strdup_printf ("connectorGroups[%u].connectors[%u] needs an id of the form "
                                    CONNECTOR_PREFIX "{name}.", i, j);
          if (!g_hash_table_add (seen, g_ascii_strdown (id, -1)))
            return g_strdup_printf ("The connector '%.200s' is in more than one group.", id);
        }
    }
  return NULL;
}

static char *
check_url_patterns (JsonObject *definition)
{
  JsonArray *rules = posture_json_get_array (definition, "rules");

  if (json_object_has_member (definition, "rules") && rules == NULL &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (definition, "rules")))
    return g_strdup ("customConnectorUrlPatternsDefinition.rules must be an array.");
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonNode *item = json_array_get_element (rules, i);
      JsonObject *rule = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      gint64 order = 0;

      if (rule == NULL || !posture_json_get_int (rule, "order", &order) ||
          posture_json_get_string (rule, "pattern") == NULL ||
          canonical_enum (posture_json_get_string (rule, "customConnectorRuleClassification"),
                          url_classifications) == NULL)
        return g_strdup_printf ("customConnectorUrlPatternsDefinition.rules[%u] needs an order, "
                                "a pattern and a classification (General, Confidential, "
                                "Blocked or Ignore).", i);
    }
  return NULL;
}

/* Validates the policy definition members a client may send and applies them to def
 * (a mutable policyDefinition). Returns an error message or NULL. */
static char *
apply_definition (PostureDemoScenario *scenario,
                  JsonObject          *def,
                  JsonObject          *in,
                  gboolean             creating)
{
  const char *display_name = posture_json_get_string (in, "displayName");
  const char *env_type = NULL;
  const char *default_class = NULL;
  JsonArray *envs = posture_json_get_array (in, "environments");
  JsonArray *groups = posture_json_get_array (in, "connectorGroups");
  g_autoptr(JsonArray) new_envs = NULL;
  char *msg;

  if ((creating || json_object_has_member (in, "displayName")) &&
      (display_name == NULL || display_name[0] == '\0' ||
       g_utf8_strlen (display_name, -1) > MAX_DISPLAY_NAME))
    return g_strdup ("displayName is required: a name of 1 to 256 characters.");
  if (creating || json_object_has_member (in, "environmentType"))
    {
      env_type = canonical_enum (posture_json_get_string (in, "environmentType"),
                                 environment_types);
      if (env_type == NULL)
        return g_strdup ("environmentType must be AllEnvironments, ExceptEnvironments, "
                         "OnlyEnvironments or SingleEnvironment.");
    }
  if (json_object_has_member (in, "defaultConnectorsClassification"))
    {
      default_class = canonical_enum (posture_json_get_string (in,
                                                               "defaultConnectorsClassification"),
                                      classifications);
      if (default_class == NULL)
        return g_strdup ("defaultConnectorsClassification must be General, Confidential or "
                         "Blocked.");
    }
  if (json_object_has_member (in, "environments") && envs == NULL)
    return g_strdup ("environments must be an array of environment references.");
  if (envs != NULL && (msg = check_environments (scenario, envs, &new_envs)))
    return msg;
  if (json_object_has_member (in, "connectorGroups"))
    {
      if (groups == NULL)
        return g_strdup ("connectorGroups must be an array.");
      if ((msg = check_groups (groups)))
        return msg;
    }

  if (display_name != NULL)
    json_object_set_string_member (def, "displayName", display_name);
  if (env_type != NULL)
    json_object_set_string_member (def, "environmentType", env_type);
  if (default_class != NULL)
    json_object_set_string_member (def, "defaultConnectorsClassification", default_class);
  else if (creating)
    json_object_set_string_member (def, "defaultConnectorsClassification", "General");
  if (new_envs != NULL)
    json_object_set_array_member (def, "environments", g_steal_pointer (&new_envs));
  else if (creating)
    json_object_set_array_member (def, "environments", json_array_new ());

  env_type = posture_json_get_string (def, "environmentType");
  if (g_strcmp0 (env_type, "AllEnvironments") == 0)
    json_object_set_array_member (def, "environments", json_array_new ());
  else if (g_strcmp0 (env_type, "SingleEnvironment") == 0 &&
           json_array_get_length (posture_json_get_array (def, "environments")) != 1)
    return g_strdup ("A SingleEnvironment policy names exactly one environment.");

  if (groups != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), groups);

      json_object_set_member (def, "connectorGroups", _posture_demo_json_copy (node));
    }
  else if (creating)
    {
      JsonArray *empty = json_array_new ();

      json_array_add_object_element (empty, new_group ("Confidential", NULL));
      json_array_add_object_element (empty, new_group ("General", NULL));
      json_array_add_object_element (empty, new_group ("Blocked", NULL));
      json_object_set_array_member (def, "connectorGroups", empty);
    }

  return NULL;
}

static void
touch_policy (PostureDemoScenario *scenario,
              JsonObject          *def)
{
  g_autofree char *now = _posture_demo_now_string ();
  g_autofree char *etag = _posture_demo_new_guid (scenario->rand);

  json_object_set_object_member (def, "lastModifiedBy", new_person ("Demo Administrator"));
  json_object_set_string_member (def, "lastModifiedTime", now);
  json_object_set_string_member (def, "etag", etag);
}

static char *
copy_extra_definitions (JsonObject *policy,
                        JsonObject *in)
{
  static const char * const extras[] = {
    "connectorConfigurationsDefinition", "customConnectorUrlPatternsDefinition" };
  JsonObject *patterns = posture_json_get_object (in, extras[1]);
  char *msg;

  if (patterns != NULL && (msg = check_url_patterns (patterns)))
    return msg;

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      JsonObject *o = posture_json_get_object (in, extras[i]);

      if (o != NULL)
        json_object_set_object_member (policy, extras[i], _posture_demo_object_copy (o));
    }
  return NULL;
}

static JsonObject *
definition_of (JsonNode *body)
{
  JsonObject *in = json_node_get_object (body);
  JsonObject *def = posture_json_get_object (in, "policyDefinition");

  return def != NULL ? def : in;
}

static PostureDemoReply *
create_policy (PostureDemoRequest *req,
               JsonNode           *body)
{
  PostureDemoScenario *scenario = req->scenario;
  g_autoptr(JsonObject) policy = json_object_new ();
  JsonObject *def = json_object_new ();
  g_autofree char *msg = NULL;
  g_autofree char *name = NULL;
  g_autofree char *now = _posture_demo_now_string ();
  PostureDemoReply *reply;

  json_object_set_object_member (policy, "policyDefinition", def);
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return bad_request ("The request content must be a data policy object.");

  if ((msg = apply_definition (scenario, def, definition_of (body), TRUE)))
    return bad_request (msg);

  name = _posture_demo_new_guid (scenario->rand);
  json_object_set_string_member (def, "name", name);
  json_object_set_object_member (def, "createdBy", new_person ("Demo Administrator"));
  json_object_set_string_member (def, "createdTime", now);
  touch_policy (scenario, def);
  json_object_set_boolean_member (def, "isLegacySchemaVersion", FALSE);
  json_object_set_object_member (policy, "connectorConfigurationsDefinition",
                                 new_configurations (FALSE));
  json_object_set_object_member (policy, "customConnectorUrlPatternsDefinition",
                                 json_object_new ());
  json_object_set_array_member (posture_json_get_object (policy,
                                                         "customConnectorUrlPatternsDefinition"),
                                "rules", json_array_new ());
  if ((msg = copy_extra_definitions (policy, json_node_get_object (body))))
    return bad_request (msg);

  g_ptr_array_add (scenario->policies, json_object_ref (policy));
  reply = _posture_demo_reply_new_object (201, policy);

  if (req->config->dlp_creates_lost > 0)
    {
      req->config->dlp_creates_lost--;
      reply->lost = TRUE;
      g_debug ("The create of data policy %s landed; its answer is lost", name);
    }
  return reply;
}

static PostureDemoReply *
update_policy (PostureDemoRequest *req,
               const char         *name,
               JsonNode           *body)
{
  JsonObject *policy = find_policy (req->scenario, name, NULL);
  g_autoptr(JsonObject) def = NULL;
  g_autoptr(JsonObject) copy = NULL;
  g_autofree char *msg = NULL;

  if (policy == NULL)
    return policy_not_found (name);
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return bad_request ("The request content must be a data policy object.");

  /* Validate on a copy, so that a rejected update changes nothing. */
  copy = _posture_demo_object_copy (policy);
  def = _posture_demo_object_copy (posture_json_get_object (policy, "policyDefinition"));
  if ((msg = apply_definition (req->scenario, def, definition_of (body), FALSE)))
    return bad_request (msg);
  if ((msg = copy_extra_definitions (copy, json_node_get_object (body))))
    return bad_request (msg);

  touch_policy (req->scenario, def);
  json_object_set_object_member (copy, "policyDefinition", g_steal_pointer (&def));
  for (guint i = 0; i < req->scenario->policies->len; i++)
    if (g_ptr_array_index (req->scenario->policies, i) == policy)
      {
        g_ptr_array_index (req->scenario->policies, i) = json_object_ref (copy);
        json_object_unref (policy);
      }

  return _posture_demo_reply_new_object (200, copy);
}

/* providers/PowerPlatform.Governance/v2/policies[/{name}] */
PostureDemoReply *
_posture_demo_dlp_route (PostureDemoRequest *req)
{
  char **s = req->segs;
  guint n = req->n_segs;
  g_autoptr(JsonNode) body = NULL;
  PostureDemoReply *reply = NULL;
  guint index = 0;

  if (n < 4 || !g_str_equal (s[1], "PowerPlatform.Governance") || !g_str_equal (s[2], "v2") ||
      !g_str_equal (s[3], "policies") || n > 5)
    return NULL;

  if (n == 4)
    {
      if (_posture_demo_request_is (req, "GET"))
        return list_policies (req->scenario);
      if (!_posture_demo_request_is (req, "POST"))
        return _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);
      body = _posture_demo_request_parse_body (req, &reply);
      return reply != NULL ? reply : create_policy (req, body);
    }

  if (_posture_demo_request_is (req, "GET"))
    {
      JsonObject *policy = find_policy (req->scenario, s[4], NULL);

      return policy != NULL ? _posture_demo_reply_new_object (200, policy)
                            : policy_not_found (s[4]);
    }
  if (_posture_demo_request_is (req, "DELETE"))
    {
      if (find_policy (req->scenario, s[4], &index) == NULL)
        return policy_not_found (s[4]);
      g_ptr_array_remove_index (req->scenario->policies, index);
      return _posture_demo_reply_new (200, NULL);
    }
  if (!_posture_demo_request_is (req, "PATCH"))
    return _posture_demo_method_not_allowed (POSTURE_DEMO_SERVICE_BAP, req->method);
  body = _posture_demo_request_parse_body (req, &reply);
  return reply != NULL ? reply : update_policy (req, s[4], body);
}
