/* posture-demo-environment.c: one environment of the demo tenant, as the BAP renders it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Environments are small structs rendered to JSON on demand (the scenario caches each
 * rendering), so a tenant of 10,000 environments costs a few megabytes.
 */

#define G_LOG_DOMAIN "posture-demo-environment"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"
#include "posture-json.h"

const PostureDemoGeo posture_demo_geos[6] = {
  { "unitedstates",  { "westus", "eastus" },            "unitedstates",  "unitedstates",
    "UNITEDSTATES", "US", "crm" },
  { "europe",        { "northeurope", "westeurope" },   "europe",        "emea",
    "EUROPE", "EU", "crm4" },
  { "unitedkingdom", { "uksouth", "ukwest" },           "unitedkingdom", "uk",
    "UNITEDKINGDOM", "GB", "crm11" },
  { "canada",        { "canadacentral", "canadaeast" }, "canada",        "canada",
    "CANADA", "CA", "crm3" },
  { "asia",          { "southeastasia", "eastasia" },   "asia",          "asia",
    "ASIA", "AS", "crm5" },
  { "australia",     { "australiaeast", "australiasoutheast" }, "australia", "australia",
    "AUSTRALIA", "AU", "crm6" },
};

/* The keys of terraform-provider-power-platform's ExtendedSettingsDto (the nine it
 * always sends, then the flow and agent sharing keys), with what an empty
 * extendedSettings leaves: no limits, no checker. */
const PostureDemoExtendedSetting posture_demo_extended_settings[14] = {
  { "excludeEnvironmentFromAnalysis", "false" },
  { "isGroupSharingDisabled", "false" },
  { "maxLimitUserSharing", "-1" },
  { "disableAiGeneratedDescriptions", "false" },
  { "includeOnHomepageInsights", "false" },
  { "limitSharingMode", "noLimit" },
  { "solutionCheckerMode", "none" },
  { "suppressValidationEmails", "false" },
  { "solutionCheckerRuleOverrides", "" },
  { "solutionCloudFlows-limitSharingMode", "noLimit" },
  { "solutionCloudFlows-maxLimitUserSharing", "-1" },
  { "bot-authoringSharingDisabled", "false" },
  { "bot-limitSharingMode", "noLimit" },
  { "bot-maxLimitUserSharing", "-1" },
};

void
_posture_demo_env_free (PostureDemoEnv *env)
{
  if (env == NULL)
    return;

  g_free (env->name);
  g_free (env->display_name);
  g_free (env->description);
  g_free (env->created_time);
  g_free (env->created_by);
  g_free (env->created_by_id);
  g_free (env->resource_id);
  g_free (env->domain_name);
  g_free (env->security_group_id);
  g_free (env->group_id);
  g_clear_pointer (&env->org, json_object_unref);
  g_clear_pointer (&env->roles, json_array_unref);
  g_clear_pointer (&env->governance, json_object_unref);
  g_free (env->cached);
  g_free (env);
}

/* limit_mode NULL: unmanaged ("Basic", no settings), or a group-governed environment. */
JsonObject *
_posture_demo_governance_new (const char *protection_level,
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
  for (guint i = 0; i < G_N_ELEMENTS (posture_demo_extended_settings); i++)
    json_object_set_string_member (ext, posture_demo_extended_settings[i].key,
                                   posture_demo_extended_settings[i].fallback);
  json_object_set_string_member (ext, "limitSharingMode", limit_mode);
  json_object_set_string_member (ext, "maxLimitUserSharing", max_sharing);
  json_object_set_string_member (ext, "solutionCheckerMode", checker_mode);
  json_object_set_string_member (ext, "suppressValidationEmails", "true");
  json_object_set_string_member (ext, "solutionCloudFlows-limitSharingMode", "disableSharing");
  json_object_set_string_member (ext, "bot-authoringSharingDisabled", "true");
  json_object_set_string_member (ext, "bot-limitSharingMode", "excludeSharingToSecurityGroups");
  json_object_set_string_member (ext, "bot-maxLimitUserSharing", "55");
  json_object_set_object_member (settings, "extendedSettings", ext);
  json_object_set_object_member (gov, "settings", settings);

  return gov;
}

gboolean
_posture_demo_env_is_managed (PostureDemoEnv *env)
{
  return g_strcmp0 (posture_json_get_string (env->governance, "protectionLevel"),
                    "Standard") == 0;
}

