/* posture-demo-tenant.c: the demo tenant's state, its seeded scenario and its generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure data: nothing here knows about HTTP beyond the status and body of each
 * answer. Environments are kept as small structs and rendered to JSON on demand
 * (the rendering is cached per environment), so a tenant of 10,000 environments
 * costs a few megabytes and pages are served from pre-rendered strings.
 */

#define G_LOG_DOMAIN "posture-demo-tenant"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"
#include "posture-demo-server.h"
#include "posture-json.h"

#define ENV_ID_PREFIX   "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/"
#define ENV_TYPE        "Microsoft.BusinessAppPlatform/scopes/environments"
#define ZERO_GUID       "00000000-0000-0000-0000-000000000000"
#define MAX_DISPLAY_NAME 256

/* Dataverse organization flags, one bit each. */
enum
{
  ORG_FIREWALL       = 1 << 0,
  ORG_FIREWALL_AUDIT = 1 << 1,
  ORG_COOKIE_BINDING = 1 << 2,
  ORG_AUDIT          = 1 << 3,
  ORG_CSP            = 1 << 4,
  ORG_CSP_CANVAS     = 1 << 5,
  ORG_USER_AUDIT     = 1 << 6,
  ORG_SESSION_TIMEOUT = 1 << 7,
};

typedef struct
{
  const char *location;
  const char *regions[2];
  const char *bap_prefix;
  const char *flow_prefix;
  const char *apim;
  const char *geo_short;
  const char *crm;
} Geo;

static const Geo geos[] = {
  { "unitedstates",  { "westus", "eastus" },            "unitedstates",  "unitedstates", "UNITEDSTATES", "US", "crm" },
  { "europe",        { "northeurope", "westeurope" },   "europe",        "emea",         "EUROPE",       "EU", "crm4" },
  { "unitedkingdom", { "uksouth", "ukwest" },           "unitedkingdom", "uk",           "UNITEDKINGDOM", "GB", "crm11" },
  { "canada",        { "canadacentral", "canadaeast" }, "canada",        "canada",       "CANADA",       "CA", "crm3" },
  { "asia",          { "southeastasia", "eastasia" },   "asia",          "asia",         "ASIA",         "AS", "crm5" },
  { "australia",     { "australiaeast", "australiasoutheast" }, "australia", "australia", "AUSTRALIA",   "AU", "crm6" },
};

typedef struct
{
  char        *name;              /* environment GUID, or Default-{tenant id} */
  char        *display_name;
  char        *description;
  const char  *sku;
  gboolean     is_default;
  const Geo   *geo;
  const char  *azure_region;
  char        *created_time;
  char        *created_by;
  char        *created_by_id;
  char        *resource_id;       /* Dataverse organization id */

  /* Dataverse */
  gboolean     has_dataverse;
  gboolean     dataverse_forbidden;
  char        *domain_name;
  char        *security_group_id; /* NULL: member absent */
  guint        org_flags;
  guint        audit_retention;   /* days; 0 = forever (-1) */
  JsonObject  *org;               /* created on first use, then owns the row */

  /* BAP settings */
  JsonObject  *governance;        /* governanceConfiguration, owned */
  const char  *cmk_status;        /* NULL: no CMK policy */
  const char  *vnet_status;       /* NULL: no VNet policy */
  const char  *cadence;

  char        *cached;            /* rendered JSON for cached_base, or NULL */
} DemoEnv;

struct _PostureDemoTenant
{
  guint64      seed;
  guint        n_requested;
  GPtrArray   *environments;      /* DemoEnv, in list order */
  GHashTable  *by_name;           /* lower-case name -> DemoEnv */
  JsonObject  *tenant_settings;
  JsonObject  *isolation;         /* NULL: never configured (404) */
  GPtrArray   *policies;          /* JsonObject: full DLP v2 policy */
  GHashTable  *operations;        /* lifecycle operation ids */
  GRand       *rand;              /* for ids of new objects; seeded */
  char        *cached_base;
};

/* ---- Replies ------------------------------------------------------------- */

PostureDemoReply *
_posture_demo_reply_new (guint  status,
                         char  *body)
{
  PostureDemoReply *reply = g_new0 (PostureDemoReply, 1);

  reply->status = status;
  reply->body = body;
  return reply;
}

char *
_posture_demo_json_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

PostureDemoReply *
_posture_demo_reply_new_node (guint     status,
                              JsonNode *node)
{
  return _posture_demo_reply_new (status, _posture_demo_json_string (node));
}

PostureDemoReply *
_posture_demo_reply_new_object (guint       status,
                                JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return _posture_demo_reply_new_node (status, node);
}

/* The BAP/ARM error body: {"error":{"code":…,"message":…}} */
PostureDemoReply *
_posture_demo_reply_new_error (guint       status,
                               const char *code,
                               const char *message)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *err = json_object_new ();

  json_object_set_string_member (err, "code", code);
  json_object_set_string_member (err, "message", message);
  json_object_set_object_member (root, "error", err);

  return _posture_demo_reply_new_object (status, root);
}

void
_posture_demo_reply_free (PostureDemoReply *reply)
{
  if (reply == NULL)
    return;

  g_free (reply->body);
  g_free (reply->content_type);
  g_free (reply->location);
  g_free (reply->www_authenticate);
  g_free (reply);
}

/* ---- Helpers --------------------------------------------------------------- */

char *
_posture_demo_new_guid (GRand *rand)
{
  guint32 a = g_rand_int (rand);
  guint32 b = g_rand_int (rand);
  guint32 c = g_rand_int (rand);
  guint32 d = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-%04x-%04x-%04x%08x",
                          a, b >> 16, 0x4000 | (b & 0x0fff), 0x8000 | ((c >> 16) & 0x3fff),
                          c & 0xffff, d);
}

char *
_posture_demo_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.000Z");
}

static char *
now_string (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_now_utc ();
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, g_date_time_get_microsecond (dt) / 1000);
}

/* A fresh, mutable deep copy: the bounded parser hands out sealed nodes. */
JsonNode *
_posture_demo_json_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *src = json_node_get_object (node);
        JsonObject *dst = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, src);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (dst, name, _posture_demo_json_copy (member));
        copy = json_node_init_object (json_node_alloc (), dst);
        json_object_unref (dst);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *src = json_node_get_array (node);
        JsonArray *dst = json_array_sized_new (json_array_get_length (src));

        for (guint i = 0; i < json_array_get_length (src); i++)
          json_array_add_element (dst, _posture_demo_json_copy (json_array_get_element (src, i)));
        copy = json_node_init_array (json_node_alloc (), dst);
        json_array_unref (dst);
        return copy;
      }

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        copy = json_node_alloc ();
        json_node_init (copy, JSON_NODE_VALUE);
        if (type == G_TYPE_STRING)
          json_node_set_string (copy, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          json_node_set_boolean (copy, json_node_get_boolean (node));
        else if (type == G_TYPE_DOUBLE)
          json_node_set_double (copy, json_node_get_double (node));
        else
          json_node_set_int (copy, json_node_get_int (node));
        return copy;
      }

    case JSON_NODE_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) copy = _posture_demo_json_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

static JsonObject *
new_ref_object (const char *id,
                const char *display_name,
                const char *type)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "displayName", display_name);
  json_object_set_string_member (obj, "type", type);
  return obj;
}

/* ---- Environments ---------------------------------------------------------- */

static void
demo_env_free (gpointer data)
{
  DemoEnv *env = data;

  g_free (env->name);
  g_free (env->display_name);
  g_free (env->description);
  g_free (env->created_time);
  g_free (env->created_by);
  g_free (env->created_by_id);
  g_free (env->resource_id);
  g_free (env->domain_name);
  g_free (env->security_group_id);
  g_clear_pointer (&env->org, json_object_unref);
  g_clear_pointer (&env->governance, json_object_unref);
  g_free (env->cached);
  g_free (env);
}

/* limit_mode NULL: unmanaged ("Basic", no settings). */
static JsonObject *
new_governance (const char *protection_level,
                const char *limit_mode,
                const char *max_sharing,
                const char *checker_mode)
{
  JsonObject *gov = json_object_new ();
  JsonObject *settings;
  JsonObject *ext;

  json_object_set_string_member (gov, "protectionLevel", protection_level);
  if (limit_mode == NULL)
    return gov;

  settings = json_object_new ();
  ext = json_object_new ();
  json_object_set_string_member (ext, "excludeEnvironmentFromAnalysis", "false");
  json_object_set_string_member (ext, "isGroupSharingDisabled", "false");
  json_object_set_string_member (ext, "maxLimitUserSharing", max_sharing);
  json_object_set_string_member (ext, "limitSharingMode", limit_mode);
  json_object_set_string_member (ext, "includeOnHomepageInsights", "false");
  json_object_set_string_member (ext, "solutionCheckerMode", checker_mode);
  json_object_set_string_member (ext, "suppressValidationEmails", "true");
  json_object_set_string_member (ext, "solutionCheckerRuleOverrides", "");
  json_object_set_string_member (ext, "disableAiGeneratedDescriptions", "false");
  json_object_set_string_member (ext, "solutionCloudFlows-limitSharingMode", "disableSharing");
  json_object_set_string_member (ext, "solutionCloudFlows-maxLimitUserSharing", "-1");
  json_object_set_string_member (ext, "bot-authoringSharingDisabled", "true");
  json_object_set_string_member (ext, "bot-limitSharingMode", "excludeSharingToSecurityGroups");
  json_object_set_string_member (ext, "bot-maxLimitUserSharing", "55");
  json_object_set_object_member (settings, "extendedSettings", ext);
  json_object_set_object_member (gov, "settings", settings);

  return gov;
}

static JsonObject *
new_enterprise_policy (const DemoEnv *env,
                       const char    *kind,
                       const char    *status)
{
  JsonObject *policy = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *system_id = NULL;
  guint32 h = g_str_hash (env->name) ^ g_str_hash (kind);

  id = g_strdup_printf ("/subscriptions/%08x-7c1d-4e2a-9f3b-5d6e7f8a9b0c/resourceGroups/rg-powerplatform/"
                        "providers/Microsoft.PowerPlatform/enterprisePolicies/%s-%s",
                        h, kind, env->domain_name ? env->domain_name : "policy");
  system_id = g_strdup_printf ("/regions/%s/providers/Microsoft.PowerPlatform/enterprisePolicies/"
                               "%08x-%04x-4%03x-a%03x-%012x",
                               env->geo->location, h, h & 0xffff, h & 0xfff, (h >> 8) & 0xfff, h);
  json_object_set_string_member (policy, "policyId", system_id + strlen (system_id) - 36);
  json_object_set_string_member (policy, "location", env->geo->location);
  json_object_set_string_member (policy, "id", id);
  json_object_set_string_member (policy, "systemId", system_id);
  json_object_set_string_member (policy, "linkStatus", status);

  return policy;
}

