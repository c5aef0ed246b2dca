/* posture-controls-eval.c: one small function per control of DESIGN.md's catalog
 *
 * Each function reads the normalised snapshot and says pass, fail or unknown, with a
 * one-line reason that names the value it saw, so an admin can check the verdict
 * against the admin center or ScubaGear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-controls-eval"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-controls-eval-private.h"
#include "posture-json.h"

/* ------------------------------------------------------------------------- */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------- */

static gboolean
sku_is (const PostureEnvironment *env,
        const char               *sku)
{
  return env->sku != NULL && g_ascii_strcasecmp (env->sku, sku) == 0;
}

/* A setting's value as text, for reasons: true, false, "text", a number, missing. */
static char *
describe (JsonNode *node)
{
  if (node == NULL)
    return g_strdup (_("not set"));
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
      if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);
          GString *out = g_string_new ("\"");

          for (const char *p = text; *p != '\0'; p++)
            {
              /* Stop at a character boundary after 40 bytes. */
              if (out->len >= 40 && ((guchar) *p & 0xc0) != 0x80)
                {
                  g_string_append (out, "…");
                  break;
                }
              g_string_append_c (out, ((guchar) *p < 0x20 || *p == 0x7f) ? '?' : *p);
            }
          g_string_append_c (out, '"');
          return g_string_free (out, FALSE);
        }
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return g_strdup_printf ("%g", json_node_get_double (node));
    }

  return g_strdup (posture_json_node_type_name (node));
}

typedef enum
{
  FLAG_TRUE,
  FLAG_FALSE,
  FLAG_UNSET,
  FLAG_INVALID,
} Flag;

/* Booleans arrive as true/false or as "true"/"false" strings. */
static Flag
read_flag (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FLAG_UNSET;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_BOOLEAN)
        return json_node_get_boolean (node) ? FLAG_TRUE : FLAG_FALSE;
      if (type == G_TYPE_STRING)
        {
          if (g_ascii_strcasecmp (json_node_get_string (node), "true") == 0)
            return FLAG_TRUE;
          if (g_ascii_strcasecmp (json_node_get_string (node), "false") == 0)
            return FLAG_FALSE;
        }
    }

  return FLAG_INVALID;
}

/* A dotted path into the tenant settings; members matched case-insensitively. */
static JsonNode *
setting_node (PostureSnapshot *snapshot,
              const char      *dotted_path)
{
  g_auto(GStrv) parts = g_strsplit (dotted_path, ".", 0);
  JsonObject *object = posture_snapshot_get_tenant_settings (snapshot);
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (object == NULL)
        return NULL;
      posture_json_get_member_ci (object, parts[i], &node);
      if (node == NULL)
        return NULL;
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }

  return node;
}

/* The tenant settings controls: @path must be @wanted. A missing setting takes the
 * API's default, false. */
static PostureResult
tenant_setting (PostureSnapshot  *snapshot,
                const char       *path,
                gboolean          wanted,
                char            **reason)
{
  JsonNode *node;
  g_autofree char *value = NULL;
  Flag flag;

  if (!posture_snapshot_has_source (snapshot, "tenant_settings"))
    {
      *reason = g_strdup (_("The snapshot holds no tenant settings"));
      return POSTURE_RESULT_UNKNOWN;
    }

  node = setting_node (snapshot, path);
  flag = read_flag (node);

  if (flag == FLAG_INVALID)
    {
      value = describe (node);
      /* TRANSLATORS: first %s is a setting name, second its unexpected value */
      *reason = g_strdup_printf (_("%s has the unexpected value %s"), path, value);
      return POSTURE_RESULT_UNKNOWN;
    }

  if (flag == FLAG_UNSET)
    {
      /* TRANSLATORS: %s is a setting name */
      *reason = g_strdup_printf (_("%s is not set, which means false"), path);
      return wanted ? POSTURE_RESULT_FAIL : POSTURE_RESULT_PASS;
    }

  /* TRANSLATORS: first %s is a setting name, second is true or false */
  *reason = g_strdup_printf (_("%s is %s"), path, flag == FLAG_TRUE ? "true" : "false");
  return (flag == FLAG_TRUE) == wanted ? POSTURE_RESULT_PASS : POSTURE_RESULT_FAIL;
}