/* Why the service will not make this environment managed, in the words BAP puts in
 * lifecycleOperationsEnforcement.disallowedOperations (observed in real environment
 * objects: "Promote cannot be performed on environment of type Sandbox." with type
 * EnvironmentSkuType, and "… because there is no linked CDS instance or the CDS
 * instance version is not supported." with type CdsLink). NULL when it may. */
const char *
_posture_demo_env_governance_refusal (PostureDemoEnv  *env,
                                      char           **out_type)
{
  if (g_str_equal (env->sku, "Trial") || g_str_equal (env->sku, "Developer"))
    {
      *out_type = g_strdup ("EnvironmentSkuType");
      return g_str_equal (env->sku, "Trial")
             ? "EnableGovernanceConfiguration cannot be performed on environment of type Trial."
             : "EnableGovernanceConfiguration cannot be performed on environment of type "
               "Developer.";
    }
  if (!env->has_dataverse)
    {
      *out_type = g_strdup ("CdsLink");
      return "EnableGovernanceConfiguration cannot be performed because there is no linked CDS "
             "instance or the CDS instance version is not supported.";
    }
  *out_type = NULL;
  return NULL;
}

static JsonObject *
new_enterprise_policy (const PostureDemoEnv *env,
                       const char           *kind,
                       const char           *status)
{
  JsonObject *policy = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *system_id = NULL;
  guint32 h = g_str_hash (env->name) ^ g_str_hash (kind);

  id = g_strdup_printf ("/subscriptions/%08x-7c1d-4e2a-9f3b-5d6e7f8a9b0c/resourceGroups/"
                        "rg-powerplatform/providers/Microsoft.PowerPlatform/enterprisePolicies/"
                        "%s-%s", h, kind, env->domain_name ? env->domain_name : "policy");
  system_id = g_strdup_printf ("/regions/%s/providers/Microsoft.PowerPlatform/enterprisePolicies/"
                               "%08x-%04x-4%03x-a%03x-%012x", env->geo->location, h, h & 0xffff,
                               h & 0xfff, (h >> 8) & 0xfff, h);
  json_object_set_string_member (policy, "policyId", system_id + strlen (system_id) - 36);
  json_object_set_string_member (policy, "location", env->geo->location);
  json_object_set_string_member (policy, "id", id);
  json_object_set_string_member (policy, "systemId", system_id);
  json_object_set_string_member (policy, "linkStatus", status);

  return policy;
}

static void
set_printf (JsonObject *object,
            const char *member,
            const char *format,
            ...) G_GNUC_PRINTF (3, 4);

static void
set_printf (JsonObject *object,
            const char *member,
            const char *format,
            ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  json_object_set_string_member (object, member, value);
}

static void
add_operation (JsonArray  *list,
               const char *id,
               const char *reason,
               const char *reason_type)
{
  JsonObject *op = json_object_new ();
  JsonObject *type = json_object_new ();

  json_object_set_string_member (type, "id", id);
  json_object_set_object_member (op, "type", type);
  if (reason != NULL)
    {
      JsonObject *r = json_object_new ();

      json_object_set_string_member (r, "message", reason);
      json_object_set_string_member (r, "type", reason_type);
      json_object_set_object_member (op, "reason", r);
    }
  json_array_add_object_element (list, op);
}

static JsonObject *
render_lifecycle (PostureDemoEnv *env)
{
  static const char * const ops[] = { "Copy", "Backup", "Restore", "Reset", "Move", "Recover" };
  JsonObject *o = json_object_new ();
  JsonArray *allowed = json_array_new ();
  JsonArray *disallowed = json_array_new ();
  g_autofree char *refusal_type = NULL;
  const char *refusal = _posture_demo_env_governance_refusal (env, &refusal_type);

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    add_operation (allowed, ops[i], NULL, NULL);

  if (env->has_dataverse)
    add_operation (disallowed, "Provision", "Provision cannot be performed because the "
                   "environment already has a Dataverse database.", "CdsLink");
  if (refusal != NULL)
    add_operation (disallowed, "EnableGovernanceConfiguration", refusal, refusal_type);
  else if (env->group_id != NULL)
    add_operation (disallowed, "UpdateGovernanceConfiguration", "UpdateGovernanceConfiguration "
                   "cannot be performed on Power Platform environment because of the governance "
                   "configuration.", "GovernanceConfig");
  else
    add_operation (allowed, _posture_demo_env_is_managed (env) ? "UpdateGovernanceConfiguration"
                                                               : "EnableGovernanceConfiguration",
                   NULL, NULL);

  json_object_set_array_member (o, "allowedOperations", allowed);
  json_object_set_array_member (o, "disallowedOperations", disallowed);
  return o;
}