static JsonObject *
render_env (const DemoEnv *env,
            const char    *base_uri)
{
  JsonObject *obj = json_object_new ();
  JsonObject *props = json_object_new ();
  JsonObject *o;
  JsonObject *p;
  g_autofree char *id = g_strconcat (ENV_ID_PREFIX, env->name, NULL);
  g_autofree char *s = NULL;
  const Geo *geo = env->geo;

  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "type", ENV_TYPE);
  json_object_set_string_member (obj, "location", geo->location);
  json_object_set_string_member (obj, "name", env->name);

  json_object_set_string_member (props, "tenantId", POSTURE_DEMO_TENANT_ID);
  json_object_set_string_member (props, "azureRegion", env->azure_region);
  json_object_set_string_member (props, "displayName", env->display_name);
  json_object_set_string_member (props, "description", env->description);
  json_object_set_string_member (props, "createdTime", env->created_time);
  json_object_set_object_member (props, "createdBy",
                                 new_ref_object (env->created_by_id, env->created_by, "User"));
  json_object_set_string_member (props, "lastModifiedTime", env->created_time);
  json_object_set_string_member (props, "provisioningState", "Succeeded");
  json_object_set_string_member (props, "creationType", env->is_default ? "DefaultTenant" : "User");
  json_object_set_string_member (props, "environmentSku", env->sku);
  json_object_set_boolean_member (props, "isDefault", env->is_default);

  o = json_object_new ();
  s = g_strdup_printf ("https://admin.powerplatform.microsoft.com/environments/environment/%s/hub", env->name);
  json_object_set_string_member (o, "admin", s);
  g_free (s);
  s = g_strdup_printf ("https://make.powerapps.com/environments/%s/home", env->name);
  json_object_set_string_member (o, "maker", s);
  g_free (s);
  json_object_set_object_member (props, "clientUris", o);

  o = json_object_new ();
  s = g_strdup_printf ("https://%s.api.bap.microsoft.com", geo->bap_prefix);
  json_object_set_string_member (o, "microsoft.BusinessAppPlatform", s);
  g_free (s);
  s = g_strdup_printf ("https://%s.api.cds.microsoft.com", geo->bap_prefix);
  json_object_set_string_member (o, "microsoft.CommonDataModel", s);
  g_free (s);
  s = g_strdup_printf ("https://%s.api.powerapps.com", geo->bap_prefix);
  json_object_set_string_member (o, "microsoft.PowerApps", s);
  g_free (s);
  s = g_strdup_printf ("https://%s.api.advisor.powerapps.com", geo->bap_prefix);
  json_object_set_string_member (o, "microsoft.PowerAppsAdvisor", s);
  g_free (s);
  s = g_strdup_printf ("https://%s.api.flow.microsoft.com", geo->flow_prefix);
  json_object_set_string_member (o, "microsoft.Flow", s);
  g_free (s);
  s = g_strdup_printf ("https://management.%s.azure-apihub.net", geo->apim);
  json_object_set_string_member (o, "microsoft.ApiManagement", s);
  g_clear_pointer (&s, g_free);
  json_object_set_object_member (props, "runtimeEndpoints", o);

  json_object_set_string_member (props, "databaseType", env->has_dataverse ? "CommonDataService" : "None");

  if (env->has_dataverse)
    {
      o = json_object_new ();
      json_object_set_string_member (o, "resourceId", env->resource_id);
      json_object_set_string_member (o, "friendlyName", env->display_name);
      s = g_strdup_printf ("unq%.8s%s", env->resource_id, env->resource_id + 24);
      json_object_set_string_member (o, "uniqueName", s);
      g_free (s);
      json_object_set_string_member (o, "domainName", env->domain_name);
      json_object_set_string_member (o, "version", "9.2.24101.00193");
      s = g_strdup_printf ("%s/dataverse/%s/", base_uri, env->name);
      json_object_set_string_member (o, "instanceUrl", s);
      g_free (s);
      s = g_strdup_printf ("%s/dataverse/%s", base_uri, env->name);
      json_object_set_string_member (o, "instanceApiUrl", s);
      g_clear_pointer (&s, g_free);
      json_object_set_int_member (o, "baseLanguage", 1033);
      json_object_set_string_member (o, "instanceState", "Ready");
      json_object_set_string_member (o, "createdTime", env->created_time);
      json_object_set_string_member (o, "backgroundOperationsState", "Enabled");
      if (env->security_group_id != NULL)
        json_object_set_string_member (o, "securityGroupId", env->security_group_id);
      s = g_strdup_printf ("%sCRMLIVESG%u", geo->geo_short, 600 + (g_str_hash (env->name) % 300));
      json_object_set_string_member (o, "scaleGroup", s);
      g_clear_pointer (&s, g_free);
      json_object_set_string_member (o, "platformSku", "Standard");
      json_object_set_string_member (o, "schemaType", "Standard");
      json_object_set_object_member (props, "linkedEnvironmentMetadata", o);
    }
  else
    json_object_set_null_member (props, "linkedEnvironmentMetadata");

  json_object_set_string_member (props, "trialScenarioType", "None");
  json_object_set_string_member (props, "retentionPeriod", "P7D");

  o = json_object_new ();
  p = json_object_new ();
  json_object_set_string_member (p, "id", "Ready");
  json_object_set_object_member (o, "management", p);
  p = json_object_new ();
  json_object_set_string_member (p, "id", "Enabled");
  json_object_set_string_member (p, "runtimeReasonCode", "NotSpecified");
  {
    JsonObject *by = json_object_new ();

    json_object_set_string_member (by, "displayName", "SYSTEM");
    json_object_set_string_member (by, "type", "NotSpecified");
    json_object_set_object_member (p, "requestedBy", by);
  }
  json_object_set_object_member (o, "runtime", p);
  json_object_set_object_member (props, "states", o);

  o = json_object_new ();
  json_object_set_string_member (o, "id", env->cadence);
  json_object_set_object_member (props, "updateCadence", o);

  o = json_object_new ();
  json_object_set_string_member (o, "retentionPeriod", "P7D");
  json_object_set_string_member (o, "backupsAvailableFromDateTime", env->created_time);
  json_object_set_object_member (props, "retentionDetails", o);

  o = json_object_new ();
  json_object_set_string_member (o, "keyManagedBy",
                                 g_strcmp0 (env->cmk_status, "Linked") == 0 ? "Customer" : "Microsoft");
  json_object_set_object_member (props, "protectionStatus", o);

  o = json_object_new ();
  if (env->cmk_status != NULL)
    json_object_set_object_member (o, "customerManagedKeys", new_enterprise_policy (env, "cmk", env->cmk_status));
  if (env->vnet_status != NULL)
    json_object_set_object_member (o, "vNets", new_enterprise_policy (env, "vnet", env->vnet_status));
  json_object_set_object_member (props, "enterprisePolicies", o);

  o = json_object_new ();
  json_object_set_string_member (o, "category", "Prod");
  s = g_strdup_printf ("%u", 100 + (g_str_hash (env->name) % 50));
  json_object_set_string_member (o, "number", s);
  g_free (s);
  {
    g_autofree char *geo_lower = g_ascii_strdown (geo->geo_short, -1);

    s = g_strdup_printf ("%s-il%u.gateway.prod.island", geo_lower, 100 + (g_str_hash (env->name) % 50));
  }
  json_object_set_string_member (o, "uriSuffix", s);
  g_clear_pointer (&s, g_free);
  json_object_set_string_member (o, "geoShortName", geo->geo_short);
  json_object_set_string_member (o, "environment", "Prod");
  json_object_set_object_member (props, "cluster", o);

  json_object_set_array_member (props, "connectedGroups", json_array_new ());

  /* Managed production and sandbox environments sit in an environment group. */
  if (g_strcmp0 (posture_json_get_string (env->governance, "protectionLevel"), "Standard") == 0)
    {
      o = json_object_new ();
      s = g_strdup_printf ("%08x-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                           g_str_equal (env->sku, "Production") ? 0x2b7c9d1eu : 0x3c8dae2fu);
      json_object_set_string_member (o, "id", s);
      g_clear_pointer (&s, g_free);
      json_object_set_object_member (props, "parentEnvironmentGroup", o);
    }

  o = json_object_new ();
  {
    JsonArray *allowed = json_array_new ();
    JsonArray *disallowed = json_array_new ();
    static const char * const ops[] = { "Copy", "Backup", "Restore", "Reset", "Move", "Recover" };

    for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
      {
        JsonObject *op = json_object_new ();
        JsonObject *type = json_object_new ();

        json_object_set_string_member (type, "id", ops[i]);
        json_object_set_object_member (op, "type", type);
        json_array_add_object_element (allowed, op);
      }
    if (env->has_dataverse)
      {
        JsonObject *op = json_object_new ();
        JsonObject *type = json_object_new ();
        JsonObject *reason = json_object_new ();

        json_object_set_string_member (type, "id", "Provision");
        json_object_set_object_member (op, "type", type);
        json_object_set_string_member (reason, "message", "Provision cannot be performed because the environment "
                                                          "already has a Dataverse database.");
        json_object_set_string_member (reason, "type", "CdsLink");
        json_object_set_object_member (op, "reason", reason);
        json_array_add_object_element (disallowed, op);
      }
    json_object_set_array_member (o, "allowedOperations", allowed);
    json_object_set_array_member (o, "disallowedOperations", disallowed);
  }
  json_object_set_object_member (props, "lifecycleOperationsEnforcement", o);
  json_object_set_boolean_member (props, "bingChatEnabled", !g_str_equal (env->sku, "Developer"));
  json_object_set_boolean_member (props, "m365Enabled", FALSE);

  o = json_object_new ();
  json_object_set_boolean_member (o, "crossGeoCopilotDataMovementEnabled", FALSE);
  json_object_set_boolean_member (o, "crossBoundaryCopilotDataMovementEnabled",
                                  g_str_equal (env->sku, "Trial"));
  json_object_set_object_member (props, "copilotPolicies", o);

  json_object_set_object_member (props, "governanceConfiguration", copy_object (env->governance));

  json_object_set_object_member (obj, "properties", props);
  return obj;
}

static const char *
env_json (PostureDemoTenant *tenant,
          DemoEnv           *env,
          const char        *base_uri)
{
  if (g_strcmp0 (tenant->cached_base, base_uri) != 0)
    {
      for (guint i = 0; i < tenant->environments->len; i++)
        g_clear_pointer (&((DemoEnv *) g_ptr_array_index (tenant->environments, i))->cached, g_free);
      g_free (tenant->cached_base);
      tenant->cached_base = g_strdup (base_uri);
    }

  if (env->cached == NULL)
    {
      g_autoptr(JsonObject) obj = render_env (env, base_uri);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);

      env->cached = _posture_demo_json_string (node);
    }

  return env->cached;
}

static DemoEnv *
lookup_env (PostureDemoTenant *tenant,
            const char        *name)
{
  g_autofree char *key = NULL;

  if (name == NULL)
    return NULL;
  key = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (tenant->by_name, key);
}

static void
add_env (PostureDemoTenant *tenant,
         DemoEnv           *env)
{
  g_ptr_array_add (tenant->environments, env);
  g_hash_table_insert (tenant->by_name, g_ascii_strdown (env->name, -1), env);
}

/* ---- The seeded scenario "Contoso (demo)" --------------------------------- */

typedef struct
{
  const char *name;
  const char *display_name;
  const char *description;
  const char *sku;
  guint       geo;
  guint       region;
  const char *created_time;
  const char *created_by;
  const char *domain;           /* NULL: no Dataverse */
  const char *security_group;   /* NULL: absent */
  gboolean    forbidden;
  guint       org_flags;
  const char *protection;       /* "Standard" or "Basic" */
  const char *limit_mode;       /* NULL: no settings */
  const char *max_sharing;
  const char *cmk;
  const char *vnet;
} ScenarioEnv;

#define DEFAULT_ENV_NAME "Default-" POSTURE_DEMO_TENANT_ID

