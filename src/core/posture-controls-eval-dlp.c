/* posture-controls-eval-dlp.c: the data policy (DLP) controls
 *
 * A policy covers an environment when its environmentType is AllEnvironments, or
 * OnlyEnvironments or SingleEnvironment and the environment is listed, or
 * ExceptEnvironments and it is not listed (posture_dlp_policy_covers()). Environment-
 * level (SingleEnvironment) policies count for coverage, never as tenant-wide policies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-controls-eval"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-controls-eval-private.h"
#include "posture-dlp-allow-list.h"
#include "posture-snapshot-private.h"
#include "posture-text.h"

#define POLICIES_KEY      "dlp_policies"
#define CONNECTORS_KEY    "dlp_policies.connectorGroups"

static gboolean
has_policies (PostureEval *ev)
{
  if (posture_snapshot_get_source_state (ev->snapshot, POSTURE_SOURCE_DLP_POLICIES) ==
      POSTURE_SOURCE_READ)
    return TRUE;

  _posture_eval_reason (ev, _("The snapshot holds no data policies"));
  return FALSE;
}

/* The policies that cover @name, as a list of display names for the evidence. */
static GPtrArray *
covering_policies (PostureSnapshot *snapshot,
                   const char      *name)
{
  GPtrArray *covering = g_ptr_array_new ();
  guint n = posture_snapshot_get_n_dlp_policies (snapshot);
  g_autofree char *key = g_utf8_strdown (name, -1);

  for (guint i = 0; i < n; i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (snapshot, i);

      if (_posture_dlp_policy_covers_key (policy, key))
        g_ptr_array_add (covering, (gpointer) policy);
    }

  return covering;
}

static void
evidence_policy_names (PostureEval *ev,
                       GPtrArray   *policies)
{
  g_autoptr(GPtrArray) names = NULL;

  if (policies->len == 0)
    {
      _posture_eval_evidence_static (ev, POLICIES_KEY, C_("data policies", "None"));
      return;
    }

  names = g_ptr_array_new ();
  for (guint i = 0; i < policies->len; i++)
    g_ptr_array_add (names, ((PostureDlpPolicy *) g_ptr_array_index (policies, i))->display_name);

  _posture_eval_evidence_take (ev, POLICIES_KEY,
                               _posture_eval_join_names ((const char * const *) names->pdata,
                                                         names->len, 5));
}

static const PostureEnvironment *
default_environment (PostureEval *ev)
{
  const PostureEnvironment *env = posture_snapshot_get_default_environment (ev->snapshot);

  if (env == NULL)
    _posture_eval_reason (ev, _("The snapshot holds no default environment (none has isDefault "
                                "true, none is named Default-{tenant id})"));
  return env;
}

PostureResult
_posture_eval_dlp_tenant_policy (PostureEval *ev)
{
  g_autoptr(GPtrArray) tenant_wide = g_ptr_array_new ();
  guint n;

  if (!has_policies (ev))
    return POSTURE_RESULT_UNKNOWN;

  n = posture_snapshot_get_n_dlp_policies (ev->snapshot);
  for (guint i = 0; i < n; i++)
    {
      const PostureDlpPolicy *policy = posture_snapshot_get_dlp_policy (ev->snapshot, i);

      if (policy->environment_type != NULL &&
          (g_ascii_strcasecmp (policy->environment_type, "AllEnvironments") == 0 ||
           g_ascii_strcasecmp (policy->environment_type, "ExceptEnvironments") == 0))
        g_ptr_array_add (tenant_wide, (gpointer) policy);
    }

  evidence_policy_names (ev, tenant_wide);

  if (tenant_wide->len > 0)
    {
      const PostureDlpPolicy *policy = g_ptr_array_index (tenant_wide, 0);
      g_autofree char *shown = posture_text_printable (policy->display_name, 80);

      /* TRANSLATORS: first %s is a policy name, second its scope (AllEnvironments, …) */
      _posture_eval_reason (ev, _("Data policy \"%s\" applies tenant-wide (%s)"),
                            shown, policy->environment_type);
      return POSTURE_RESULT_PASS;
    }

  if (n == 0)
    _posture_eval_reason (ev, _("The tenant has no data policy"));
  else
    _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "The only data policy applies "
                                                                 "to listed environments only",
                                                                 "All %u data policies apply to "
                                                                 "listed environments only", n),
                                                    n));
  return POSTURE_RESULT_FAIL;
}

/* Whether some policy covers the environment @name: the evidence names the covering
 * policies, the reason the first of them. */
static PostureResult
eval_covered (PostureEval *ev,
              const char  *name,
              gboolean     is_default)
{
  g_autoptr(GPtrArray) covering = covering_policies (ev->snapshot, name);

  evidence_policy_names (ev, covering);

  if (covering->len > 0)
    {
      const PostureDlpPolicy *policy = g_ptr_array_index (covering, 0);
      g_autofree char *shown = posture_text_printable (policy->display_name, 80);

      /* TRANSLATORS: first %s is a policy name, second its scope (AllEnvironments, …) */
      _posture_eval_reason (ev, is_default ? _("Data policy \"%s\" covers the default environment "
                                               "(%s)")
                                           : _("Covered by data policy \"%s\" (%s)"),
                            shown, policy->environment_type);
      return POSTURE_RESULT_PASS;
    }

  _posture_eval_reason (ev, is_default ? _("No data policy covers the default environment")
                                       : _("No data policy covers this environment"));
  return POSTURE_RESULT_FAIL;
}