static JsonObject *
render_linked_metadata (PostureDemoEnv *env,
                        const char     *base_uri)
{
  JsonObject *o = json_object_new ();

  json_object_set_string_member (o, "resourceId", env->resource_id);
  json_object_set_string_member (o, "friendlyName", env->display_name);
  set_printf (o, "uniqueName", "unq%.8s%s", env->resource_id, env->resource_id + 24);
  json_object_set_string_member (o, "domainName", env->domain_name);
  json_object_set_string_member (o, "version", env->missing_column != NULL ? "9.2.23041.00152"
                                                                           : "9.2.24101.00193");
  set_printf (o, "instanceUrl", "%s/dataverse/%s/", base_uri, env->name);
  set_printf (o, "instanceApiUrl", "%s/dataverse/%s", base_uri, env->name);
  json_object_set_int_member (o, "baseLanguage", 1033);
  json_object_set_string_member (o, "instanceState", "Ready");
  json_object_set_string_member (o, "createdTime", env->created_time);
  json_object_set_string_member (o, "backgroundOperationsState", "Enabled");
  if (env->security_group_id != NULL)
    json_object_set_string_member (o, "securityGroupId", env->security_group_id);
  set_printf (o, "scaleGroup", "%sCRMLIVESG%u", env->geo->geo_short,
              600 + (g_str_hash (env->name) % 300));
  json_object_set_string_member (o, "platformSku", "Standard");
  json_object_set_string_member (o, "schemaType", "Standard");
  return o;
}

static JsonObject *
render_endpoints (PostureDemoEnv *env)
{
  const PostureDemoGeo *geo = env->geo;
  JsonObject *o = json_object_new ();

  set_printf (o, "microsoft.BusinessAppPlatform", "https://%s.api.bap.microsoft.com",
              geo->bap_prefix);
  set_printf (o, "microsoft.CommonDataModel", "https://%s.api.cds.microsoft.com", geo->bap_prefix);
  set_printf (o, "microsoft.PowerApps", "https://%s.api.powerapps.com", geo->bap_prefix);
  set_printf (o, "microsoft.PowerAppsAdvisor", "https://%s.api.advisor.powerapps.com",
              geo->bap_prefix);
  set_printf (o, "microsoft.Flow", "https://%s.api.flow.microsoft.com", geo->flow_prefix);
  set_printf (o, "microsoft.ApiManagement", "https://management.%s.azure-apihub.net", geo->apim);
  return o;
}

static JsonObject *
render_states (void)
{
  JsonObject *o = json_object_new ();
  JsonObject *p = json_object_new ();
  JsonObject *by = json_object_new ();

  json_object_set_string_member (p, "id", "Ready");
  json_object_set_object_member (o, "management", p);
  p = json_object_new ();
  json_object_set_string_member (p, "id", "Enabled");
  json_object_set_string_member (p, "runtimeReasonCode", "NotSpecified");
  json_object_set_string_member (by, "displayName", "SYSTEM");
  json_object_set_string_member (by, "type", "NotSpecified");
  json_object_set_object_member (p, "requestedBy", by);
  json_object_set_object_member (o, "runtime", p);
  return o;
}

static JsonObject *
render_cluster (PostureDemoEnv *env)
{
  JsonObject *o = json_object_new ();
  g_autofree char *geo_lower = g_ascii_strdown (env->geo->geo_short, -1);
  guint number = 100 + (g_str_hash (env->name) % 50);

  json_object_set_string_member (o, "category", "Prod");
  set_printf (o, "number", "%u", number);
  set_printf (o, "uriSuffix", "%s-il%u.gateway.prod.island", geo_lower, number);
  json_object_set_string_member (o, "geoShortName", env->geo->geo_short);
  json_object_set_string_member (o, "environment", "Prod");
  return o;
}