static const ScenarioEnv scenario_envs[] = {
  { DEFAULT_ENV_NAME, "Contoso (default)", "", "Default", 0, 0,
    "2019-03-11T16:45:02.113Z", "SYSTEM", "contosodemo", NULL, FALSE,
    ORG_SESSION_TIMEOUT, "Basic", NULL, NULL, NULL, NULL },
  { "a3f0c2d1-5b6e-4c8f-9a1d-2e3b4c5d6e01", "Contoso Sales", "Customer engagement apps for the sales organisation.",
    "Production", 0, 1, "2021-06-02T09:14:27.400Z", "Megan Bowen", "contososales",
    "6f1c2b3a-8d4e-4f5a-9b6c-7d8e9f0a1b21", FALSE,
    ORG_FIREWALL | ORG_COOKIE_BINDING | ORG_AUDIT | ORG_USER_AUDIT | ORG_CSP | ORG_CSP_CANVAS | ORG_SESSION_TIMEOUT,
    "Standard", "excludeSharingToSecurityGroups", "20", "Linked", "Linked" },
  { "b7e1d4c2-9a3f-4b8e-8c1d-3f4a5b6c7d02", "Contoso Finance", "Finance and operations: budgets, expenses, approvals.",
    "Production", 1, 0, "2021-09-20T13:05:51.020Z", "Lidia Holloway", "contosofinance",
    "7a2d3c4b-9e5f-4a6b-8c7d-8e9f0a1b2c32", FALSE,
    ORG_FIREWALL | ORG_FIREWALL_AUDIT | ORG_AUDIT | ORG_CSP,
    "Standard", "noLimit", "-1", "Linking", "Linked" },
  { "c2b8e5d3-0f4a-4c9d-9e2f-4a5b6c7d8e03", "Contoso HR", "Onboarding, leave requests and the people directory.",
    "Production", 1, 1, "2022-01-17T08:30:00.000Z", "Diego Siciliani", "contosohr",
    "", FALSE, 0, "Basic", NULL, NULL, NULL, NULL },
  { "d9c3f6e4-1a5b-4d0e-8f3a-5b6c7d8e9f04", "Field Service", "Work orders and technician scheduling.",
    "Production", 2, 0, "2022-05-09T11:22:33.250Z", "Grady Archie", "contosofieldsvc",
    ZERO_GUID, TRUE, ORG_AUDIT, "Basic", NULL, NULL, NULL, NULL },
  { "e4d0a7f5-2b6c-4e1f-9a4b-6c7d8e9f0a05", "Contoso Intranet", "Canvas apps and flows for the intranet portal.",
    "Production", 0, 0, "2020-11-30T15:40:10.500Z", "Megan Bowen", NULL, NULL, FALSE, 0,
    "Standard", "noLimit", "50", NULL, NULL },
  { "f5e1b8a6-3c7d-4f2a-8b5c-7d8e9f0a1b06", "Sales UAT", "User acceptance testing for Contoso Sales releases.",
    "Sandbox", 0, 1, "2023-02-15T08:02:36.170Z", "Megan Bowen", "contososalesuat",
    "8b3e4d5c-0f6a-4b7c-9d8e-9f0a1b2c3d43", FALSE,
    ORG_FIREWALL | ORG_COOKIE_BINDING | ORG_AUDIT,
    "Standard", "excludeSharingToSecurityGroups", "10", NULL, NULL },
  { "0a6f2c97-4d8e-4a3b-9c6d-8e9f0a1b2c07", "Finance Integration (Sandbox)", "ERP integration tests.",
    "Sandbox", 1, 0, "2023-04-03T10:10:10.100Z", "Lidia Holloway", "contosofinint",
    NULL, FALSE, 0, "Basic", NULL, NULL, NULL, NULL },
  { "1b7a3d08-5e9f-4b4c-8d7e-9f0a1b2c3d08", "Copilot Pilot", "Trial of Copilot Studio agents.",
    "Trial", 0, 1, "2024-10-01T07:45:00.000Z", "Isaiah Langer", NULL, NULL, FALSE, 0,
    "Basic", NULL, NULL, NULL, NULL },
  { "2c8b4e19-6f0a-4c5d-9e8f-0a1b2c3d4e09", "Marketing Campaign Trial", "Event registration app, trial.",
    "Trial", 2, 1, "2024-09-12T12:00:00.000Z", "Adele Vance", "contosomkttrial",
    "9c4f5e6d-1a7b-4c8d-8e9f-0a1b2c3d4e54", FALSE, ORG_AUDIT, "Basic", NULL, NULL, NULL, NULL },
  { "3d9c5f2a-7a1b-4d6e-8f9a-1b2c3d4e5f10", "Alex Wilber's Environment", "",
    "Developer", 0, 0, "2024-02-20T17:31:09.870Z", "Alex Wilber", "orgalexw",
    NULL, FALSE, ORG_CSP | ORG_CSP_CANVAS, "Basic", NULL, NULL, NULL, NULL },
  { "4e0d6a3b-8b2c-4e7f-9a0b-2c3d4e5f6a11", "Megan Bowen's Environment", "",
    "Developer", 1, 0, "2024-03-05T09:12:44.010Z", "Megan Bowen", NULL, NULL, FALSE, 0,
    "Basic", NULL, NULL, NULL, NULL },
};

static DemoEnv *
env_from_scenario (const ScenarioEnv *s)
{
  DemoEnv *env = g_new0 (DemoEnv, 1);
  guint32 h = g_str_hash (s->name);

  env->name = g_strdup (s->name);
  env->display_name = g_strdup (s->display_name);
  env->description = g_strdup (s->description);
  env->sku = s->sku;
  env->is_default = g_str_equal (s->sku, "Default");
  env->geo = &geos[s->geo];
  env->azure_region = geos[s->geo].regions[s->region];
  env->created_time = g_strdup (s->created_time);
  env->created_by = g_strdup (s->created_by);
  env->created_by_id = g_strdup_printf ("%08x-1c2d-4e3f-8a4b-%012x", h, h ^ 0x5a5a5a5a);
  env->resource_id = g_strdup_printf ("%08x-%04x-4%03x-9%03x-%012x", h ^ 0x13572468,
                                      (h >> 3) & 0xffff, h & 0xfff, (h >> 7) & 0xfff, h);
  env->has_dataverse = s->domain != NULL;
  env->dataverse_forbidden = s->forbidden;
  env->domain_name = g_strdup (s->domain);
  env->security_group_id = g_strdup (s->security_group);
  env->org_flags = s->org_flags;
  env->audit_retention = (s->org_flags & ORG_AUDIT) ? 0 : 30;
  env->governance = new_governance (s->protection, s->limit_mode, s->max_sharing,
                                    g_strcmp0 (s->protection, "Standard") == 0 ? "warn" : "none");
  env->cmk_status = s->cmk;
  env->vnet_status = s->vnet;
  env->cadence = g_str_equal (s->sku, "Production") ? "Moderate" : "Frequent";

  return env;
}

/* ---- Tenant settings ------------------------------------------------------- */

static JsonObject *
object_with_bools (const char * const *names,
                   const gboolean     *values,
                   guint               n)
{
  JsonObject *obj = json_object_new ();

  for (guint i = 0; i < n; i++)
    json_object_set_boolean_member (obj, names[i], values[i]);
  return obj;
}

/* Reference §2.3, mostly weak: only environment creation is locked down and guests
 * cannot make apps. */
static JsonObject *
new_tenant_settings (void)
{
  JsonObject *root = json_object_new ();
  JsonObject *pp = json_object_new ();
  JsonObject *o;
  static const char * const search[] = { "disableDocsSearch", "disableCommunitySearch", "disableBingVideoSearch" };
  static const gboolean search_v[] = { FALSE, FALSE, FALSE };
  static const char * const apps[] = { "disableShareWithEveryone", "enableGuestsToMake", "disableMembersIndicator",
                                       "disableMakerMatch", "disableUnusedLicenseAssignment", "disableCreateFromImage",
                                       "disableCreateFromFigma", "disableConnectionSharingWithEveryone" };
  static const gboolean apps_v[] = { FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE };
  static const char * const automate[] = { "disableCopilot", "disableCopilotWithBing" };
  static const gboolean automate_v[] = { FALSE, FALSE };
  static const char * const champions[] = { "disableChampionsInvitationReachout", "disableSkillsMatchInvitationReachout" };
  static const gboolean champions_v[] = { FALSE, FALSE };
  static const char * const intelligence[] = { "disableCopilot", "enableOpenAiBotPublishing", "disableCopilotFeedback",
                                               "disableCopilotFeedbackMetadata" };
  static const gboolean intelligence_v[] = { FALSE, TRUE, FALSE, FALSE };
  static const char * const experiment[] = { "enableModelDataSharing", "disableDataLogging" };
  static const gboolean experiment_v[] = { FALSE, FALSE };

  json_object_set_boolean_member (root, "walkMeOptOut", FALSE);
  json_object_set_boolean_member (root, "disableNPSCommentsReachout", FALSE);
  json_object_set_boolean_member (root, "disableNewsletterSendout", FALSE);
  json_object_set_boolean_member (root, "disableEnvironmentCreationByNonAdminUsers", TRUE);
  json_object_set_boolean_member (root, "disablePortalsCreationByNonAdminUsers", FALSE);
  json_object_set_boolean_member (root, "disableSurveyFeedback", FALSE);
  json_object_set_boolean_member (root, "disableTrialEnvironmentCreationByNonAdminUsers", FALSE);
  json_object_set_boolean_member (root, "disableCapacityAllocationByEnvironmentAdmins", FALSE);
  json_object_set_boolean_member (root, "disableSupportTicketsVisibleByAllUsers", FALSE);

  json_object_set_object_member (pp, "search", object_with_bools (search, search_v, G_N_ELEMENTS (search)));
  o = json_object_new ();
  json_object_set_int_member (o, "shareWithColleaguesUserLimit", 10000);
  json_object_set_object_member (pp, "teamsIntegration", o);
  json_object_set_object_member (pp, "powerApps", object_with_bools (apps, apps_v, G_N_ELEMENTS (apps)));
  json_object_set_object_member (pp, "powerAutomate", object_with_bools (automate, automate_v, G_N_ELEMENTS (automate)));
  o = json_object_new ();
  json_object_set_boolean_member (o, "disablePreferredDataLocationForTeamsEnvironment", FALSE);
  json_object_set_object_member (pp, "environments", o);

  o = json_object_new ();
  json_object_set_boolean_member (o, "disableAdminDigest", FALSE);
  json_object_set_boolean_member (o, "disableDeveloperEnvironmentCreationByNonAdminUsers", FALSE);
  json_object_set_boolean_member (o, "enableDefaultEnvironmentRouting", FALSE);
  json_object_set_boolean_member (o, "environmentRoutingAllMakers", FALSE);
  json_object_set_string_member (o, "environmentRoutingTargetEnvironmentGroupId", ZERO_GUID);
  json_object_set_string_member (o, "environmentRoutingTargetSecurityGroupId", ZERO_GUID);
  {
    JsonObject *policy = json_object_new ();

    json_object_set_boolean_member (policy, "enableDesktopFlowDataPolicyManagement", FALSE);
    json_object_set_object_member (o, "policy", policy);
  }
  json_object_set_object_member (pp, "governance", o);

  o = json_object_new ();
  json_object_set_boolean_member (o, "disableBillingPolicyCreationByNonAdminUsers", FALSE);
  json_object_set_boolean_member (o, "enableTenantCapacityReportForEnvironmentAdmins", FALSE);
  json_object_set_int_member (o, "storageCapacityConsumptionWarningThreshold", 85);
  json_object_set_boolean_member (o, "enableTenantLicensingReportForEnvironmentAdmins", FALSE);
  json_object_set_boolean_member (o, "disableUseOfUnassignedAIBuilderCredits", FALSE);
  json_object_set_boolean_member (o, "applyAutoClaimToOnlyManagedEnvironments", FALSE);
  json_object_set_object_member (pp, "licensing", o);
  json_object_set_object_member (pp, "powerPages", json_object_new ());
  json_object_set_object_member (pp, "champions", object_with_bools (champions, champions_v, G_N_ELEMENTS (champions)));
  json_object_set_object_member (pp, "intelligence", object_with_bools (intelligence, intelligence_v, G_N_ELEMENTS (intelligence)));
  json_object_set_object_member (pp, "modelExperimentation", object_with_bools (experiment, experiment_v, G_N_ELEMENTS (experiment)));
  o = json_object_new ();
  json_object_set_string_member (o, "powerCatalogAudienceSetting", "All");
  json_object_set_object_member (pp, "catalogSettings", o);
  o = json_object_new ();
  json_object_set_boolean_member (o, "enableDeleteDisabledUserinAllEnvironments", FALSE);
  json_object_set_object_member (pp, "userManagementSettings", o);

  json_object_set_object_member (root, "powerPlatform", pp);
  return root;
}

