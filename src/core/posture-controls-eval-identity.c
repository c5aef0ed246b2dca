/* posture-controls-eval-identity.c: the controls that read Microsoft Graph
 *
 * conditional-access-mfa: MFA required for Power Platform, by security defaults or by a
 * Conditional Access policy that really covers it (DESIGN.md spells out the traps: the
 * Office 365 app group, OR with another control, legacy clients only).
 * global-admin-count: 2 to 4 people hold Global Administrator, counting the members of
 * groups that hold the role.
 *
 * A 403 from Graph is a permission the app was not granted: the control is unknown, and
 * the reason names the permission.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-controls-eval"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-controls-eval-private.h"
#include "posture-text.h"

#define SECURITY_DEFAULTS_KEY "security_defaults.isEnabled"
#define CA_KEY                "conditional_access"
#define GLOBAL_ADMINS_KEY     "global_admins"

#define POLICY_PERMISSION     "Policy.Read.All"
#define ROLES_PERMISSION      "RoleManagement.Read.Directory"
#define MEMBERS_PERMISSION    "GroupMember.Read.All"

#define USER_TYPE             "#microsoft.graph.user"
#define GROUP_TYPE            "#microsoft.graph.group"

/* Global Administrator: at least a break-glass second, fewer than 5 (Microsoft). */
#define MIN_GLOBAL_ADMINS 2
#define MAX_GLOBAL_ADMINS 4

/* The three first-party apps of Power Platform a policy must cover. */
static const struct
{
  const char *id;
  const char *name;
} power_platform_apps[] = {
  { "00000007-0000-0000-c000-000000000000", "Dataverse" },
  { "475226c6-020e-4fb2-8a90-7a972cbfc1d4", "PowerApps Service" },
  { "7df0a125-d3be-4c96-aa54-591f83ff541c", "Microsoft Flow Service" },
};

static gboolean
strv_has (const char * const *strv,
          const char         *text)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_ascii_strcasecmp (strv[i], text) == 0)
      return TRUE;

  return FALSE;
}

/* A Graph source that must be readable; else the reason says why. */
static gboolean
graph_readable (PostureEval   *ev,
                PostureSource  source,
                const char    *what,
                const char    *permission)
{
  const PostureSourceError *error;
  PostureResult result G_GNUC_UNUSED;

  switch (posture_snapshot_get_source_state (ev->snapshot, source))
    {
    case POSTURE_SOURCE_READ:
      return TRUE;

    case POSTURE_SOURCE_ERROR:
      error = posture_snapshot_get_source_error (ev->snapshot, source);
      result = _posture_eval_source_error (ev, what, error->status,
                                           error->message ? error->message : error->code,
                                           permission);
      return FALSE;

    case POSTURE_SOURCE_ABSENT:
    default:
      if (posture_snapshot_get_format_version (ev->snapshot) < 2)
        result = _posture_eval_predates (ev);
      else
        /* TRANSLATORS: %s is what was not read ("the Conditional Access policies") */
        _posture_eval_reason (ev, _("The snapshot holds no record of %s"), what);
      return FALSE;
    }
}

/* ------------------------------------------------------------------------- */
/* conditional-access-mfa                                                    */
/* ------------------------------------------------------------------------- */

typedef enum
{
  GAP_NONE,
  GAP_STATE,          /* not enabled */
  GAP_REPORT_ONLY,    /* enabledForReportingButNotEnforced */
  GAP_OFFICE_365,     /* the Office 365 app group instead of the three apps */
  GAP_APPLICATIONS,
  GAP_EXCLUDED,
  GAP_USERS,
  GAP_CLIENTS,
  GAP_NO_MFA,
  GAP_OR,
  N_GAPS,
} Gap;

/* What keeps @policy from requiring MFA for Power Platform: the first gap, and how many
 * of the six conditions it meets. */