/* The BAP admin environment object (reference §2.1). */
JsonObject *
_posture_demo_env_render (PostureDemoEnv *env,
                          const char     *base_uri)
{
  JsonObject *obj = json_object_new ();
  JsonObject *props = json_object_new ();
  JsonObject *o;

  set_printf (obj, "id", "%s%s", POSTURE_DEMO_ENV_ID_PREFIX, env->name);
  json_object_set_string_member (obj, "type", POSTURE_DEMO_ENV_TYPE);
  json_object_set_string_member (obj, "location", env->geo->location);
  json_object_set_string_member (obj, "name", env->name);

  json_object_set_string_member (props, "tenantId", POSTURE_DEMO_TENANT_ID);
  json_object_set_string_member (props, "azureRegion", env->azure_region);
  json_object_set_string_member (props, "displayName", env->display_name);
  json_object_set_string_member (props, "description", env->description);
  json_object_set_string_member (props, "createdTime", env->created_time);
  json_object_set_object_member (props, "createdBy",
                                 _posture_demo_strings_object ("id", env->created_by_id,
                                                               "displayName", env->created_by,
                                                               "type", "User", NULL));
  json_object_set_string_member (props, "lastModifiedTime", env->created_time);
  json_object_set_string_member (props, "provisioningState", "Succeeded");
  json_object_set_string_member (props, "creationType",
                                 env->is_default ? "DefaultTenant" : "User");
  json_object_set_string_member (props, "environmentSku", env->sku);
  json_object_set_boolean_member (props, "isDefault", env->is_default);

  o = json_object_new ();
  set_printf (o, "admin", "https://admin.powerplatform.microsoft.com/environments/environment/"
              "%s/hub", env->name);
  set_printf (o, "maker", "https://make.powerapps.com/environments/%s/home", env->name);
  json_object_set_object_member (props, "clientUris", o);
  json_object_set_object_member (props, "runtimeEndpoints", render_endpoints (env));
  json_object_set_string_member (props, "databaseType",
                                 env->has_dataverse ? "CommonDataService" : "None");
  if (env->has_dataverse)
    json_object_set_object_member (props, "linkedEnvironmentMetadata",
                                   render_linked_metadata (env, base_uri));
  else
    json_object_set_null_member (props, "linkedEnvironmentMetadata");

  json_object_set_string_member (props, "trialScenarioType", "None");
  json_object_set_string_member (props, "retentionPeriod", "P7D");
  json_object_set_object_member (props, "states", render_states ());

  o = json_object_new ();
  json_object_set_string_member (o, "id", env->cadence);
  json_object_set_object_member (props, "updateCadence", o);

  o = json_object_new ();
  json_object_set_string_member (o, "retentionPeriod", "P7D");
  json_object_set_string_member (o, "backupsAvailableFromDateTime", env->created_time);
  json_object_set_object_member (props, "retentionDetails", o);

  o = json_object_new ();
  json_object_set_string_member (o, "keyManagedBy", g_strcmp0 (env->cmk_status, "Linked") == 0
                                                    ? "Customer" : "Microsoft");
  json_object_set_object_member (props, "protectionStatus", o);

  o = json_object_new ();
  if (env->cmk_status != NULL)
    json_object_set_object_member (o, "customerManagedKeys",
                                   new_enterprise_policy (env, "cmk", env->cmk_status));
  if (env->vnet_status != NULL)
    json_object_set_object_member (o, "vNets",
                                   new_enterprise_policy (env, "vnet", env->vnet_status));
  json_object_set_object_member (props, "enterprisePolicies", o);

  json_object_set_object_member (props, "cluster", render_cluster (env));
  json_object_set_array_member (props, "connectedGroups", json_array_new ());

  /* An environment in a group: managed by the group, its own settings not returned
   * (terraform-provider-power-platform's get_environment_in_group.json). */
  if (env->group_id != NULL)
    {
      o = json_object_new ();
      json_object_set_string_member (o, "id", env->group_id);
      json_object_set_object_member (props, "parentEnvironmentGroup", o);
    }

  json_object_set_object_member (props, "lifecycleOperationsEnforcement", render_lifecycle (env));
  json_object_set_boolean_member (props, "bingChatEnabled", !g_str_equal (env->sku, "Developer"));
  json_object_set_boolean_member (props, "m365Enabled", FALSE);

  o = json_object_new ();
  json_object_set_boolean_member (o, "crossGeoCopilotDataMovementEnabled", FALSE);
  json_object_set_boolean_member (o, "crossBoundaryCopilotDataMovementEnabled",
                                  g_str_equal (env->sku, "Trial"));
  json_object_set_object_member (props, "copilotPolicies", o);

  json_object_set_object_member (props, "governanceConfiguration",
                                 _posture_demo_object_copy (env->governance));

  json_object_set_object_member (obj, "properties", props);
  return obj;
}