/* ---- DLP policies ---------------------------------------------------------- */

static JsonObject *
new_connector (const char *api,
               const char *display_name)
{
  g_autofree char *id = g_strconcat ("/providers/Microsoft.PowerApps/apis/", api, NULL);

  return new_ref_object (id, display_name, "Microsoft.PowerApps/apis");
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
  g_autofree char *id = g_strconcat (ENV_ID_PREFIX, name, NULL);
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "name", name);
  json_object_set_string_member (obj, "type", ENV_TYPE);
  return obj;
}

static JsonObject *
new_policy (const char  *name,
            const char  *display_name,
            const char  *environment_type,
            GPtrArray   *environment_names,
            const char **business,
            const char **blocked,
            const char  *created_time,
            const char  *etag,
            gboolean     with_url_patterns)
{
  static const char *non_business[] = {
    "shared_rss", "RSS", "shared_bingmaps", "Bing Maps", "shared_msnweather", "MSN Weather", NULL
  };
  JsonObject *root = json_object_new ();
  JsonObject *def = json_object_new ();
  JsonArray *envs = json_array_new ();
  JsonArray *groups = json_array_new ();
  JsonObject *by;

  json_object_set_string_member (def, "name", name);
  json_object_set_string_member (def, "displayName", display_name);
  json_object_set_string_member (def, "defaultConnectorsClassification", "General");
  json_object_set_string_member (def, "environmentType", environment_type);
  for (guint i = 0; environment_names != NULL && i < environment_names->len; i++)
    json_array_add_object_element (envs, env_ref (g_ptr_array_index (environment_names, i)));
  json_object_set_array_member (def, "environments", envs);
  json_array_add_object_element (groups, new_group ("Confidential", business));
  json_array_add_object_element (groups, new_group ("General", non_business));
  json_array_add_object_element (groups, new_group ("Blocked", blocked));
  json_object_set_array_member (def, "connectorGroups", groups);
  by = json_object_new ();
  json_object_set_string_member (by, "displayName", "Megan Bowen");
  json_object_set_object_member (def, "createdBy", by);
  json_object_set_string_member (def, "createdTime", created_time);
  by = json_object_new ();
  json_object_set_string_member (by, "displayName", "Megan Bowen");
  json_object_set_object_member (def, "lastModifiedBy", by);
  json_object_set_string_member (def, "lastModifiedTime", created_time);
  json_object_set_string_member (def, "etag", etag);
  json_object_set_boolean_member (def, "isLegacySchemaVersion", FALSE);
  json_object_set_object_member (root, "policyDefinition", def);

  {
    JsonObject *ccd = json_object_new ();
    JsonArray *actions = json_array_new ();
    JsonArray *endpoints = json_array_new ();

    if (with_url_patterns)
      {
        JsonObject *rule = json_object_new ();
        JsonArray *rules = json_array_new ();
        JsonObject *r = json_object_new ();
        JsonObject *ep = json_object_new ();
        JsonArray *ep_rules = json_array_new ();
        JsonObject *er = json_object_new ();

        json_object_set_string_member (rule, "connectorId", "/providers/Microsoft.PowerApps/apis/shared_azureblob");
        json_object_set_string_member (r, "actionId", "CreateFile_V2");
        json_object_set_string_member (r, "behavior", "Allow");
        json_array_add_object_element (rules, r);
        json_object_set_array_member (rule, "actionRules", rules);
        json_object_set_string_member (rule, "defaultConnectorActionRuleBehavior", "Block");
        json_array_add_object_element (actions, rule);

        json_object_set_string_member (ep, "connectorId", "/providers/Microsoft.PowerApps/apis/shared_azureblob");
        json_object_set_int_member (er, "order", 1);
        json_object_set_string_member (er, "behavior", "Deny");
        json_object_set_string_member (er, "endPoint", "*");
        json_array_add_object_element (ep_rules, er);
        json_object_set_array_member (ep, "endpointRules", ep_rules);
        json_array_add_object_element (endpoints, ep);
      }
    json_object_set_array_member (ccd, "connectorActionConfigurations", actions);
    json_object_set_array_member (ccd, "endpointConfigurations", endpoints);
    json_object_set_object_member (root, "connectorConfigurationsDefinition", ccd);
  }

  {
    JsonObject *cc = json_object_new ();
    JsonArray *rules = json_array_new ();
    JsonObject *r;

    if (with_url_patterns)
      {
        r = json_object_new ();
        json_object_set_int_member (r, "order", 1);
        json_object_set_string_member (r, "customConnectorRuleClassification", "Confidential");
        json_object_set_string_member (r, "pattern", "https://*.contoso.com");
        json_array_add_object_element (rules, r);
      }
    r = json_object_new ();
    json_object_set_int_member (r, "order", with_url_patterns ? 2 : 1);
    json_object_set_string_member (r, "customConnectorRuleClassification", "Ignore");
    json_object_set_string_member (r, "pattern", "*");
    json_array_add_object_element (rules, r);
    json_object_set_array_member (cc, "rules", rules);
    json_object_set_object_member (root, "customConnectorUrlPatternsDefinition", cc);
  }

  return root;
}

static const char *m365_business[] = {
  "shared_sharepointonline", "SharePoint", "shared_onedriveforbusiness", "OneDrive for Business",
  "shared_office365", "Office 365 Outlook", "shared_teams", "Microsoft Teams",
  "shared_commondataserviceforapps", "Microsoft Dataverse", "shared_approvals", "Approvals",
  "shared_excelonlinebusiness", "Excel Online (Business)", "shared_office365users", "Office 365 Users",
  NULL
};
static const char *social_blocked[] = {
  "shared_twitter", "Twitter", "shared_facebook", "Facebook", "shared_dropbox", "Dropbox",
  "shared_gmail", "Gmail", NULL
};
static const char *pilot_business[] = {
  "shared_commondataserviceforapps", "Microsoft Dataverse", "shared_teams", "Microsoft Teams",
  "shared_azureopenai", "Azure OpenAI", NULL
};

static void
seed_policies (PostureDemoTenant *tenant,
               GPtrArray         *prod,
               GPtrArray         *defaults,
               GPtrArray         *pilot,
               GPtrArray         *except)
{
  if (prod != NULL)
    g_ptr_array_add (tenant->policies,
                     new_policy ("5b2f7d1e-0c3a-4e6b-9d8f-1a2b3c4d5e61", "Production connectors baseline",
                                 "OnlyEnvironments", prod, m365_business, social_blocked,
                                 "2022-03-14T10:21:07.330Z", "a872cb45-3e1f-4d2a-9b7c-6e5d4c3b2a10", TRUE));
  if (defaults != NULL)
    g_ptr_array_add (tenant->policies,
                     new_policy ("6c3a8e2f-1d4b-4f7c-8e9a-2b3c4d5e6f72", "Default environment guardrails",
                                 "OnlyEnvironments", defaults, m365_business, social_blocked,
                                 "2021-11-02T07:38:56.680Z", "b983dc56-4f2a-4e3b-8c8d-7f6e5d4c3b21", FALSE));
  if (pilot != NULL)
    g_ptr_array_add (tenant->policies,
                     new_policy ("7d4b9f3a-2e5c-4a8d-9f0b-3c4d5e6f7a83", "Copilot pilot connectors",
                                 "OnlyEnvironments", pilot, pilot_business, NULL,
                                 "2024-10-02T09:00:12.000Z", "c094ed67-5a3b-4f4c-9d9e-8a7f6e5d4c32", FALSE));
  if (except != NULL)
    g_ptr_array_add (tenant->policies,
                     new_policy ("8e5c0a4b-3f6d-4b9e-8a1c-4d5e6f7a8b94", "Tenant-wide baseline",
                                 "ExceptEnvironments", except, m365_business, social_blocked,
                                 "2023-05-22T14:12:45.900Z", "d1a5fe78-6b4c-4a5d-8eaf-9b8a7f6e5d43", TRUE));
}

static void
build_scenario (PostureDemoTenant *tenant)
{
  g_autoptr(GPtrArray) prod = g_ptr_array_new ();
  g_autoptr(GPtrArray) defaults = g_ptr_array_new ();
  g_autoptr(GPtrArray) pilot = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (scenario_envs); i++)
    add_env (tenant, env_from_scenario (&scenario_envs[i]));

  /* Covers four of the five Production environments (not Field Service). */
  g_ptr_array_add (prod, (gpointer) scenario_envs[1].name);
  g_ptr_array_add (prod, (gpointer) scenario_envs[2].name);
  g_ptr_array_add (prod, (gpointer) scenario_envs[3].name);
  g_ptr_array_add (prod, (gpointer) scenario_envs[5].name);
  g_ptr_array_add (defaults, (gpointer) DEFAULT_ENV_NAME);
  g_ptr_array_add (pilot, (gpointer) scenario_envs[8].name);
  seed_policies (tenant, prod, defaults, pilot, NULL);
}

/* ---- The generator (set_environments) ------------------------------------- */

static const char *departments[] = {
  "Sales", "Finance", "HR", "Marketing", "Operations", "Legal", "Procurement", "Support",
  "Engineering", "Logistics", "Retail", "Manufacturing", "Research", "IT", "Facilities",
  "Compliance", "Partners", "Field Service", "Customer Care", "Treasury",
};
static const char *regions_names[] = {
  "EMEA", "Americas", "APAC", "Nordics", "DACH", "UK", "France", "Iberia", "Japan", "Canada",
};
static const char *people[] = {
  "Megan Bowen", "Alex Wilber", "Lidia Holloway", "Diego Siciliani", "Grady Archie",
  "Adele Vance", "Isaiah Langer", "Johanna Lorenz", "Lynne Robbins", "Nestor Wilke",
  "Patti Fernandez", "Pradeep Gupta", "Lee Gu", "Miriam Graham", "Joni Sherman",
};

static DemoEnv *
generate_env (GRand *rand,
              guint  index)
{
  DemoEnv *env = g_new0 (DemoEnv, 1);
  double u = g_rand_double (rand);
  const char *dept = departments[g_rand_int_range (rand, 0, G_N_ELEMENTS (departments))];
  const char *region = regions_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions_names))];
  const char *person = people[g_rand_int_range (rand, 0, G_N_ELEMENTS (people))];
  gboolean managed;
  g_autofree char *slug = NULL;
  guint geo = g_rand_int_range (rand, 0, G_N_ELEMENTS (geos));

  env->name = _posture_demo_new_guid (rand);
  env->sku = u < 0.30 ? "Production" : u < 0.55 ? "Sandbox" : u < 0.65 ? "Trial" : "Developer";
  if (g_str_equal (env->sku, "Developer"))
    env->display_name = g_strdup_printf ("%s's Environment %u", person, index);
  else
    env->display_name = g_strdup_printf ("Contoso %s %s %s %u", dept, region,
                                         g_str_equal (env->sku, "Production") ? "Prod" : env->sku, index);
  env->description = g_strdup_printf ("%s apps and flows for %s.", dept, region);
  env->geo = &geos[geo];
  env->azure_region = geos[geo].regions[g_rand_int_range (rand, 0, 2)];
  env->created_time = _posture_demo_format_time (1546300800 + g_rand_int_range (rand, 0, 180000000));
  env->created_by = g_strdup (person);
  env->created_by_id = _posture_demo_new_guid (rand);
  env->resource_id = _posture_demo_new_guid (rand);
  env->has_dataverse = g_rand_double (rand) < (g_str_equal (env->sku, "Trial") ? 0.4 : 0.8);
  slug = g_ascii_strdown (dept, -1);
  g_strdelimit (slug, " ", '\0');
  env->domain_name = g_strdup_printf ("contoso%s%u", slug, index);
  env->dataverse_forbidden = env->has_dataverse && g_rand_double (rand) < 0.02;

  u = g_rand_double (rand);
  env->security_group_id = u < 0.45 ? _posture_demo_new_guid (rand)
                         : u < 0.6  ? g_strdup (ZERO_GUID)
                         : u < 0.7  ? g_strdup ("") : NULL;

  for (guint bit = 0; bit < 8; bit++)
    if (g_rand_double (rand) < 0.4)
      env->org_flags |= 1u << bit;
  env->audit_retention = (env->org_flags & ORG_AUDIT) ? 0 : 30 * g_rand_int_range (rand, 1, 13);

  managed = (g_str_equal (env->sku, "Production") || g_str_equal (env->sku, "Sandbox")) &&
            g_rand_double (rand) < 0.45;
  if (managed)
    {
      double v = g_rand_double (rand);
      char max[16];

      g_snprintf (max, sizeof max, "%d", v < 0.4 ? -1 : g_rand_int_range (rand, 5, 100));
      env->governance = new_governance ("Standard",
                                        v < 0.7 ? "noLimit" : "excludeSharingToSecurityGroups",
                                        max, v < 0.5 ? "warn" : "block");
    }
  else
    env->governance = new_governance ("Basic", NULL, NULL, NULL);

  if (g_str_equal (env->sku, "Production") && env->has_dataverse)
    {
      u = g_rand_double (rand);
      env->cmk_status = u < 0.10 ? "Linked" : u < 0.12 ? "Linking" : NULL;
      u = g_rand_double (rand);
      env->vnet_status = u < 0.15 ? "Linked" : u < 0.17 ? "Failed" : NULL;
    }
  env->cadence = g_rand_boolean (rand) ? "Frequent" : "Moderate";

  return env;
}