/* The Dataverse controls read the environment's organizations row; where it could
 * not be read, the result is unknown. */
static gboolean
dataverse_row (const PostureEnvironment  *env,
               JsonObject               **row,
               char                     **reason)
{
  switch (env->dataverse_state)
    {
    case POSTURE_DATAVERSE_READ:
      *row = env->dataverse;
      return TRUE;

    case POSTURE_DATAVERSE_ERROR:
      if (env->dataverse_error_status > 0)
        /* TRANSLATORS: %u is an HTTP status, %s the service's message */
        *reason = g_strdup_printf (_("Dataverse settings could not be read (HTTP %u: %s)"),
                                   env->dataverse_error_status,
                                   env->dataverse_error_message
                                   ? env->dataverse_error_message : "");
      else
        *reason = g_strdup_printf (_("Dataverse settings could not be read (%s)"),
                                   env->dataverse_error_message
                                   ? env->dataverse_error_message : "");
      return FALSE;

    case POSTURE_DATAVERSE_MISSING:
      *reason = g_strdup (_("The snapshot holds no Dataverse settings for this environment"));
      return FALSE;

    case POSTURE_DATAVERSE_NONE:
    default:
      *reason = g_strdup (_("The environment has no Dataverse database"));
      return FALSE;
    }
}

static Flag
row_flag (JsonObject  *row,
          const char  *member,
          char       **value)
{
  JsonNode *node = NULL;

  posture_json_get_member_ci (row, member, &node);
  *value = describe (node);
  return read_flag (node);
}

static PostureResult
dataverse_flag (const PostureEnvironment  *env,
                const char                *member,
                char                     **reason)
{
  g_autofree char *value = NULL;
  JsonObject *row = NULL;
  Flag flag;

  if (!dataverse_row (env, &row, reason))
    return POSTURE_RESULT_UNKNOWN;

  flag = row_flag (row, member, &value);
  if (flag == FLAG_INVALID)
    {
      *reason = g_strdup_printf (_("%s has the unexpected value %s"), member, value);
      return POSTURE_RESULT_UNKNOWN;
    }

  *reason = g_strdup_printf (_("%s is %s"), member, value);
  return flag == FLAG_TRUE ? POSTURE_RESULT_PASS : POSTURE_RESULT_FAIL;
}

static const char *
default_environment_name (PostureSnapshot *snapshot,
                          char           **owned)
{
  const PostureEnvironment *env = posture_snapshot_get_default_environment (snapshot);

  if (env != NULL)
    return env->name;

  if (posture_snapshot_get_tenant_id (snapshot) != NULL)
    return (*owned = g_strconcat ("Default-", posture_snapshot_get_tenant_id (snapshot), NULL));

  return NULL;
}

/* ------------------------------------------------------------------------- */
/* Tenant controls                                                           */
/* ------------------------------------------------------------------------- */

static PostureResult
eval_tenant_isolation (PostureSnapshot  *snapshot,
                       char            **reason)
{
  if (!posture_snapshot_has_source (snapshot, "tenant_isolation"))
    {
      *reason = g_strdup (_("The snapshot holds no tenant isolation policy"));
      return POSTURE_RESULT_UNKNOWN;
    }

  switch (posture_snapshot_get_isolation_state (snapshot))
    {
    case POSTURE_ISOLATION_ENABLED:
      {
        guint n = posture_snapshot_get_allowed_tenants (snapshot)->len;

        *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Tenant isolation is on (isDisabled is false); "
                                                "%u tenant is allowed",
                                                "Tenant isolation is on (isDisabled is false); "
                                                "%u tenants are allowed", n), n);
        return POSTURE_RESULT_PASS;
      }

    case POSTURE_ISOLATION_DISABLED:
      *reason = g_strdup (_("Tenant isolation is off (isDisabled is not false)"));
      return POSTURE_RESULT_FAIL;

    case POSTURE_ISOLATION_NOT_CONFIGURED:
    default:
      *reason = g_strdup (_("Tenant isolation has never been configured (no policy)"));
      return POSTURE_RESULT_FAIL;
    }
}

