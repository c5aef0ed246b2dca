/* posture-remediation-governance.c: Managed Environments and sharing limits
 *
 * Both write governanceConfiguration (api-version 2021-04-01) as Microsoft's provider
 * does: protectionLevel Standard and the nine extended settings as strings, an
 * already-managed environment's current values kept. The service answers 204, or 202 +
 * Location, or 409 (the runner's business); an environment in an environment group is
 * refused, so the plan skips it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-remediation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-api-paths.h"
#include "posture-json.h"
#include "posture-remediation-private.h"

/* The nine extended settings Microsoft's provider sends with every governance write, as
 * strings, with the service's defaults for an environment that has none. */
static const struct
{
  const char *key;
  const char *fallback;
} governance_keys[] = {
  { "excludeEnvironmentFromAnalysis", "false" },
  { "isGroupSharingDisabled", "false" },
  { "maxLimitUserSharing", "-1" },
  { "disableAiGeneratedDescriptions", "false" },
  { "includeOnHomepageInsights", "false" },
  { "limitSharingMode", "noLimit" },
  { "solutionCheckerMode", "none" },
  { "suppressValidationEmails", "true" },
  { "solutionCheckerRuleOverrides", "" },
};

/* The raw BAP environment object of @name in the snapshot's sources. */
static JsonObject *
raw_environment (PostureSnapshot *snapshot,
                 const char      *name)
{
  JsonNode *root = posture_snapshot_get_json (snapshot);
  JsonObject *sources = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
                        ? posture_json_get_object (json_node_get_object (root), "sources") : NULL;

  return _posture_fix_json_find_named (posture_json_get_array (sources, "environments"), name);
}

/* The governance body: protectionLevel Standard and the nine extended settings as
 * strings, an already-managed environment's current values kept, @overrides applied. */
static JsonObject *
governance_body (PostureRemedyContext     *ctx,
                 const PostureEnvironment *env,
                 JsonObject               *overrides)
{
  JsonObject *raw = raw_environment (ctx->snapshot, env->name);
  JsonObject *current = env->managed
                        ? posture_json_get_path_object (raw, "properties.governanceConfiguration."
                                                             "settings.extendedSettings")
                        : NULL;
  JsonObject *root = json_object_new ();
  JsonObject *settings = json_object_new ();
  JsonObject *extended = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (governance_keys); i++)
    {
      const char *key = governance_keys[i].key;
      g_autofree char *value = NULL;
      JsonNode *node = NULL;

      if (overrides != NULL && json_object_has_member (overrides, key))
        value = g_strdup (json_object_get_string_member (overrides, key));
      else
        {
          posture_json_get_member_ci (current, key, &node);
          value = _posture_remediation_scalar_string (node);
        }
      json_object_set_string_member (extended, key,
                                     value != NULL ? value : governance_keys[i].fallback);
    }

  json_object_set_string_member (root, "protectionLevel", "Standard");
  json_object_set_object_member (settings, "extendedSettings", extended);
  json_object_set_object_member (root, "settings", settings);
  return root;
}

/* Takes @body_object and @expected_governance: what the read-back of the environment
 * must hold under properties.governanceConfiguration. */
static PostureFixRequest *
governance_request (const PostureEnvironment *env,
                    JsonObject               *body_object,
                    JsonObject               *expected_governance)
{
  g_autofree char *escaped = g_uri_escape_string (env->name, NULL, FALSE);
  g_autofree char *path = g_strdup_printf (POSTURE_API_GOVERNANCE, escaped);
  g_autoptr(JsonNode) body = _posture_remediation_object_node (body_object);
  JsonObject *expected_root = json_object_new ();
  JsonObject *properties = json_object_new ();
  g_autoptr(JsonNode) expected = NULL;

  /* The read-back is the environment object. */
  json_object_set_object_member (properties, "governanceConfiguration", expected_governance);
  json_object_set_object_member (expected_root, "properties", properties);
  expected = _posture_remediation_object_node (expected_root);

  return posture_fix_request_new (POSTURE_FIX_KIND_GOVERNANCE, "POST", POSTURE_FIX_SERVICE_BAP,
                                  NULL, path, body, expected);
}

/* An environment in an environment group is governed by the group's rules: the service
 * refuses governance writes there (409 with no body; Microsoft's provider's
 * Validate_Create_In_Environment_Group), so the plan skips it and says where to act. */