static void
build_generated (PostureDemoTenant *tenant,
                 guint              n)
{
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) prod = g_ptr_array_new ();
  g_autoptr(GPtrArray) defaults = g_ptr_array_new ();
  g_autoptr(GPtrArray) pilot = g_ptr_array_new ();
  g_autoptr(GPtrArray) except = g_ptr_array_new ();
  guint32 seed_words[2] = { (guint32) tenant->seed, (guint32) (tenant->seed >> 32) };
  gboolean forbidden_seen = FALSE;

  rand = g_rand_new_with_seed_array (seed_words, 2);

  /* The default environment is always there, and always first. */
  add_env (tenant, env_from_scenario (&scenario_envs[0]));
  g_ptr_array_add (defaults, (gpointer) DEFAULT_ENV_NAME);

  for (guint i = 1; i < n; i++)
    {
      DemoEnv *env = generate_env (rand, i);

      /* At least one environment whose Dataverse denies the caller. */
      if (!forbidden_seen && i == n / 2 && env->has_dataverse)
        env->dataverse_forbidden = TRUE;
      forbidden_seen |= env->dataverse_forbidden;
      add_env (tenant, env);

      if (g_str_equal (env->sku, "Production") && g_rand_double (rand) < 0.5)
        g_ptr_array_add (prod, env->name);
      else if (g_str_equal (env->sku, "Trial") && g_rand_double (rand) < 0.5)
        g_ptr_array_add (pilot, env->name);
      if (g_str_equal (env->sku, "Developer") && g_rand_double (rand) < 0.3)
        g_ptr_array_add (except, env->name);
    }

  seed_policies (tenant, prod, defaults, pilot->len > 0 ? pilot : NULL, except);
}

/* ---- Life cycle ------------------------------------------------------------ */

PostureDemoTenant *
_posture_demo_tenant_new (guint64 seed,
                          guint   n_environments)
{
  PostureDemoTenant *tenant = g_new0 (PostureDemoTenant, 1);
  guint32 seed_words[2] = { (guint32) seed ^ 0x9e3779b9u, (guint32) (seed >> 32) };

  tenant->seed = seed;
  tenant->n_requested = n_environments;
  tenant->environments = g_ptr_array_new_with_free_func (demo_env_free);
  tenant->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tenant->policies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  tenant->operations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tenant->rand = g_rand_new_with_seed_array (seed_words, 2);
  tenant->tenant_settings = new_tenant_settings ();
  tenant->isolation = NULL;

  if (n_environments == 0)
    build_scenario (tenant);
  else
    build_generated (tenant, n_environments);

  return tenant;
}

void
_posture_demo_tenant_free (PostureDemoTenant *tenant)
{
  if (tenant == NULL)
    return;

  g_clear_pointer (&tenant->by_name, g_hash_table_unref);
  g_clear_pointer (&tenant->environments, g_ptr_array_unref);
  g_clear_pointer (&tenant->policies, g_ptr_array_unref);
  g_clear_pointer (&tenant->operations, g_hash_table_unref);
  g_clear_pointer (&tenant->tenant_settings, json_object_unref);
  g_clear_pointer (&tenant->isolation, json_object_unref);
  g_clear_pointer (&tenant->rand, g_rand_free);
  g_free (tenant->cached_base);
  g_free (tenant);
}

guint
_posture_demo_tenant_get_n_environments (PostureDemoTenant *tenant)
{
  return tenant->environments->len;
}

/* ---- Tenant settings endpoints -------------------------------------------- */

PostureDemoReply *
_posture_demo_tenant_list_settings (PostureDemoTenant *tenant)
{
  return _posture_demo_reply_new_object (200, tenant->tenant_settings);
}

static gboolean
same_kind (JsonNode *a,
           JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (a))
    {
      GType ta = json_node_get_value_type (a);
      GType tb = json_node_get_value_type (b);

      if (ta == G_TYPE_DOUBLE)
        ta = G_TYPE_INT64;
      if (tb == G_TYPE_DOUBLE)
        tb = G_TYPE_INT64;
      return ta == tb;
    }
  return TRUE;
}

/* Checks a partial settings object against the current one, then merges it. */
static char *
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
      JsonNode *old = json_object_get_member (current, name);
      g_autofree char *path = g_strconcat (prefix, prefix[0] ? "." : "", name, NULL);

      if (old == NULL)
        return g_strdup_printf ("The tenant setting '%s' does not exist.", path);
      if (!same_kind (old, value))
        return g_strdup_printf ("The value of the tenant setting '%s' must be a %s.",
                                path, posture_json_node_type_name (old));
      if (JSON_NODE_HOLDS_OBJECT (value))
        {
          char *msg = check_settings (json_node_get_object (old), json_node_get_object (value), path);

          if (msg != NULL)
            return msg;
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
      JsonNode *old = json_object_get_member (current, name);

      if (JSON_NODE_HOLDS_OBJECT (value))
        merge_settings (json_node_get_object (old), json_node_get_object (value));
      else
        json_object_set_member (current, name, _posture_demo_json_copy (value));
    }
}

PostureDemoReply *
_posture_demo_tenant_update_settings (PostureDemoTenant *tenant,
                                      JsonNode          *body)
{
  g_autofree char *msg = NULL;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return _posture_demo_reply_new_error (400, "InvalidRequestContent",
                                          "The request content must be a JSON object of tenant settings.");

  if ((msg = check_settings (tenant->tenant_settings, json_node_get_object (body), "")))
    return _posture_demo_reply_new_error (400, "InvalidRequestContent", msg);

  merge_settings (tenant->tenant_settings, json_node_get_object (body));
  return _posture_demo_reply_new_object (200, tenant->tenant_settings);
}

/* ---- Environment endpoints ------------------------------------------------- */

static char *
json_quote (const char *s)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), s);

  return _posture_demo_json_string (node);
}

PostureDemoReply *
_posture_demo_tenant_list_environments (PostureDemoTenant *tenant,
                                        const char        *base_uri,
                                        const char        *query_rest,
                                        guint              offset,
                                        guint              page_size)
{
  GString *body = g_string_sized_new (4096);
  guint n = tenant->environments->len;
  guint end;

  if (page_size == 0)
    page_size = n > 0 ? n : 1;
  end = MIN (n, offset + page_size);

  g_string_append (body, "{\"value\":[");
  for (guint i = offset; i < end; i++)
    {
      if (i > offset)
        g_string_append_c (body, ',');
      g_string_append (body, env_json (tenant, g_ptr_array_index (tenant->environments, i), base_uri));
    }
  g_string_append_c (body, ']');

  if (end < n)
    {
      g_autofree char *link = NULL;
      g_autofree char *quoted = NULL;

      link = g_strdup_printf ("%s/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?%s%s$skiptoken=%u",
                              base_uri, query_rest ? query_rest : "",
                              query_rest && query_rest[0] ? "&" : "", end);
      quoted = json_quote (link);
      g_string_append_printf (body, ",\"nextLink\":%s", quoted);
    }
  g_string_append_c (body, '}');

  return _posture_demo_reply_new (200, g_string_free (body, FALSE));
}

static PostureDemoReply *
environment_not_found (const char *name)
{
  g_autofree char *msg = g_strdup_printf ("The environment '%s' could not be found in the tenant '%s'.",
                                          name, POSTURE_DEMO_TENANT_ID);
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *err = json_object_new ();

  json_object_set_string_member (err, "code", "EnvironmentNotFound");
  json_object_set_string_member (err, "message", msg);
  json_object_set_string_member (err, "detailUrlType", "NotSpecified");
  json_object_set_object_member (root, "error", err);

  return _posture_demo_reply_new_object (404, root);
}

PostureDemoReply *
_posture_demo_tenant_get_environment (PostureDemoTenant *tenant,
                                      const char        *base_uri,
                                      const char        *name)
{
  DemoEnv *env = lookup_env (tenant, name);

  if (env == NULL)
    return environment_not_found (name);

  return _posture_demo_reply_new (200, g_strdup (env_json (tenant, env, base_uri)));
}

static char *
extended_value (JsonNode *value)
{
  if (JSON_NODE_HOLDS_VALUE (value))
    {
      GType type = json_node_get_value_type (value);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (value));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (value) ? "true" : "false");
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    }
  return NULL;
}

PostureDemoReply *
_posture_demo_tenant_set_governance (PostureDemoTenant *tenant,
                                     const char        *name,
                                     JsonNode          *body)
{
  DemoEnv *env = lookup_env (tenant, name);
  JsonObject *req;
  const char *level;
  JsonObject *ext;
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *op_id = NULL;
  PostureDemoReply *reply;

  if (env == NULL)
    return environment_not_found (name);
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return _posture_demo_reply_new_error (400, "InvalidRequestContent",
                                          "The request content must be a governanceConfiguration object "
                                          "with protectionLevel and settings.extendedSettings.");

  req = json_node_get_object (body);
  level = posture_json_get_string (req, "protectionLevel");
  if (level == NULL || (g_ascii_strcasecmp (level, "Standard") != 0 && g_ascii_strcasecmp (level, "Basic") != 0))
    return _posture_demo_reply_new_error (400, "InvalidRequestContent",
                                          "protectionLevel must be \"Standard\" or \"Basic\".");

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ext = posture_json_get_path_object (req, "settings.extendedSettings");
  if (ext != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, ext);
      while (json_object_iter_next_ordered (&iter, &key, &value))
        {
          g_autofree char *v = extended_value (value);

          if (v == NULL || strlen (key) > 128 || strlen (v) > 4096)
            {
              g_autofree char *msg = g_strdup_printf ("The extended setting '%.128s' must be a string.", key);

              return _posture_demo_reply_new_error (400, "InvalidRequestContent", msg);
            }
          if (g_str_equal (key, "limitSharingMode") &&
              g_ascii_strcasecmp (v, "noLimit") != 0 &&
              g_ascii_strcasecmp (v, "excludeSharingToSecurityGroups") != 0)
            return _posture_demo_reply_new_error (400, "InvalidRequestContent",
                                                  "limitSharingMode must be \"noLimit\" or "
                                                  "\"excludeSharingToSecurityGroups\".");
          if (g_str_equal (key, "maxLimitUserSharing"))
            {
              gint64 n = 0;

              if (!g_ascii_string_to_signed (v, 10, -1, 100000, &n, NULL) || n == 0)
                return _posture_demo_reply_new_error (400, "InvalidRequestContent",
                                                      "maxLimitUserSharing must be -1 (no limit) or a "
                                                      "positive number of users.");
            }
          if (g_str_equal (key, "limitSharingMode"))
            g_hash_table_insert (values, g_strdup (key),
                                 g_strdup (g_ascii_strcasecmp (v, "noLimit") == 0 ?
                                           "noLimit" : "excludeSharingToSecurityGroups"));
          else
            g_hash_table_insert (values, g_strdup (key), g_steal_pointer (&v));
        }
    }

  /* Enabling a managed environment with no settings gets the service defaults. */
  if (g_ascii_strcasecmp (level, "Standard") == 0 &&
      posture_json_get_path_object (env->governance, "settings.extendedSettings") == NULL)
    {
      g_clear_pointer (&env->governance, json_object_unref);
      env->governance = new_governance ("Standard", "noLimit", "-1", "none");
    }

  json_object_set_string_member (env->governance, "protectionLevel",
                                 g_ascii_strcasecmp (level, "Standard") == 0 ? "Standard" : "Basic");
  if (g_hash_table_size (values) > 0)
    {
      JsonObject *settings = posture_json_get_object (env->governance, "settings");
      JsonObject *current;
      GHashTableIter iter;
      gpointer key, value;

      if (settings == NULL)
        {
          settings = json_object_new ();
          json_object_set_object_member (env->governance, "settings", settings);
        }
      current = posture_json_get_object (settings, "extendedSettings");
      if (current == NULL)
        {
          current = json_object_new ();
          json_object_set_object_member (settings, "extendedSettings", current);
        }
      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        json_object_set_string_member (current, key, value);
    }

  g_clear_pointer (&env->cached, g_free);

  op_id = _posture_demo_new_guid (tenant->rand);
  g_hash_table_add (tenant->operations, g_strdup (op_id));
  reply = _posture_demo_reply_new (202, NULL);
  reply->location = g_strdup_printf ("/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/%s"
                                     "?api-version=2021-04-01", op_id);
  return reply;
}