static Gap
policy_gap (const PostureCaPolicy *policy,
            guint                 *n_met,
            const char           **excluded)
{
  const char * const *clients = (const char * const *) policy->client_app_types;
  const char * const *controls = (const char * const *) policy->built_in_controls;
  gboolean all_apps = strv_has ((const char * const *) policy->include_applications, "All");
  gboolean three_apps = TRUE;
  gboolean requires_mfa;
  Gap gaps[6] = { GAP_NONE, };

  *excluded = NULL;

  if (policy->state == NULL || g_ascii_strcasecmp (policy->state, "enabled") != 0)
    gaps[0] = policy->state != NULL &&
              g_ascii_strcasecmp (policy->state, "enabledForReportingButNotEnforced") == 0
              ? GAP_REPORT_ONLY : GAP_STATE;

  for (guint i = 0; i < G_N_ELEMENTS (power_platform_apps); i++)
    {
      if (!strv_has ((const char * const *) policy->include_applications,
                     power_platform_apps[i].id))
        three_apps = FALSE;
      if (*excluded == NULL &&
          strv_has ((const char * const *) policy->exclude_applications,
                    power_platform_apps[i].id))
        *excluded = power_platform_apps[i].name;
    }
  if (!all_apps && !three_apps)
    gaps[1] = strv_has ((const char * const *) policy->include_applications, "Office365")
              ? GAP_OFFICE_365 : GAP_APPLICATIONS;

  if (*excluded != NULL)
    gaps[2] = GAP_EXCLUDED;

  if (!strv_has ((const char * const *) policy->include_users, "All"))
    gaps[3] = GAP_USERS;

  if (clients != NULL && clients[0] != NULL && !strv_has (clients, "all") &&
      !(strv_has (clients, "browser") && strv_has (clients, "mobileAppsAndDesktopClients")))
    gaps[4] = GAP_CLIENTS;

  /* block always stops a user; mfa or an authentication strength requires MFA, unless
   * the controls are joined by OR with another control that a user can pick instead. */
  requires_mfa = strv_has (controls, "mfa") || policy->has_authentication_strength;
  if (!strv_has (controls, "block"))
    {
      if (!requires_mfa)
        gaps[5] = GAP_NO_MFA;
      else if (policy->grant_operator != NULL &&
               g_ascii_strcasecmp (policy->grant_operator, "OR") == 0)
        for (guint i = 0; controls != NULL && controls[i] != NULL; i++)
          if (g_ascii_strcasecmp (controls[i], "mfa") != 0)
            gaps[5] = GAP_OR;
    }

  *n_met = 0;
  for (guint i = 0; i < G_N_ELEMENTS (gaps); i++)
    if (gaps[i] == GAP_NONE)
      (*n_met)++;

  for (guint i = 0; i < G_N_ELEMENTS (gaps); i++)
    if (gaps[i] != GAP_NONE)
      return gaps[i];

  return GAP_NONE;
}

/* Whether @policy would count but for its state. */
static gboolean
only_report_only (const PostureCaPolicy *policy)
{
  guint n_met = 0;
  const char *excluded = NULL;

  return policy_gap (policy, &n_met, &excluded) == GAP_REPORT_ONLY && n_met == 5;
}

static char *
explain_gap (const PostureCaPolicy *policy,
             Gap                    gap,
             const char            *excluded)
{
  g_autofree char *name = posture_text_printable (policy->display_name ? policy->display_name
                                                  : policy->id, 80);

  switch (gap)
    {
    case GAP_STATE:
      return g_strdup_printf (_("policy \"%s\" is turned off"), name);
    case GAP_REPORT_ONLY:
      return g_strdup_printf (_("policy \"%s\" is in report-only mode"), name);
    case GAP_OFFICE_365:
      return g_strdup_printf (_("policy \"%s\" targets the Office 365 app group, which does not "
                                "cover Dataverse or the Microsoft Flow service"), name);
    case GAP_APPLICATIONS:
      return g_strdup_printf (_("policy \"%s\" targets neither all cloud apps nor Dataverse, "
                                "PowerApps Service and Microsoft Flow Service together"), name);
    case GAP_EXCLUDED:
      /* TRANSLATORS: first %s is a policy name, second an app such as Dataverse */
      return g_strdup_printf (_("policy \"%s\" excludes %s"), name, excluded);
    case GAP_USERS:
      return g_strdup_printf (_("policy \"%s\" does not apply to all users"), name);
    case GAP_CLIENTS:
      {
        g_autofree char *clients = _posture_eval_join_names (
          (const char * const *) policy->client_app_types,
          g_strv_length (policy->client_app_types), 4);

        /* TRANSLATORS: first %s is a policy name, second client app types such as
         * exchangeActiveSync, other */
        return g_strdup_printf (_("policy \"%s\" applies only to some client apps (%s)"),
                                name, clients);
      }
    case GAP_NO_MFA:
      return g_strdup_printf (_("policy \"%s\" does not require MFA"), name);
    case GAP_OR:
      return g_strdup_printf (_("policy \"%s\" can be satisfied without MFA: it requires MFA "
                                "OR another control"), name);
    case GAP_NONE:
    case N_GAPS:
    default:
      return g_strdup (name);
    }
}