static char *
evidence_tenant_isolation_allowlist (PostureSnapshot *snapshot)
{
  GPtrArray *allowed;
  GString *text;

  if (!posture_snapshot_has_source (snapshot, "tenant_isolation"))
    return g_strdup (_("The snapshot holds no tenant isolation policy."));

  if (posture_snapshot_get_isolation_state (snapshot) == POSTURE_ISOLATION_NOT_CONFIGURED)
    return g_strdup (_("Tenant isolation has never been configured, so there is no allow-list."));

  allowed = posture_snapshot_get_allowed_tenants (snapshot);
  if (allowed->len == 0)
    return g_strdup (_("The allow-list is empty: no other tenant is allowed."));

  text = g_string_new (NULL);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u tenant is allowed:",
                                             "%u tenants are allowed:", allowed->len),
                          allowed->len);
  for (guint i = 0; i < allowed->len; i++)
    {
      const PostureAllowedTenant *tenant = g_ptr_array_index (allowed, i);
      const char *direction;

      if (tenant->inbound && tenant->outbound)
        direction = _("inbound and outbound");
      else if (tenant->inbound)
        direction = _("inbound");
      else if (tenant->outbound)
        direction = _("outbound");
      else
        direction = _("no direction");

      g_string_append_printf (text, "\n%s (%s)", tenant->tenant_id, direction);
    }

  return g_string_free (text, FALSE);
}

static PostureResult
eval_dlp_tenant_policy (PostureSnapshot  *snapshot,
                        char            **reason)
{
  guint n;

  if (!posture_snapshot_has_source (snapshot, "dlp_policies"))
    {
      *reason = g_strdup (_("The snapshot holds no data policies"));
      return POSTURE_RESULT_UNKNOWN;
    }

  n = posture_snapshot_get_n_dlp_policies (snapshot);
  for (guint i = 0; i < n; i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (snapshot, i);

      if (policy->environment_type != NULL &&
          (g_ascii_strcasecmp (policy->environment_type, "AllEnvironments") == 0 ||
           g_ascii_strcasecmp (policy->environment_type, "ExceptEnvironments") == 0))
        {
          /* TRANSLATORS: first %s is a policy name, second its scope (AllEnvironments, …) */
          *reason = g_strdup_printf (_("Data policy \"%s\" applies tenant-wide (%s)"),
                                     policy->display_name, policy->environment_type);
          return POSTURE_RESULT_PASS;
        }
    }

  if (n == 0)
    *reason = g_strdup (_("The tenant has no data policy"));
  else
    *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The only data policy is scoped to listed environments",
                                            "All %u data policies are scoped to listed environments",
                                            n), n);
  return POSTURE_RESULT_FAIL;
}

static PostureResult
eval_dlp_default_environment (PostureSnapshot  *snapshot,
                              char            **reason)
{
  g_autofree char *owned = NULL;
  const char *name;
  guint n;

  if (!posture_snapshot_has_source (snapshot, "dlp_policies"))
    {
      *reason = g_strdup (_("The snapshot holds no data policies"));
      return POSTURE_RESULT_UNKNOWN;
    }

  if ((name = default_environment_name (snapshot, &owned)) == NULL)
    {
      *reason = g_strdup (_("The snapshot names neither the default environment nor the tenant"));
      return POSTURE_RESULT_UNKNOWN;
    }

  n = posture_snapshot_get_n_dlp_policies (snapshot);
  for (guint i = 0; i < n; i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (snapshot, i);

      if (posture_dlp_policy_covers (policy, name))
        {
          /* TRANSLATORS: first %s is a policy name, second its scope (AllEnvironments, …) */
          *reason = g_strdup_printf (_("Data policy \"%s\" covers the default environment (%s)"),
                                     policy->display_name, policy->environment_type);
          return POSTURE_RESULT_PASS;
        }
    }

  *reason = g_strdup (_("No data policy covers the default environment"));
  return POSTURE_RESULT_FAIL;
}

static PostureResult
eval_env_creation_admins_only (PostureSnapshot  *snapshot,
                               char            **reason)
{
  return tenant_setting (snapshot, "disableEnvironmentCreationByNonAdminUsers", TRUE, reason);
}