PostureDemoReply *
_posture_demo_tenant_get_operation (PostureDemoTenant *tenant,
                                    const char        *op_id)
{
  g_autoptr(JsonObject) obj = NULL;
  JsonObject *state;
  g_autofree char *id = NULL;

  if (op_id == NULL || !g_hash_table_contains (tenant->operations, op_id))
    return _posture_demo_reply_new_error (404, "OperationNotFound", "The lifecycle operation was not found.");

  obj = json_object_new ();
  id = g_strconcat ("/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/", op_id, NULL);
  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "name", op_id);
  json_object_set_string_member (obj, "type", "Microsoft.BusinessAppPlatform/lifecycleOperations");
  state = json_object_new ();
  json_object_set_string_member (state, "id", "Succeeded");
  json_object_set_object_member (obj, "state", state);
  return _posture_demo_reply_new_object (200, obj);
}

/* ---- DLP endpoints ------------------------------------------------------------ */

static JsonObject *
find_policy (PostureDemoTenant *tenant,
             const char        *name,
             guint             *out_index)
{
  for (guint i = 0; i < tenant->policies->len; i++)
    {
      JsonObject *policy = g_ptr_array_index (tenant->policies, i);
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
  g_autofree char *msg = g_strdup_printf ("The data policy '%s' could not be found.", name);

  return _posture_demo_reply_new_error (404, "PolicyNotFound", msg);
}

PostureDemoReply *
_posture_demo_tenant_list_policies (PostureDemoTenant *tenant)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *value = json_array_new ();

  for (guint i = 0; i < tenant->policies->len; i++)
    {
      JsonObject *policy = g_ptr_array_index (tenant->policies, i);
      JsonObject *def = copy_object (posture_json_get_object (policy, "policyDefinition"));
      JsonObject *item = json_object_new ();

      /* As the real list: the summary, without the connector groups. */
      json_object_remove_member (def, "connectorGroups");
      json_object_set_object_member (item, "policyDefinition", def);
      json_array_add_object_element (value, item);
    }
  json_object_set_array_member (root, "value", value);

  return _posture_demo_reply_new_object (200, root);
}

PostureDemoReply *
_posture_demo_tenant_get_policy (PostureDemoTenant *tenant,
                                 const char        *name)
{
  JsonObject *policy = find_policy (tenant, name, NULL);

  if (policy == NULL)
    return policy_not_found (name);
  return _posture_demo_reply_new_object (200, policy);
}

static const char *
canonical_enum (const char         *value,
                const char * const *allowed)
{
  for (guint i = 0; value != NULL && allowed[i] != NULL; i++)
    if (g_ascii_strcasecmp (value, allowed[i]) == 0)
      return allowed[i];
  return NULL;
}

static const char * const environment_types[] = { "AllEnvironments", "ExceptEnvironments", "OnlyEnvironments", NULL };
static const char * const classifications[] = { "General", "Confidential", "Blocked", NULL };

/* Validates the policy definition members a client may send and applies them to
 * def (a mutable policyDefinition). Returns an error message or NULL. */