PostureResult
_posture_eval_conditional_access_mfa (PostureEval *ev)
{
  const PostureCaPolicy *nearest = NULL;
  const PostureCaPolicy *passing = NULL;
  const PostureValue *defaults;
  g_autofree char *why = NULL;
  Gap nearest_gap = GAP_NONE;
  const char *nearest_excluded = NULL;
  guint nearest_met = 0;
  guint n;

  /* Unknown when either source holds an error (DESIGN.md). */
  if (!graph_readable (ev, POSTURE_SOURCE_SECURITY_DEFAULTS, _("the security defaults"),
                       POLICY_PERMISSION) ||
      !graph_readable (ev, POSTURE_SOURCE_CONDITIONAL_ACCESS,
                       _("the Conditional Access policies"), POLICY_PERMISSION))
    return POSTURE_RESULT_UNKNOWN;

  defaults = posture_snapshot_get_security_defaults (ev->snapshot);
  if (posture_value_get_flag (defaults) == POSTURE_FLAG_INVALID)
    return _posture_eval_unexpected (ev, SECURITY_DEFAULTS_KEY, defaults);

  n = posture_snapshot_get_n_ca_policies (ev->snapshot);
  for (guint i = 0; i < n; i++)
    {
      const PostureCaPolicy *policy = posture_snapshot_get_ca_policy (ev->snapshot, i);
      const char *excluded = NULL;
      guint n_met = 0;
      Gap gap = policy_gap (policy, &n_met, &excluded);

      if (gap == GAP_NONE && passing == NULL)
        passing = policy;
      else if (gap != GAP_NONE && (nearest == NULL || n_met > nearest_met))
        {
          nearest = policy;
          nearest_gap = gap;
          nearest_met = n_met;
          nearest_excluded = excluded;
        }

      if (only_report_only (policy))
        {
          g_autofree char *name = posture_text_printable (policy->display_name, 80);

          _posture_eval_warn (ev, _("Conditional Access policy \"%s\" would require MFA for Power "
                                    "Platform but is in report-only mode: it enforces nothing"),
                              name);
        }
    }

  if (posture_value_get_flag (defaults) == POSTURE_FLAG_TRUE)
    {
      _posture_eval_evidence_static (ev, SECURITY_DEFAULTS_KEY, _posture_eval_on_off (TRUE, FALSE));
      _posture_eval_reason (ev, _("Security defaults are on: every user must use MFA "
                                  "(isEnabled is true)"));
      return POSTURE_RESULT_PASS;
    }

  _posture_eval_evidence_static (ev, SECURITY_DEFAULTS_KEY,
                                 _posture_eval_on_off (FALSE,
                                                       defaults->kind == POSTURE_VALUE_ABSENT));

  if (passing != NULL)
    {
      g_autofree char *name = posture_text_printable (passing->display_name, 80);

      _posture_eval_evidence (ev, CA_KEY, name);
      /* TRANSLATORS: %s is a Conditional Access policy's name */
      _posture_eval_reason (ev, _("Conditional Access policy \"%s\" requires MFA for Power "
                                  "Platform"), name);
      return POSTURE_RESULT_PASS;
    }

  _posture_eval_evidence_static (ev, CA_KEY, C_("conditional access", "None"));
  if (nearest == NULL)
    why = g_strdup (_("there is no Conditional Access policy"));
  else
    why = explain_gap (nearest, nearest_gap, nearest_excluded);

  /* TRANSLATORS: %s says why the nearest policy does not count ("policy "X" is turned
   * off") */
  _posture_eval_reason (ev, _("Security defaults are off and no Conditional Access policy "
                              "requires MFA for Power Platform: %s"), why);
  return POSTURE_RESULT_FAIL;
}

/* ------------------------------------------------------------------------- */
/* global-admin-count                                                        */
/* ------------------------------------------------------------------------- */

static gboolean
is_type (const PosturePrincipal *principal,
         const char             *type)
{
  return principal->type != NULL && g_ascii_strcasecmp (principal->type, type) == 0;
}