PostureResult
_posture_eval_dlp_default_environment (PostureEval *ev)
{
  const PostureEnvironment *env;

  if (!has_policies (ev) || (env = default_environment (ev)) == NULL)
    return POSTURE_RESULT_UNKNOWN;

  return eval_covered (ev, env->name, TRUE);
}

static gboolean
is_blocked_classification (const char *classification)
{
  return classification != NULL && g_ascii_strcasecmp (classification, "Blocked") == 0;
}

/* Whether @policy blocks the connector @id (lower case): it is in the Blocked group, or
 * the default classification is Blocked and the connector is in none of its groups. */
static gboolean
policy_blocks (const PostureDlpPolicy *policy,
               const char             *id)
{
  gboolean listed = FALSE;

  for (guint g = 0; g < policy->connector_groups->len; g++)
    {
      const PostureConnectorGroup *group = g_ptr_array_index (policy->connector_groups, g);

      for (guint c = 0; group->connector_ids[c] != NULL; c++)
        {
          if (g_ascii_strcasecmp (group->connector_ids[c], id) != 0)
            continue;
          if (is_blocked_classification (group->classification))
            return TRUE;
          listed = TRUE;
        }
    }

  return !listed && is_blocked_classification (policy->default_classification);
}

/* DESIGN.md: a connector is usable in the default environment unless some covering
 * policy blocks it. When no covering policy blocks by default, every connector nobody
 * listed is usable, and the control fails; otherwise the usable ones are among the
 * connectors the policies list outside their Blocked groups. */
PostureResult
_posture_eval_dlp_default_connectors (PostureEval *ev)
{
  g_autoptr(GPtrArray) covering = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) outside = NULL;
  const PostureEnvironment *env;
  gboolean blocks_by_default = FALSE;
  guint n_usable = 0;

  if (!has_policies (ev) || (env = default_environment (ev)) == NULL)
    return POSTURE_RESULT_UNKNOWN;

  covering = covering_policies (ev->snapshot, env->name);
  if (covering->len == 0)
    {
      _posture_eval_reason (ev, _("No data policy covers the default environment, so every "
                                  "connector can be used there"));
      _posture_eval_evidence_static (ev, CONNECTORS_KEY, _("Every connector"));
      return POSTURE_RESULT_FAIL;
    }

  for (guint i = 0; i < covering->len; i++)
    if (is_blocked_classification (((PostureDlpPolicy *) g_ptr_array_index (covering, i))
                                   ->default_classification))
      blocks_by_default = TRUE;

  if (!blocks_by_default)
    {
      _posture_eval_reason (ev, _("No data policy covering the default environment blocks the "
                                  "connectors it does not list (defaultConnectorsClassification "
                                  "is not Blocked), so any connector can be used there"));
      _posture_eval_evidence_static (ev, CONNECTORS_KEY, _("Every connector nobody listed"));
      return POSTURE_RESULT_FAIL;
    }

  /* The candidates: every connector a covering policy lists outside its Blocked group. */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  outside = g_ptr_array_new ();
  for (guint i = 0; i < covering->len; i++)
    {
      const PostureDlpPolicy *policy = g_ptr_array_index (covering, i);

      for (guint g = 0; g < policy->connector_groups->len; g++)
        {
          const PostureConnectorGroup *group = g_ptr_array_index (policy->connector_groups, g);

          if (is_blocked_classification (group->classification))
            continue;

          for (guint c = 0; group->connector_ids[c] != NULL; c++)
            {
              const char *id = group->connector_ids[c];
              char *key;
              gboolean usable = TRUE;

              if (id[0] == '\0')
                continue;
              key = g_ascii_strdown (id, -1);
              if (!g_hash_table_add (seen, key))
                continue;

              for (guint p = 0; p < covering->len && usable; p++)
                usable = !policy_blocks (g_ptr_array_index (covering, p), id);
              if (!usable)
                continue;

              n_usable++;
              if (!posture_dlp_allow_list_contains (id))
                g_ptr_array_add (outside, group->connector_names[c]);
            }
        }
    }

  if (outside->len == 0)
    {
      _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "Only allow-listed connectors "
                                                                   "can be used in the default "
                                                                   "environment (%u usable)",
                                                                   "Only allow-listed connectors "
                                                                   "can be used in the default "
                                                                   "environment (%u usable)",
                                                                   n_usable), n_usable));
      _posture_eval_evidence_static (ev, CONNECTORS_KEY, _("Only allow-listed connectors"));
      return POSTURE_RESULT_PASS;
    }

  {
    g_autofree char *names = _posture_eval_join_names ((const char * const *) outside->pdata,
                                                       outside->len, 5);

    /* TRANSLATORS: %u is a number of connectors, %s their names */
    _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u connector outside the "
                                                                 "allow-list can be used in the "
                                                                 "default environment: %s",
                                                                 "%u connectors outside the "
                                                                 "allow-list can be used in the "
                                                                 "default environment: %s",
                                                                 outside->len),
                                                    outside->len, names));
    _posture_eval_evidence (ev, CONNECTORS_KEY, names);
  }

  return POSTURE_RESULT_FAIL;
}

PostureResult
_posture_eval_dlp_environment_coverage (PostureEval              *ev,
                                        const PostureEnvironment *env)
{
  if (!has_policies (ev))
    return POSTURE_RESULT_UNKNOWN;

  return eval_covered (ev, env->name, FALSE);
}