static char *
apply_definition (PostureDemoTenant *tenant,
                  JsonObject        *def,
                  JsonObject        *in,
                  gboolean           creating)
{
  const char *display_name = posture_json_get_string (in, "displayName");
  const char *env_type_in = posture_json_get_string (in, "environmentType");
  const char *default_class_in = posture_json_get_string (in, "defaultConnectorsClassification");
  const char *env_type = NULL;
  const char *default_class = NULL;
  JsonArray *envs = posture_json_get_array (in, "environments");
  JsonArray *groups = posture_json_get_array (in, "connectorGroups");
  JsonArray *new_envs = NULL;

  if (creating || json_object_has_member (in, "displayName"))
    {
      if (display_name == NULL || display_name[0] == '\0' || g_utf8_strlen (display_name, -1) > MAX_DISPLAY_NAME)
        return g_strdup ("displayName is required: a name of 1 to 256 characters.");
    }
  if (creating || json_object_has_member (in, "environmentType"))
    {
      env_type = canonical_enum (env_type_in, environment_types);
      if (env_type == NULL)
        return g_strdup ("environmentType must be AllEnvironments, ExceptEnvironments or OnlyEnvironments.");
    }
  if (json_object_has_member (in, "defaultConnectorsClassification"))
    {
      default_class = canonical_enum (default_class_in, classifications);
      if (default_class == NULL)
        return g_strdup ("defaultConnectorsClassification must be General, Confidential or Blocked.");
    }
  if (json_object_has_member (in, "environments") && envs == NULL)
    return g_strdup ("environments must be an array of environment references.");
  if (envs != NULL)
    {
      new_envs = json_array_new ();
      for (guint i = 0; i < json_array_get_length (envs); i++)
        {
          JsonNode *item = json_array_get_element (envs, i);
          const char *name = NULL;
          DemoEnv *env;

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
          env = lookup_env (tenant, name);
          if (env == NULL)
            {
              json_array_unref (new_envs);
              return g_strdup_printf ("environments[%u] does not name an environment of this tenant.", i);
            }
          json_array_add_object_element (new_envs, env_ref (env->name));
        }
    }
  if (json_object_has_member (in, "connectorGroups"))
    {
      if (groups == NULL)
        {
          g_clear_pointer (&new_envs, json_array_unref);
          return g_strdup ("connectorGroups must be an array.");
        }
      for (guint i = 0; i < json_array_get_length (groups); i++)
        {
          JsonNode *item = json_array_get_element (groups, i);
          JsonObject *group = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;

          if (group == NULL ||
              canonical_enum (posture_json_get_string (group, "classification"), classifications) == NULL ||
              (json_object_has_member (group, "connectors") && posture_json_get_array (group, "connectors") == NULL))
            {
              g_clear_pointer (&new_envs, json_array_unref);
              return g_strdup_printf ("connectorGroups[%u] needs a classification (General, Confidential "
                                      "or Blocked) and an array of connectors.", i);
            }
        }
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
    json_object_set_array_member (def, "environments", new_envs);
  else if (creating)
    json_object_set_array_member (def, "environments", json_array_new ());
  if (g_strcmp0 (json_object_get_string_member_with_default (def, "environmentType", ""), "AllEnvironments") == 0)
    json_object_set_array_member (def, "environments", json_array_new ());
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
touch_policy (PostureDemoTenant *tenant,
              JsonObject        *def)
{
  g_autofree char *now = now_string ();
  g_autofree char *etag = _posture_demo_new_guid (tenant->rand);
  JsonObject *by = json_object_new ();

  json_object_set_string_member (by, "displayName", "Demo Administrator");
  json_object_set_object_member (def, "lastModifiedBy", by);
  json_object_set_string_member (def, "lastModifiedTime", now);
  json_object_set_string_member (def, "etag", etag);
}

static void
copy_extra_definitions (JsonObject *policy,
                        JsonObject *in)
{
  static const char * const extras[] = { "connectorConfigurationsDefinition", "customConnectorUrlPatternsDefinition" };

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      JsonObject *o = posture_json_get_object (in, extras[i]);

      if (o != NULL)
        json_object_set_object_member (policy, extras[i], copy_object (o));
    }
}

PostureDemoReply *
_posture_demo_tenant_create_policy (PostureDemoTenant *tenant,
                                    JsonNode          *body)
{
  g_autoptr(JsonObject) policy = json_object_new ();
  JsonObject *in;
  JsonObject *def = json_object_new ();
  g_autofree char *msg = NULL;
  g_autofree char *name = NULL;
  g_autofree char *now = now_string ();
  JsonObject *by;

  json_object_set_object_member (policy, "policyDefinition", def);

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return _posture_demo_reply_new_error (400, "InvalidRequestContent",
                                          "The request content must be a data policy object.");
  in = json_node_get_object (body);
  if (posture_json_get_object (in, "policyDefinition") != NULL)
    in = posture_json_get_object (in, "policyDefinition");

  if ((msg = apply_definition (tenant, def, in, TRUE)))
    return _posture_demo_reply_new_error (400, "InvalidRequestContent", msg);

  name = _posture_demo_new_guid (tenant->rand);
  json_object_set_string_member (def, "name", name);
  by = json_object_new ();
  json_object_set_string_member (by, "displayName", "Demo Administrator");
  json_object_set_object_member (def, "createdBy", by);
  json_object_set_string_member (def, "createdTime", now);
  touch_policy (tenant, def);
  json_object_set_boolean_member (def, "isLegacySchemaVersion", FALSE);

  {
    JsonObject *ccd = json_object_new ();
    JsonObject *cc = json_object_new ();

    json_object_set_array_member (ccd, "connectorActionConfigurations", json_array_new ());
    json_object_set_array_member (ccd, "endpointConfigurations", json_array_new ());
    json_object_set_object_member (policy, "connectorConfigurationsDefinition", ccd);
    json_object_set_array_member (cc, "rules", json_array_new ());
    json_object_set_object_member (policy, "customConnectorUrlPatternsDefinition", cc);
  }
  copy_extra_definitions (policy, json_node_get_object (body));

  g_ptr_array_add (tenant->policies, json_object_ref (policy));
  return _posture_demo_reply_new_object (201, policy);
}

PostureDemoReply *
_posture_demo_tenant_update_policy (PostureDemoTenant *tenant,
                                    const char        *name,
                                    JsonNode          *body)
{
  JsonObject *policy = find_policy (tenant, name, NULL);
  g_autoptr(JsonObject) def = NULL;
  g_autofree char *msg = NULL;
  JsonObject *in;

  if (policy == NULL)
    return policy_not_found (name);
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return _posture_demo_reply_new_error (400, "InvalidRequestContent",
                                          "The request content must be a data policy object.");
  in = json_node_get_object (body);
  if (posture_json_get_object (in, "policyDefinition") != NULL)
    in = posture_json_get_object (in, "policyDefinition");

  /* Validate on a copy, so that a rejected update changes nothing. */
  def = copy_object (posture_json_get_object (policy, "policyDefinition"));
  if ((msg = apply_definition (tenant, def, in, FALSE)))
    return _posture_demo_reply_new_error (400, "InvalidRequestContent", msg);

  touch_policy (tenant, def);
  json_object_set_object_member (policy, "policyDefinition", g_steal_pointer (&def));
  copy_extra_definitions (policy, json_node_get_object (body));

  return _posture_demo_reply_new_object (200, policy);
}

PostureDemoReply *
_posture_demo_tenant_delete_policy (PostureDemoTenant *tenant,
                                    const char        *name)
{
  guint index = 0;

  if (find_policy (tenant, name, &index) == NULL)
    return policy_not_found (name);

  g_ptr_array_remove_index (tenant->policies, index);
  return _posture_demo_reply_new (200, NULL);
}

/* ---- Tenant isolation ------------------------------------------------------- */

PostureDemoReply *
_posture_demo_tenant_get_isolation (PostureDemoTenant *tenant)
{
  if (tenant->isolation == NULL)
    return _posture_demo_reply_new_error (404, "TenantIsolationPolicyNotFound",
                                          "No tenant isolation policy is configured for tenant '"
                                          POSTURE_DEMO_TENANT_ID "'.");

  return _posture_demo_reply_new_object (200, tenant->isolation);
}

static gboolean
is_guid (const char *s)
{
  static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

  if (s == NULL || strlen (s) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; i < sizeof pattern - 1; i++)
    if (pattern[i] == '-' ? s[i] != '-' : !g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

PostureDemoReply *
_posture_demo_tenant_put_isolation (PostureDemoTenant *tenant,
                                    JsonNode          *body)
{
  JsonObject *props;
  JsonObject *out;
  JsonObject *out_props;
  JsonArray *allowed;
  JsonArray *out_allowed;
  JsonNode *allowed_node;
  gboolean disabled = FALSE;
  const char *tid;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body) ||
      (props = posture_json_get_object (json_node_get_object (body), "properties")) == NULL)
    return _posture_demo_reply_new_error (400, "BadRequest",
                                          "The request content must be {\"properties\":{\"isDisabled\":…,"
                                          "\"allowedTenants\":[…]}}.");

  tid = posture_json_get_string (props, "tenantId");
  if (tid != NULL && g_ascii_strcasecmp (tid, POSTURE_DEMO_TENANT_ID) != 0)
    return _posture_demo_reply_new_error (400, "BadRequest",
                                          "properties.tenantId must be the tenant's own id.");

  if (!json_object_has_member (props, "isDisabled") ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (props, "isDisabled")) ||
      json_node_get_value_type (json_object_get_member (props, "isDisabled")) != G_TYPE_BOOLEAN)
    return _posture_demo_reply_new_error (400, "BadRequest", "properties.isDisabled must be true or false.");
  disabled = json_node_get_boolean (json_object_get_member (props, "isDisabled"));

  out_allowed = json_array_new ();
  allowed_node = json_object_get_member (props, "allowedTenants");
  allowed = posture_json_get_array (props, "allowedTenants");
  if (allowed_node != NULL && allowed == NULL && !JSON_NODE_HOLDS_NULL (allowed_node) &&
      !(JSON_NODE_HOLDS_VALUE (allowed_node) && g_strcmp0 (json_node_get_string (allowed_node), "") == 0))
    {
      json_array_unref (out_allowed);
      return _posture_demo_reply_new_error (400, "BadRequest", "properties.allowedTenants must be an array.");
    }

  for (guint i = 0; allowed != NULL && i < json_array_get_length (allowed); i++)
    {
      JsonNode *item = json_array_get_element (allowed, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *other = entry ? posture_json_get_string (entry, "tenantId") : NULL;
      JsonObject *direction = entry ? posture_json_get_object (entry, "direction") : NULL;
      gboolean inbound = FALSE, outbound = FALSE;
      JsonObject *e;
      JsonObject *d;

      if (other == NULL || (!is_guid (other) && g_strcmp0 (other, "*") != 0) || direction == NULL ||
          !posture_json_get_boolean (direction, "inbound", &inbound) ||
          !posture_json_get_boolean (direction, "outbound", &outbound))
        {
          g_autofree char *msg = g_strdup_printf ("properties.allowedTenants[%u] needs a tenantId (a GUID "
                                                  "or \"*\") and direction.inbound/outbound booleans.", i);

          json_array_unref (out_allowed);
          return _posture_demo_reply_new_error (400, "BadRequest", msg);
        }

      e = json_object_new ();
      d = json_object_new ();
      json_object_set_string_member (e, "tenantId", other);
      json_object_set_boolean_member (d, "inbound", inbound);
      json_object_set_boolean_member (d, "outbound", outbound);
      json_object_set_object_member (e, "direction", d);
      json_array_add_object_element (out_allowed, e);
    }

  out = json_object_new ();
  out_props = json_object_new ();
  json_object_set_string_member (out_props, "tenantId", POSTURE_DEMO_TENANT_ID);
  json_object_set_boolean_member (out_props, "isDisabled", disabled);
  /* A disabled policy can carry "allowedTenants": "" (reference §2.5); keep that form. */
  if (allowed_node != NULL && JSON_NODE_HOLDS_VALUE (allowed_node) &&
      json_node_get_value_type (allowed_node) == G_TYPE_STRING)
    {
      json_array_unref (out_allowed);
      json_object_set_string_member (out_props, "allowedTenants", "");
    }
  else
    json_object_set_array_member (out_props, "allowedTenants", out_allowed);
  json_object_set_object_member (out, "properties", out_props);

  g_clear_pointer (&tenant->isolation, json_object_unref);
  tenant->isolation = out;

  return _posture_demo_reply_new_object (200, tenant->isolation);
}

/* ---- Dataverse ---------------------------------------------------------------- */

typedef enum { F_BOOL, F_INT, F_STRING, F_GUID } FieldType;

typedef struct
{
  const char *name;
  FieldType   type;
  gboolean    writable;
} OrgField;

static const OrgField org_fields[] = {
  { "organizationid", F_GUID, FALSE },
  { "name", F_STRING, FALSE },
  { "versionnumber", F_INT, FALSE },
  { "enableipbasedfirewallrule", F_BOOL, TRUE },
  { "enableipbasedfirewallruleinauditmode", F_BOOL, TRUE },
  { "allowediprangeforfirewall", F_STRING, TRUE },
  { "allowedservicetagsforfirewall", F_STRING, TRUE },
  { "allowapplicationuseraccess", F_BOOL, TRUE },
  { "allowmicrosofttrustedservicetags", F_BOOL, TRUE },
  { "reverseproxyipaddresses", F_STRING, TRUE },
  { "enableipbasedcookiebinding", F_BOOL, TRUE },
  { "isauditenabled", F_BOOL, TRUE },
  { "isuseraccessauditenabled", F_BOOL, TRUE },
  { "isreadauditenabled", F_BOOL, TRUE },
  { "auditretentionperiodv2", F_INT, TRUE },
  { "useraccessauditinginterval", F_INT, TRUE },
  { "iscontentsecuritypolicyenabled", F_BOOL, TRUE },
  { "iscontentsecuritypolicyenabledforcanvas", F_BOOL, TRUE },
  { "contentsecuritypolicyconfiguration", F_STRING, TRUE },
  { "contentsecuritypolicyconfigurationforcanvas", F_STRING, TRUE },
  { "contentsecuritypolicyreporturi", F_STRING, TRUE },
  { "contentsecuritypolicyoptions", F_INT, TRUE },
  { "sessiontimeoutenabled", F_BOOL, TRUE },
  { "sessiontimeoutinmins", F_INT, TRUE },
  { "inactivitytimeoutenabled", F_BOOL, TRUE },
  { "inactivitytimeoutinmins", F_INT, TRUE },
  { "blockedattachments", F_STRING, TRUE },
  { "plugintracelogsetting", F_INT, TRUE },
  { "samesitemodeforsessioncookie", F_INT, TRUE },
  { "enableipbasedstorageaccesssignaturerule", F_BOOL, TRUE },
  { "ipbasedstorageaccesssignaturemode", F_INT, TRUE },
  { "allowediprangeforstorageaccesssignatures", F_STRING, TRUE },
};

static const OrgField *
find_org_field (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (org_fields); i++)
    if (g_str_equal (org_fields[i].name, name))
      return &org_fields[i];
  return NULL;
}

static JsonObject *
ensure_org (DemoEnv *env)
{
  JsonObject *org;
  guint f = env->org_flags;
  g_autofree char *unique = NULL;

  if (env->org != NULL)
    return env->org;

  org = json_object_new ();
  unique = g_strdup_printf ("unq%.8s%s", env->resource_id, env->resource_id + 24);
  json_object_set_string_member (org, "organizationid", env->resource_id);
  json_object_set_string_member (org, "name", unique);
  json_object_set_int_member (org, "versionnumber", 1000 + (g_str_hash (env->name) % 90000));
  json_object_set_boolean_member (org, "enableipbasedfirewallrule", (f & ORG_FIREWALL) != 0);
  json_object_set_boolean_member (org, "enableipbasedfirewallruleinauditmode", (f & ORG_FIREWALL_AUDIT) != 0);
  if (f & ORG_FIREWALL)
    json_object_set_string_member (org, "allowediprangeforfirewall", "10.10.0.0/16,192.168.0.0/24,203.0.113.0/24");
  else
    json_object_set_null_member (org, "allowediprangeforfirewall");
  json_object_set_null_member (org, "allowedservicetagsforfirewall");
  json_object_set_boolean_member (org, "allowapplicationuseraccess", TRUE);
  json_object_set_boolean_member (org, "allowmicrosofttrustedservicetags", TRUE);
  json_object_set_null_member (org, "reverseproxyipaddresses");
  json_object_set_boolean_member (org, "enableipbasedcookiebinding", (f & ORG_COOKIE_BINDING) != 0);
  json_object_set_boolean_member (org, "isauditenabled", (f & ORG_AUDIT) != 0);
  json_object_set_boolean_member (org, "isuseraccessauditenabled", (f & ORG_USER_AUDIT) != 0);
  json_object_set_boolean_member (org, "isreadauditenabled", FALSE);
  json_object_set_int_member (org, "auditretentionperiodv2", env->audit_retention ? (gint64) env->audit_retention : -1);
  json_object_set_int_member (org, "useraccessauditinginterval", 4);
  json_object_set_boolean_member (org, "iscontentsecuritypolicyenabled", (f & ORG_CSP) != 0);
  json_object_set_boolean_member (org, "iscontentsecuritypolicyenabledforcanvas", (f & ORG_CSP_CANVAS) != 0);
  json_object_set_string_member (org, "contentsecuritypolicyconfiguration",
                                 "{\"Frame-Ancestors\":{\"sources\":[{\"source\":\"'self'\"}]}}");
  json_object_set_string_member (org, "contentsecuritypolicyconfigurationforcanvas",
                                 "{\"Frame-Ancestors\":{\"sources\":[{\"source\":\"'self'\"}]}}");
  json_object_set_null_member (org, "contentsecuritypolicyreporturi");
  json_object_set_int_member (org, "contentsecuritypolicyoptions", 0);
  json_object_set_boolean_member (org, "sessiontimeoutenabled", (f & ORG_SESSION_TIMEOUT) != 0);
  json_object_set_int_member (org, "sessiontimeoutinmins", 1440);
  json_object_set_boolean_member (org, "inactivitytimeoutenabled", (f & ORG_SESSION_TIMEOUT) != 0);
  json_object_set_int_member (org, "inactivitytimeoutinmins", 120);
  json_object_set_string_member (org, "blockedattachments",
                                 "ade;adp;app;asa;ashx;asmx;asp;bas;bat;cdx;cer;chm;class;cmd;com;config;cpl;crt;csh;dll;exe;fxp;hlp;hta;htr;htw;ida;idc;idq;inf;ins;isp;its;jar;js;jse;ksh;lnk;mad;maf;mag;mam;maq;mar;mas;mat;mau;mav;maw;mda;mdb;mde;mdt;mdw;mdz;msc;msh;msh1;msh1xml;msh2;msh2xml;mshxml;msi;msp;mst;ops;pcd;pif;prf;prg;printer;pst;reg;rem;scf;scr;sct;shb;shs;shtm;shtml;soap;stm;tmp;url;vb;vbe;vbs;vsmacros;vss;vst;vsw;ws;wsc;wsf;wsh;svg");
  json_object_set_int_member (org, "plugintracelogsetting", 0);
  json_object_set_int_member (org, "samesitemodeforsessioncookie", 0);
  json_object_set_boolean_member (org, "enableipbasedstorageaccesssignaturerule", FALSE);
  json_object_set_int_member (org, "ipbasedstorageaccesssignaturemode", 0);
  json_object_set_null_member (org, "allowediprangeforstorageaccesssignatures");

  env->org = org;
  return org;
}