static void
add_person (GHashTable             *people,
            GPtrArray              *names,
            const PosturePrincipal *principal)
{
  const char *name;

  if (principal->id == NULL || !g_hash_table_add (people, g_ascii_strdown (principal->id, -1)))
    return;

  name = principal->display_name ? principal->display_name
         : principal->user_principal_name ? principal->user_principal_name : principal->id;
  g_ptr_array_add (names, (gpointer) name);
}

PostureResult
_posture_eval_global_admin_count (PostureEval *ev)
{
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *shown = NULL;
  guint n_assignments;
  guint n;

  if (!graph_readable (ev, POSTURE_SOURCE_GLOBAL_ADMINS,
                       _("the Global Administrator role assignments"), ROLES_PERMISSION))
    return POSTURE_RESULT_UNKNOWN;

  people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  names = g_ptr_array_new ();
  n_assignments = posture_snapshot_get_n_role_assignments (ev->snapshot);

  for (guint i = 0; i < n_assignments; i++)
    {
      const PosturePrincipal *principal = posture_snapshot_get_role_assignment (ev->snapshot, i);
      const PostureGroupMembers *group;

      if (!principal->expanded)
        {
          _posture_eval_reason (ev, _("A Global Administrator role assignment was read without "
                                      "its principal ($expand=principal)"));
          return POSTURE_RESULT_UNKNOWN;
        }

      if (is_type (principal, USER_TYPE))
        {
          add_person (people, names, principal);
          continue;
        }

      if (!is_type (principal, GROUP_TYPE))
        continue;   /* a service principal is no person */

      group = posture_snapshot_lookup_group_members (ev->snapshot, principal->id);
      g_free (shown);
      shown = posture_text_printable (principal->display_name ? principal->display_name
                                      : principal->id, 80);

      if (group == NULL || group->state == POSTURE_SOURCE_ABSENT)
        {
          /* TRANSLATORS: %s is the name of a group that holds Global Administrator */
          _posture_eval_reason (ev, _("The members of group \"%s\", which holds Global "
                                      "Administrator, were not read"), shown);
          return POSTURE_RESULT_UNKNOWN;
        }

      if (group->state == POSTURE_SOURCE_ERROR)
        {
          g_autofree char *what = g_strdup_printf (_("the members of group \"%s\""), shown);

          return _posture_eval_source_error (ev, what, group->error.status,
                                             group->error.message ? group->error.message
                                                                  : group->error.code,
                                             MEMBERS_PERMISSION);
        }

      for (guint m = 0; m < group->members->len; m++)
        {
          const PosturePrincipal *member = g_ptr_array_index (group->members, m);

          if (is_type (member, USER_TYPE))
            add_person (people, names, member);
        }
    }

  n = g_hash_table_size (people);
  g_free (shown);
  shown = n > 0 ? _posture_eval_join_names ((const char * const *) names->pdata, names->len, 10)
                : g_strdup (C_("global administrators", "Nobody"));
  _posture_eval_evidence_take (ev, GLOBAL_ADMINS_KEY,
                               g_strdup_printf ("%u (%s)", n, shown));

  if (n < MIN_GLOBAL_ADMINS)
    {
      _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u person holds Global "
                                                                   "Administrator; keep at least "
                                                                   "2, so that a second "
                                                                   "(break-glass) account can "
                                                                   "sign in when the first cannot",
                                                                   "%u people hold Global "
                                                                   "Administrator; keep at least "
                                                                   "2, so that a second "
                                                                   "(break-glass) account can "
                                                                   "sign in when the first cannot",
                                                                   n), n));
      return POSTURE_RESULT_FAIL;
    }

  if (n > MAX_GLOBAL_ADMINS)
    {
      _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u person holds Global "
                                                                   "Administrator; Microsoft "
                                                                   "recommends fewer than 5",
                                                                   "%u people hold Global "
                                                                   "Administrator; Microsoft "
                                                                   "recommends fewer than 5",
                                                                   n), n));
      return POSTURE_RESULT_FAIL;
    }

  _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u person holds Global "
                                                               "Administrator (Microsoft: at "
                                                               "least 2, fewer than 5)",
                                                               "%u people hold Global "
                                                               "Administrator (Microsoft: at "
                                                               "least 2, fewer than 5)", n), n));
  return POSTURE_RESULT_PASS;
}