static PostureResult
eval_trial_env_creation_admins_only (PostureSnapshot  *snapshot,
                                     char            **reason)
{
  return tenant_setting (snapshot, "disableTrialEnvironmentCreationByNonAdminUsers", TRUE, reason);
}

static PostureResult
eval_developer_env_creation_admins_only (PostureSnapshot  *snapshot,
                                         char            **reason)
{
  return tenant_setting (snapshot,
                         "powerPlatform.governance.disableDeveloperEnvironmentCreationByNonAdminUsers",
                         TRUE, reason);
}

static PostureResult
eval_pages_creation_admins_only (PostureSnapshot  *snapshot,
                                 char            **reason)
{
  return tenant_setting (snapshot, "disablePortalsCreationByNonAdminUsers", TRUE, reason);
}

static PostureResult
eval_share_with_everyone_disabled (PostureSnapshot  *snapshot,
                                   char            **reason)
{
  return tenant_setting (snapshot, "powerPlatform.powerApps.disableShareWithEveryone", TRUE,
                         reason);
}

static PostureResult
eval_guest_makers_disabled (PostureSnapshot  *snapshot,
                            char            **reason)
{
  return tenant_setting (snapshot, "powerPlatform.powerApps.enableGuestsToMake", FALSE, reason);
}

/* ------------------------------------------------------------------------- */
/* Environment controls                                                      */
/* ------------------------------------------------------------------------- */

static gboolean
applies_non_default (PostureSnapshot          *snapshot,
                     const PostureEnvironment *env)
{
  return !env->is_default;
}

static gboolean
applies_production_sandbox_default (PostureSnapshot          *snapshot,
                                    const PostureEnvironment *env)
{
  return env->is_default || sku_is (env, "Production") || sku_is (env, "Sandbox") ||
         sku_is (env, "Default");
}

static gboolean
applies_dataverse_non_default (PostureSnapshot          *snapshot,
                               const PostureEnvironment *env)
{
  return env->has_dataverse && !env->is_default;
}

static gboolean
applies_non_developer (PostureSnapshot          *snapshot,
                       const PostureEnvironment *env)
{
  return !sku_is (env, "Developer");
}

static gboolean
applies_dataverse (PostureSnapshot          *snapshot,
                   const PostureEnvironment *env)
{
  return env->has_dataverse;
}

static gboolean
applies_production_dataverse (PostureSnapshot          *snapshot,
                              const PostureEnvironment *env)
{
  return env->has_dataverse && sku_is (env, "Production");
}

static PostureResult
eval_dlp_environment_coverage (PostureSnapshot           *snapshot,
                               const PostureEnvironment  *env,
                               char                     **reason)
{
  guint n;

  if (!posture_snapshot_has_source (snapshot, "dlp_policies"))
    {
      *reason = g_strdup (_("The snapshot holds no data policies"));
      return POSTURE_RESULT_UNKNOWN;
    }

  n = posture_snapshot_get_n_dlp_policies (snapshot);
  for (guint i = 0; i < n; i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (snapshot, i);

      if (posture_dlp_policy_covers (policy, env->name))
        {
          *reason = g_strdup_printf (_("Covered by data policy \"%s\" (%s)"),
                                     policy->display_name, policy->environment_type);
          return POSTURE_RESULT_PASS;
        }
    }

  *reason = g_strdup (_("No data policy covers this environment"));
  return POSTURE_RESULT_FAIL;
}

static PostureResult
eval_managed_environment (PostureSnapshot           *snapshot,
                          const PostureEnvironment  *env,
                          char                     **reason)
{
  if (env->managed)
    {
      *reason = g_strdup (_("Managed (protectionLevel is Standard)"));
      return POSTURE_RESULT_PASS;
    }

  if (env->protection_level != NULL)
    /* TRANSLATORS: %s is the protection level the API sent, such as Basic */
    *reason = g_strdup_printf (_("Not managed (protectionLevel is %s)"), env->protection_level);
  else
    *reason = g_strdup (_("Not managed (protectionLevel is not set)"));
  return POSTURE_RESULT_FAIL;
}

