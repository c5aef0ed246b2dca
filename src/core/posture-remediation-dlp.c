/* posture-remediation-dlp.c: the DLP baseline policy ("Posture baseline")
 *
 * One AllEnvironments policy: the allow-list's connectors (posture-dlp-allow-list.h, the
 * list the dlp-default-environment-connectors rule judges with) in Business (Confidential),
 * every other connector Blocked by default, custom connectors blocked by one "*" rule
 * (DESIGN.md). A create is never sent twice blindly: the runner looks for the policy by
 * its display name first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-remediation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "posture-api-paths.h"
#include "posture-dlp-allow-list.h"
#include "posture-remediation-private.h"

static JsonObject *
connector_group (const char *classification,
                 gboolean    with_connectors,
                 gboolean    ids_only)
{
  const char * const *ids = posture_dlp_allow_list_get_ids ();
  JsonObject *group = json_object_new ();
  JsonArray *connectors = json_array_new ();

  for (guint i = 0; with_connectors && ids[i] != NULL; i++)
    {
      JsonObject *connector = json_object_new ();

      json_object_set_string_member (connector, "id", ids[i]);
      if (!ids_only)
        {
          /* As Microsoft's provider sends it: the name is the id's last segment. */
          json_object_set_string_member (connector, "name", strrchr (ids[i], '/') + 1);
          json_object_set_string_member (connector, "type", "Microsoft.PowerApps/apis");
        }
      json_array_add_object_element (connectors, connector);
    }

  json_object_set_string_member (group, "classification", classification);
  json_object_set_array_member (group, "connectors", connectors);
  return group;
}

/* The policy: all environments, the allow-list in Business (Confidential), everything
 * else Blocked by default, custom connectors blocked by one "*" rule. With
 * @expected_only, just what a read-back must show. */
static JsonObject *
baseline_policy (const char *name,
                 gboolean    expected_only)
{
  JsonObject *root = json_object_new ();
  JsonObject *definition = json_object_new ();
  JsonArray *groups = json_array_new ();

  if (name != NULL)
    json_object_set_string_member (definition, "name", name);
  json_object_set_string_member (definition, "displayName", POSTURE_FIX_DLP_BASELINE_NAME);
  json_object_set_string_member (definition, "defaultConnectorsClassification", "Blocked");
  json_object_set_string_member (definition, "environmentType", "AllEnvironments");
  json_array_add_object_element (groups, connector_group ("Confidential", TRUE, expected_only));
  if (!expected_only)
    {
      json_object_set_array_member (definition, "environments", json_array_new ());
      json_array_add_object_element (groups, connector_group ("General", FALSE, FALSE));
      json_array_add_object_element (groups, connector_group ("Blocked", FALSE, FALSE));
    }
  json_object_set_array_member (definition, "connectorGroups", groups);
  json_object_set_object_member (root, "policyDefinition", definition);

  if (!expected_only)
    {
      JsonObject *patterns = json_object_new ();
      JsonArray *rules = json_array_new ();
      JsonObject *rule = json_object_new ();

      json_object_set_int_member (rule, "order", 1);
      json_object_set_string_member (rule, "customConnectorRuleClassification", "Blocked");
      json_object_set_string_member (rule, "pattern", "*");
      json_array_add_object_element (rules, rule);
      json_object_set_array_member (patterns, "rules", rules);
      json_object_set_object_member (root, "customConnectorUrlPatternsDefinition", patterns);
    }

  return root;
}

/* The policy Posture made before, found by its display name (someone may have changed
 * it since), or NULL. */
static const PostureDlpPolicy *
find_baseline (PostureSnapshot *snapshot)
{
  guint n = posture_snapshot_get_n_dlp_policies (snapshot);

  for (guint i = 0; i < n; i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (snapshot, i);

      if (policy->display_name != NULL && policy->name != NULL && policy->name[0] != '\0' &&
          g_ascii_strcasecmp (policy->display_name, POSTURE_FIX_DLP_BASELINE_NAME) == 0)
        return policy;
    }

  return NULL;
}

void
_posture_remediation_plan_dlp_baseline (PostureRemedyContext *ctx)
{
  const PostureDlpPolicy *existing = find_baseline (ctx->snapshot);
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autofree char *names = NULL;
  g_autofree char *after = NULL;

  names = g_strjoinv (", ", (char **) posture_dlp_allow_list_get_names ());
  /* TRANSLATORS: %s is a list of connector names */
  after = g_strdup_printf (_("Business: %s. Every other connector: Blocked. Custom connectors: "
                             "Blocked."), names);
  expected = _posture_remediation_object_node (baseline_policy (NULL, TRUE));

  if (existing != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (existing->name, NULL, FALSE);
      g_autofree char *path = g_strconcat (POSTURE_API_DLP_POLICIES "/", escaped, NULL);

      body = _posture_remediation_object_node (baseline_policy (existing->name, FALSE));
      step = _posture_remediation_tenant_step (ctx, _("Restores the data policy \"Posture "
                                                      "baseline\" for all environments"));
      _posture_fix_step_add_precondition (step, _("The data policy \"Posture baseline\" exists "
                                                  "and was changed since Posture made it"));
      request = posture_fix_request_new (POSTURE_FIX_KIND_DLP_UPDATE, "PATCH",
                                         POSTURE_FIX_SERVICE_BAP, NULL, path, body, expected);
      ctx->action = g_strdup (_("Restore the data policy \"Posture baseline\" for all "
                                "environments"));
    }
  else
    {
      body = _posture_remediation_object_node (baseline_policy (NULL, FALSE));
      step = _posture_remediation_tenant_step (ctx, _("Creates the data policy \"Posture "
                                                      "baseline\" for all environments"));
      _posture_fix_step_add_precondition (step, _("No data policy named \"Posture baseline\" "
                                                  "exists yet"));
      request = posture_fix_request_new (POSTURE_FIX_KIND_DLP_CREATE, "POST",
                                         POSTURE_FIX_SERVICE_BAP, NULL, POSTURE_API_DLP_POLICIES,
                                         body, expected);
      ctx->action = g_strdup (_("Create the data policy \"Posture baseline\" for all "
                                "environments"));
    }

  _posture_remediation_add_change (ctx, step, NULL, after, request);
}