gboolean
_posture_demo_tenant_has_dataverse (PostureDemoTenant *tenant,
                                    const char        *env_name)
{
  DemoEnv *env = lookup_env (tenant, env_name);

  return env != NULL && env->has_dataverse;
}

static PostureDemoReply *
dataverse_error (guint       status,
                 const char *code,
                 const char *message)
{
  return _posture_demo_reply_new_error (status, code, message);
}

static PostureDemoReply *
dataverse_forbidden (void)
{
  return dataverse_error (403, "0x80072560",
                          "The user is not a member of the organization.");
}

PostureDemoReply *
_posture_demo_tenant_get_organization (PostureDemoTenant *tenant,
                                       const char        *base_uri,
                                       const char        *env_name,
                                       const char        *api_version,
                                       const char        *select,
                                       gboolean           formatted_values)
{
  DemoEnv *env = lookup_env (tenant, env_name);
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *row = json_object_new ();
  JsonArray *value = json_array_new ();
  g_auto(GStrv) fields = NULL;
  g_autofree char *context = NULL;
  g_autofree char *etag = NULL;
  JsonObject *org;

  if (env == NULL || !env->has_dataverse)
    {
      json_object_unref (row);
      json_array_unref (value);
      return dataverse_error (404, "0x80060888", "Resource not found for the segment 'organizations'.");
    }
  if (env->dataverse_forbidden)
    {
      json_object_unref (row);
      json_array_unref (value);
      return dataverse_forbidden ();
    }

  org = ensure_org (env);
  json_array_add_object_element (value, row);

  if (select != NULL && select[0] != '\0')
    {
      fields = g_strsplit (select, ",", -1);
      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_strstrip (fields[i]);
          if (find_org_field (fields[i]) == NULL)
            {
              g_autofree char *msg = g_strdup_printf ("Could not find a property named '%.100s' on type "
                                                      "'Microsoft.Dynamics.CRM.organization'.", fields[i]);

              json_array_unref (value);
              return dataverse_error (400, "0x80060888", msg);
            }
        }
      context = g_strdup_printf ("%s/dataverse/%s/api/data/%s/$metadata#organizations(%s)",
                                 base_uri, env->name, api_version, select);
    }
  else
    context = g_strdup_printf ("%s/dataverse/%s/api/data/%s/$metadata#organizations",
                               base_uri, env->name, api_version);

  etag = g_strdup_printf ("W/\"%" G_GINT64_FORMAT "\"",
                          json_object_get_int_member_with_default (org, "versionnumber", 0));
  json_object_set_string_member (row, "@odata.etag", etag);

  if (fields != NULL)
    {
      for (guint i = 0; fields[i] != NULL; i++)
        if (!json_object_has_member (row, fields[i]))
          json_object_set_member (row, fields[i], json_node_copy (json_object_get_member (org, fields[i])));
      /* The primary key always comes back. */
      if (!json_object_has_member (row, "organizationid"))
        json_object_set_member (row, "organizationid", json_node_copy (json_object_get_member (org, "organizationid")));
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (org_fields); i++)
        json_object_set_member (row, org_fields[i].name,
                                json_node_copy (json_object_get_member (org, org_fields[i].name)));
    }

  /* Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue" */
  if (formatted_values)
    {
      g_autoptr(GList) names = json_object_get_members (row);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *v = json_object_get_member (row, l->data);
          g_autofree char *annotation = NULL;
          g_autofree char *text = NULL;

          if (!JSON_NODE_HOLDS_VALUE (v) || g_str_has_prefix (l->data, "@") ||
              g_str_equal (l->data, "organizationid"))
            continue;
          if (json_node_get_value_type (v) == G_TYPE_BOOLEAN)
            text = g_strdup (json_node_get_boolean (v) ? "Yes" : "No");
          else if (json_node_get_value_type (v) == G_TYPE_INT64)
            text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (v));
          else
            continue;
          annotation = g_strconcat (l->data, "@OData.Community.Display.V1.FormattedValue", NULL);
          json_object_set_string_member (row, annotation, text);
        }
    }

  json_object_set_string_member (root, "@odata.context", context);
  json_object_set_array_member (root, "value", value);

  return _posture_demo_reply_new_object (200, root);
}

PostureDemoReply *
_posture_demo_tenant_patch_organization (PostureDemoTenant *tenant,
                                         const char        *env_name,
                                         const char        *organization_id,
                                         JsonNode          *body)
{
  DemoEnv *env = lookup_env (tenant, env_name);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonObject *org;
  JsonObject *in;

  if (env == NULL || !env->has_dataverse)
    return dataverse_error (404, "0x80060888", "Resource not found for the segment 'organizations'.");
  if (env->dataverse_forbidden)
    return dataverse_forbidden ();

  org = ensure_org (env);
  if (organization_id == NULL || g_ascii_strcasecmp (organization_id, env->resource_id) != 0)
    {
      g_autofree char *msg = g_strdup_printf ("organization With Id = %.64s Does Not Exist",
                                              organization_id ? organization_id : "");

      return dataverse_error (404, "0x80040217", msg);
    }
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return dataverse_error (400, "0x80048d19", "Error identified in Payload provided by the user for Entity :'organizations'.");

  in = json_node_get_object (body);

  /* Check everything first, so that a bad payload changes nothing. */
  json_object_iter_init_ordered (&iter, in);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const OrgField *field = find_org_field (name);
      gboolean ok = FALSE;

      if (field == NULL)
        {
          g_autofree char *msg = g_strdup_printf ("The property '%.100s' does not exist on type "
                                                  "'Microsoft.Dynamics.CRM.organization'. Make sure to only "
                                                  "use property names that are defined by the type.", name);

          return dataverse_error (400, "0x80060888", msg);
        }
      if (!field->writable)
        {
          g_autofree char *msg = g_strdup_printf ("The property '%s' cannot be updated.", name);

          return dataverse_error (400, "0x80048d19", msg);
        }

      if (JSON_NODE_HOLDS_NULL (value))
        ok = field->type == F_STRING;
      else if (JSON_NODE_HOLDS_VALUE (value))
        {
          GType type = json_node_get_value_type (value);

          ok = (field->type == F_BOOL && type == G_TYPE_BOOLEAN) ||
               (field->type == F_INT && type == G_TYPE_INT64) ||
               (field->type == F_STRING && type == G_TYPE_STRING &&
                strlen (json_node_get_string (value)) <= 4000);
        }
      if (!ok)
        {
          g_autofree char *msg = g_strdup_printf ("Cannot convert the literal for the property '%s' "
                                                  "to the expected type.", name);

          return dataverse_error (400, "0x80048d19", msg);
        }
    }

  json_object_iter_init_ordered (&iter, in);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (org, name, _posture_demo_json_copy (value));
  json_object_set_int_member (org, "versionnumber",
                              json_object_get_int_member_with_default (org, "versionnumber", 0) + 1);

  return _posture_demo_reply_new (204, NULL);
}

/* ---- Graph ------------------------------------------------------------------ */

PostureDemoReply *
_posture_demo_tenant_get_graph_organization (PostureDemoTenant *tenant,
                                             const char        *base_uri,
                                             const char        *select)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *org = json_object_new ();
  JsonArray *value = json_array_new ();
  JsonArray *domains = json_array_new ();
  JsonObject *d;
  g_autofree char *context = g_strdup_printf ("%s/v1.0/$metadata#organization", base_uri);
  JsonArray *lines = json_array_new ();

  json_object_set_string_member (root, "@odata.context", context);

  json_object_set_string_member (org, "id", POSTURE_DEMO_TENANT_ID);
  json_object_set_null_member (org, "deletedDateTime");
  json_array_add_string_element (lines, "One Contoso Way");
  json_object_set_array_member (org, "businessPhones", json_array_new ());
  json_object_set_string_member (org, "city", "Redmond");
  json_object_set_string_member (org, "country", "United States");
  json_object_set_string_member (org, "countryLetterCode", "US");
  json_object_set_string_member (org, "createdDateTime", "2019-03-11T16:40:58Z");
  json_object_set_string_member (org, "displayName", POSTURE_DEMO_TENANT_NAME);
  json_object_set_array_member (org, "marketingNotificationEmails", json_array_new ());
  json_object_set_boolean_member (org, "onPremisesSyncEnabled", FALSE);
  json_object_set_string_member (org, "postalCode", "98052");
  json_object_set_string_member (org, "preferredLanguage", "en");
  json_object_set_string_member (org, "state", "WA");
  json_object_set_array_member (org, "street", lines);
  json_object_set_string_member (org, "tenantType", "AAD");

  d = json_object_new ();
  json_object_set_string_member (d, "capabilities", "Email, OfficeCommunicationsOnline");
  json_object_set_boolean_member (d, "isDefault", TRUE);
  json_object_set_boolean_member (d, "isInitial", TRUE);
  json_object_set_string_member (d, "name", POSTURE_DEMO_TENANT_DOMAIN);
  json_object_set_string_member (d, "type", "Managed");
  json_array_add_object_element (domains, d);
  json_object_set_array_member (org, "verifiedDomains", domains);

  /* $select honoured, as Graph does: only the named properties come back. */
  if (select != NULL && select[0] != '\0')
    {
      g_auto(GStrv) fields = g_strsplit (select, ",", -1);
      JsonObject *picked = json_object_new ();
      g_autofree char *selected_context = NULL;

      for (guint i = 0; fields[i] != NULL; i++)
        {
          g_strstrip (fields[i]);
          if (!json_object_has_member (org, fields[i]))
            {
              g_autoptr(JsonObject) eroot = json_object_new ();
              JsonObject *err = json_object_new ();
              JsonObject *inner = json_object_new ();
              g_autofree char *msg = NULL;
              g_autofree char *request_id = g_uuid_string_random ();
              g_autofree char *date = now_string ();

              msg = g_strdup_printf ("Could not find a property named '%.100s' on type "
                                     "'microsoft.graph.organization'.", fields[i]);
              json_object_set_string_member (err, "code", "BadRequest");
              json_object_set_string_member (err, "message", msg);
              json_object_set_string_member (inner, "date", date);
              json_object_set_string_member (inner, "request-id", request_id);
              json_object_set_string_member (inner, "client-request-id", request_id);
              json_object_set_object_member (err, "innerError", inner);
              json_object_set_object_member (eroot, "error", err);
              json_object_unref (picked);
              json_object_unref (org);
              json_array_unref (value);
              return _posture_demo_reply_new_object (400, eroot);
            }
          json_object_set_member (picked, fields[i], json_node_copy (json_object_get_member (org, fields[i])));
        }
      json_object_unref (org);
      org = picked;
      selected_context = g_strdup_printf ("%s/v1.0/$metadata#organization(%s)", base_uri, select);
      json_object_set_string_member (root, "@odata.context", selected_context);
    }

  json_array_add_object_element (value, org);
  json_object_set_array_member (root, "value", value);

  return _posture_demo_reply_new_object (200, root);
}