static PostureResult
eval_environment_security_group (PostureSnapshot           *snapshot,
                                 const PostureEnvironment  *env,
                                 char                     **reason)
{
  if (env->security_group_id != NULL)
    {
      /* TRANSLATORS: %s is a security group id */
      *reason = g_strdup_printf (_("Restricted to security group %s"), env->security_group_id);
      return POSTURE_RESULT_PASS;
    }

  *reason = g_strdup (_("No security group (securityGroupId is empty)"));
  return POSTURE_RESULT_FAIL;
}

static PostureResult
eval_sharing_limits (PostureSnapshot           *snapshot,
                     const PostureEnvironment  *env,
                     char                     **reason)
{
  gboolean mode_limited = env->limit_sharing_mode != NULL &&
                          g_ascii_strcasecmp (env->limit_sharing_mode, "noLimit") != 0;

  if (!env->managed)
    {
      *reason = g_strdup (_("Not a managed environment, so sharing cannot be limited"));
      return POSTURE_RESULT_FAIL;
    }

  if (mode_limited)
    {
      /* TRANSLATORS: %s is a sharing mode such as excludeSharingToSecurityGroups */
      *reason = g_strdup_printf (_("Sharing is limited (limitSharingMode is %s)"),
                                 env->limit_sharing_mode);
      return POSTURE_RESULT_PASS;
    }

  if (env->max_limit_user_sharing != -1)
    {
      *reason = g_strdup_printf (_("Sharing is limited (maxLimitUserSharing is %"
                                   G_GINT64_FORMAT ")"), env->max_limit_user_sharing);
      return POSTURE_RESULT_PASS;
    }

  *reason = g_strdup (_("No sharing limit (limitSharingMode is noLimit, "
                        "maxLimitUserSharing is -1)"));
  return POSTURE_RESULT_FAIL;
}

static PostureResult
eval_ip_firewall (PostureSnapshot           *snapshot,
                  const PostureEnvironment  *env,
                  char                     **reason)
{
  g_autofree char *enabled_value = NULL;
  g_autofree char *audit_value = NULL;
  JsonObject *row = NULL;
  Flag enabled;
  Flag audit;

  if (!dataverse_row (env, &row, reason))
    return POSTURE_RESULT_UNKNOWN;

  enabled = row_flag (row, "enableipbasedfirewallrule", &enabled_value);
  audit = row_flag (row, "enableipbasedfirewallruleinauditmode", &audit_value);

  if (enabled == FLAG_INVALID)
    {
      *reason = g_strdup_printf (_("%s has the unexpected value %s"),
                                 "enableipbasedfirewallrule", enabled_value);
      return POSTURE_RESULT_UNKNOWN;
    }

  if (enabled != FLAG_TRUE)
    {
      *reason = g_strdup_printf (_("%s is %s"), "enableipbasedfirewallrule", enabled_value);
      return POSTURE_RESULT_FAIL;
    }

  if (audit == FLAG_TRUE)
    {
      *reason = g_strdup (_("The IP firewall is in audit-only mode "
                            "(enableipbasedfirewallruleinauditmode is true): it blocks nothing"));
      return POSTURE_RESULT_FAIL;
    }

  *reason = g_strdup_printf (_("The IP firewall enforces (enableipbasedfirewallrule is true, "
                               "enableipbasedfirewallruleinauditmode is %s)"), audit_value);
  return POSTURE_RESULT_PASS;
}

static PostureResult
eval_ip_cookie_binding (PostureSnapshot           *snapshot,
                        const PostureEnvironment  *env,
                        char                     **reason)
{
  return dataverse_flag (env, "enableipbasedcookiebinding", reason);
}

static PostureResult
eval_auditing (PostureSnapshot           *snapshot,
               const PostureEnvironment  *env,
               char                     **reason)
{
  return dataverse_flag (env, "isauditenabled", reason);
}