static gboolean
check_environment_group (PostureRemedyContext     *ctx,
                         const PostureEnvironment *env)
{
  JsonObject *raw = raw_environment (ctx->snapshot, env->name);
  const char *group = posture_json_get_path_string (raw, "properties.parentEnvironmentGroup.id");
  g_autofree char *reason = NULL;

  if (group == NULL || group[0] == '\0')
    return TRUE;

  /* TRANSLATORS: %s is an environment group id */
  reason = g_strdup_printf (_("Governed by the environment group %s: its rules set this, so "
                              "change them in the group (admin center, Environment groups)"),
                            group);
  _posture_remediation_skip_environment (ctx, env, reason);
  return FALSE;
}

void
_posture_remediation_plan_managed_environment (PostureRemedyContext     *ctx,
                                               const PostureEnvironment *env)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autofree char *type = NULL;
  JsonObject *expected;

  if (!_posture_remediation_can_be_managed (env))
    {
      g_autofree char *reason = NULL;

      /* TRANSLATORS: %s is an environment type such as Trial */
      reason = g_strdup_printf (_("A %s environment cannot be managed: only Production, Sandbox "
                                  "and Default ones can"), env->sku != NULL ? env->sku : "?");
      _posture_remediation_skip_environment (ctx, env, reason);
      return;
    }

  if (!env->has_dataverse)
    {
      _posture_remediation_skip_environment (ctx, env, _("Needs Dataverse: Managed Environments "
                                                         "need a Dataverse database"));
      return;
    }
  if (!check_environment_group (ctx, env))
    return;

  step = _posture_remediation_environment_step (env, _("Makes the environment managed "
                                                       "(protectionLevel Standard) with the "
                                                       "service's default settings"));
  /* TRANSLATORS: %s is an environment type such as Production */
  type = g_strdup_printf (_("Environment type is %s"),
                          env->sku != NULL ? env->sku : (env->is_default ? "Default" : "?"));
  _posture_fix_step_add_precondition (step, type);
  _posture_fix_step_add_precondition (step, _("Has Dataverse"));
  _posture_fix_step_add_precondition (step, _("Not in an environment group"));

  expected = json_object_new ();
  json_object_set_string_member (expected, "protectionLevel", "Standard");
  request = governance_request (env, governance_body (ctx, env, NULL), expected);
  _posture_remediation_add_change (ctx, step,
                                   env->protection_level != NULL ? env->protection_level
                                                                 : _("not set"),
                                   "Standard", request);
}

void
_posture_remediation_plan_sharing_limits (PostureRemedyContext     *ctx,
                                          const PostureEnvironment *env)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(JsonObject) overrides = json_object_new ();
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, ctx->options->sharing_limit);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *expected;
  JsonObject *settings;
  JsonObject *extended;

  if (!_posture_remediation_check_managed (ctx, env) || !check_environment_group (ctx, env))
    return;

  /* TRANSLATORS: %s is the number of people */
  after = g_strdup_printf (_("Not with security groups or everyone; at most %s people"), limit);
  before = g_strdup_printf ("limitSharingMode %s, maxLimitUserSharing %" G_GINT64_FORMAT,
                            env->limit_sharing_mode != NULL ? env->limit_sharing_mode : "noLimit",
                            env->max_limit_user_sharing);
  step = _posture_remediation_environment_step (env, _("Limits canvas app sharing, keeping the "
                                                       "environment's other managed settings"));
  _posture_remediation_add_managed_precondition (step);
  _posture_fix_step_add_precondition (step, _("Not in an environment group"));

  json_object_set_string_member (overrides, "limitSharingMode", "excludeSharingToSecurityGroups");
  json_object_set_string_member (overrides, "isGroupSharingDisabled", "true");
  json_object_set_string_member (overrides, "maxLimitUserSharing", limit);

  extended = json_object_new ();
  json_object_set_string_member (extended, "limitSharingMode", "excludeSharingToSecurityGroups");
  json_object_set_string_member (extended, "maxLimitUserSharing", limit);
  settings = json_object_new ();
  json_object_set_object_member (settings, "extendedSettings", extended);
  expected = json_object_new ();
  json_object_set_string_member (expected, "protectionLevel", "Standard");
  json_object_set_object_member (expected, "settings", settings);

  request = governance_request (env, governance_body (ctx, env, overrides), expected);
  _posture_remediation_add_change (ctx, step, before, after, request);
}