static PostureResult
eval_content_security_policy (PostureSnapshot           *snapshot,
                              const PostureEnvironment  *env,
                              char                     **reason)
{
  g_autofree char *model_value = NULL;
  g_autofree char *canvas_value = NULL;
  JsonObject *row = NULL;
  Flag model;
  Flag canvas;

  if (!dataverse_row (env, &row, reason))
    return POSTURE_RESULT_UNKNOWN;

  model = row_flag (row, "iscontentsecuritypolicyenabled", &model_value);
  canvas = row_flag (row, "iscontentsecuritypolicyenabledforcanvas", &canvas_value);

  if (model == FLAG_INVALID || canvas == FLAG_INVALID)
    {
      *reason = g_strdup_printf (_("Unexpected values: iscontentsecuritypolicyenabled is %s, "
                                   "iscontentsecuritypolicyenabledforcanvas is %s"),
                                 model_value, canvas_value);
      return POSTURE_RESULT_UNKNOWN;
    }

  *reason = g_strdup_printf (_("iscontentsecuritypolicyenabled is %s, "
                               "iscontentsecuritypolicyenabledforcanvas is %s"),
                             model_value, canvas_value);
  return model == FLAG_TRUE && canvas == FLAG_TRUE ? POSTURE_RESULT_PASS : POSTURE_RESULT_FAIL;
}

static PostureResult
eval_customer_managed_key (PostureSnapshot           *snapshot,
                           const PostureEnvironment  *env,
                           char                     **reason)
{
  if (env->cmk_linked)
    {
      *reason = g_strdup (_("A customer-managed key policy is linked"));
      return POSTURE_RESULT_PASS;
    }

  *reason = g_strdup (_("No linked customer-managed key policy "
                        "(enterprisePolicies.customerManagedKeys)"));
  return POSTURE_RESULT_FAIL;
}

static PostureResult
eval_virtual_network (PostureSnapshot           *snapshot,
                      const PostureEnvironment  *env,
                      char                     **reason)
{
  if (env->vnet_linked)
    {
      *reason = g_strdup (_("A virtual network policy is linked"));
      return POSTURE_RESULT_PASS;
    }

  *reason = g_strdup (_("No linked virtual network policy (enterprisePolicies.vNets)"));
  return POSTURE_RESULT_FAIL;
}

/* ------------------------------------------------------------------------- */
/* The table                                                                 */
/* ------------------------------------------------------------------------- */

static const PostureRule rules[] = {
  { "tenant-isolation", eval_tenant_isolation, NULL, NULL, NULL },
  { "tenant-isolation-allowlist", NULL, NULL, NULL, evidence_tenant_isolation_allowlist },
  { "dlp-tenant-policy", eval_dlp_tenant_policy, NULL, NULL, NULL },
  { "dlp-default-environment", eval_dlp_default_environment, NULL, NULL, NULL },
  { "env-creation-admins-only", eval_env_creation_admins_only, NULL, NULL, NULL },
  { "trial-env-creation-admins-only", eval_trial_env_creation_admins_only, NULL, NULL, NULL },
  { "developer-env-creation-admins-only", eval_developer_env_creation_admins_only,
    NULL, NULL, NULL },
  { "pages-creation-admins-only", eval_pages_creation_admins_only, NULL, NULL, NULL },
  { "share-with-everyone-disabled", eval_share_with_everyone_disabled, NULL, NULL, NULL },
  { "guest-makers-disabled", eval_guest_makers_disabled, NULL, NULL, NULL },
  { "dlp-environment-coverage", NULL, applies_non_default, eval_dlp_environment_coverage, NULL },
  { "managed-environment", NULL, applies_production_sandbox_default, eval_managed_environment,
    NULL },
  { "environment-security-group", NULL, applies_dataverse_non_default,
    eval_environment_security_group, NULL },
  { "sharing-limits", NULL, applies_non_developer, eval_sharing_limits, NULL },
  { "ip-firewall", NULL, applies_dataverse, eval_ip_firewall, NULL },
  { "ip-cookie-binding", NULL, applies_dataverse, eval_ip_cookie_binding, NULL },
  { "auditing", NULL, applies_dataverse, eval_auditing, NULL },
  { "content-security-policy", NULL, applies_dataverse, eval_content_security_policy, NULL },
  { "customer-managed-key", NULL, applies_production_dataverse, eval_customer_managed_key, NULL },
  { "virtual-network", NULL, applies_production_dataverse, eval_virtual_network, NULL },
};

const PostureRule *
_posture_rule_lookup (const char *control_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].id, control_id))
      return &rules[i];

  return NULL;
}
