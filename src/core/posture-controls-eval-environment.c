/* posture-controls-eval-environment.c: the environment controls
 *
 * The BAP environment object (always read with the environment) gives Managed
 * Environments, security groups, sharing limits and enterprise policies; the Dataverse
 * organizations row gives the firewall, cookie binding, auditing, content security
 * policy, guest access and app access control; the System Administrator role's users
 * give the admin count. The Dataverse controls are unknown where the entry holds an
 * error, is missing, or lacks (as a key; null is a value, false) a column they need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-controls-eval"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-controls-eval-private.h"
#include "posture-ip-range.h"
#include "posture-snapshot-private.h"
#include "posture-text.h"

#define ZERO_GUID "00000000-0000-0000-0000-000000000000"

#define MANAGED_KEY        "governanceConfiguration.protectionLevel"
#define GROUP_KEY          "linkedEnvironmentMetadata.securityGroupId"
#define SHARING_KEY        "governanceConfiguration.settings.extendedSettings.limitSharingMode"
#define CMK_KEY            "enterprisePolicies.customerManagedKeys"
#define VNET_KEY           "enterprisePolicies.vNets"
#define FIREWALL_KEY       "enableipbasedfirewallrule"
#define AUDIT_MODE_KEY     "enableipbasedfirewallruleinauditmode"
#define RANGES_KEY         "allowediprangeforfirewall"
#define RANGES_LIST_KEY    "allowedlistofiprangesforfirewall"
#define CSP_KEY            "iscontentsecuritypolicyenabled"
#define CSP_CANVAS_KEY     "iscontentsecuritypolicyenabledforcanvas"
#define APP_MODE_KEY       "applicationbasedaccesscontrolmode"
#define APP_ALLOWED_KEY    "allowedapplicationsfordvaccess"
#define APP_BLOCKED_KEY    "blockedapplicationsfordvaccess"
#define ADMINS_KEY         "systemuserroles_association"

/* The admin center recommends at most this many System Administrators (its list page
 * uses 20; the recommendation triggers above 10). */
#define MAX_SYSTEM_ADMINISTRATORS 10

/* ------------------------------------------------------------------------- */
/* BAP properties                                                            */
/* ------------------------------------------------------------------------- */

PostureResult
_posture_eval_managed_environment (PostureEval              *ev,
                                   const PostureEnvironment *env)
{
  const char *title = _posture_eval_title (ev, MANAGED_KEY);

  _posture_eval_evidence_static (ev, MANAGED_KEY, _posture_eval_on_off (env->managed, FALSE));

  if (env->managed)
    {
      /* TRANSLATORS: %s is "Managed Environment" */
      _posture_eval_reason (ev, _("%s is on (protectionLevel is Standard)"), title);
      return POSTURE_RESULT_PASS;
    }

  if (env->protection_level != NULL)
    /* TRANSLATORS: first %s is "Managed Environment", second the protection level the API
     * sent, such as Basic */
    _posture_eval_reason (ev, _("%s is off (protectionLevel is %s)"), title,
                          env->protection_level);
  else
    _posture_eval_reason (ev, _("%s is off (protectionLevel is not set)"), title);
  return POSTURE_RESULT_FAIL;
}

PostureResult
_posture_eval_environment_security_group (PostureEval              *ev,
                                          const PostureEnvironment *env)
{
  if (env->security_group_id != NULL)
    {
      g_autofree char *shown = posture_text_printable (env->security_group_id, 80);

      _posture_eval_evidence (ev, GROUP_KEY, shown);
      /* TRANSLATORS: %s is a security group id */
      _posture_eval_reason (ev, _("Only members of security group %s can use the environment"),
                            shown);
      return POSTURE_RESULT_PASS;
    }

  _posture_eval_evidence_static (ev, GROUP_KEY, C_("security group", "None"));
  _posture_eval_reason (ev, _("Every user of the tenant can use the environment: it has no "
                              "security group (securityGroupId is empty)"));
  return POSTURE_RESULT_FAIL;
}

/* DESIGN.md: managed, and limitSharingMode ≠ noLimit or maxLimitUserSharing ≠ -1 (absent
 * counts as noLimit / -1). */
PostureResult
_posture_eval_sharing_limits (PostureEval              *ev,
                              const PostureEnvironment *env)
{
  gboolean mode_limited = env->limit_sharing_mode != NULL &&
                          g_ascii_strcasecmp (env->limit_sharing_mode, "noLimit") != 0;

  _posture_eval_evidence_static (ev, MANAGED_KEY, _posture_eval_on_off (env->managed, FALSE));

  if (mode_limited)
    _posture_eval_evidence_static (ev, SHARING_KEY, _("Security groups only"));
  else if (env->max_limit_user_sharing != -1)
    {
      gulong n = (gulong) MAX (env->max_limit_user_sharing, 0);

      _posture_eval_evidence_take (ev, SHARING_KEY,
                                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "At most %" G_GINT64_FORMAT
                                                                 " person",
                                                                 "At most %" G_GINT64_FORMAT
                                                                 " people", n),
                                                    env->max_limit_user_sharing));
    }
  else
    _posture_eval_evidence_static (ev, SHARING_KEY, _("No limit"));

  if (!env->managed)
    {
      _posture_eval_reason (ev, _("Sharing cannot be limited: the environment is not a Managed "
                                  "Environment"));
      return POSTURE_RESULT_FAIL;
    }

  if (mode_limited)
    {
      g_autofree char *shown = posture_text_printable (env->limit_sharing_mode, 80);

      /* TRANSLATORS: %s is a sharing mode such as excludeSharingToSecurityGroups */
      _posture_eval_reason (ev, _("Sharing is limited (limitSharingMode is %s)"), shown);
      return POSTURE_RESULT_PASS;
    }

  if (env->max_limit_user_sharing != -1)
    {
      _posture_eval_reason (ev, _("Sharing is limited (maxLimitUserSharing is %" G_GINT64_FORMAT
                                  ")"), env->max_limit_user_sharing);
      return POSTURE_RESULT_PASS;
    }

  _posture_eval_reason (ev, _("Apps can be shared with anyone (limitSharingMode is noLimit, "
                              "maxLimitUserSharing is -1)"));
  return POSTURE_RESULT_FAIL;
}

static PostureResult
linked_policy (PostureEval *ev,
               const char  *key,
               gboolean     is_linked)
{
  const char *title = _posture_eval_title (ev, key);

  if (is_linked)
    {
      _posture_eval_evidence_static (ev, key, C_("enterprise policy", "Linked"));
      /* TRANSLATORS: %s is "Customer-managed key" or "Azure Virtual Network" */
      _posture_eval_reason (ev, _("%s: an enterprise policy is linked"), title);
      return POSTURE_RESULT_PASS;
    }

  _posture_eval_evidence_static (ev, key, C_("enterprise policy", "Not linked"));
  /* TRANSLATORS: first %s is "Customer-managed key" or "Azure Virtual Network", second the
   * API field */
  _posture_eval_reason (ev, _("%s: no enterprise policy is linked (%s)"), title, key);
  return POSTURE_RESULT_FAIL;
}

PostureResult
_posture_eval_customer_managed_key (PostureEval              *ev,
                                    const PostureEnvironment *env)
{
  return linked_policy (ev, CMK_KEY, env->cmk_linked);
}

PostureResult
_posture_eval_virtual_network (PostureEval              *ev,
                               const PostureEnvironment *env)
{
  return linked_policy (ev, VNET_KEY, env->vnet_linked);
}

/* ------------------------------------------------------------------------- */
/* Dataverse settings                                                        */
/* ------------------------------------------------------------------------- */

static gboolean
needs_v2 (PostureEval *ev)
{
  return posture_snapshot_get_format_version (ev->snapshot) < 2;
}

/* Whether the environment's organizations row was read; else the reason says why not. */
static gboolean
row_readable (PostureEval              *ev,
              const PostureEnvironment *env)
{
  g_autofree char *message = NULL;

  switch (env->dataverse_state)
    {
    case POSTURE_DATAVERSE_READ:
      return TRUE;

    case POSTURE_DATAVERSE_ERROR:
      message = posture_text_printable (env->dataverse_error_message, 300);
      _posture_eval_source_error (ev, _("the Dataverse settings"), env->dataverse_error_status,
                                  message, NULL);
      return FALSE;

    case POSTURE_DATAVERSE_MISSING:
      _posture_eval_reason (ev, _("The snapshot holds no Dataverse settings for this "
                                  "environment"));
      return FALSE;

    case POSTURE_DATAVERSE_NONE:
    default:
      _posture_eval_reason (ev, _("The environment has no Dataverse database"));
      return FALSE;
    }
}

/* A column the control needs; NULL with the reason set when the row lacks it. */
static const PostureValue *
need_column (PostureEval              *ev,
             const PostureEnvironment *env,
             const char               *column)
{
  const PostureValue *value = posture_environment_get_column (env, column);

  if (value != NULL && value->kind != POSTURE_VALUE_ABSENT)
    return value;

  /* TRANSLATORS: first %s is a setting's title, second its Dataverse column */
  _posture_eval_reason (ev, _("The Dataverse settings lack %s (%s): the service did not "
                              "return that column"), _posture_eval_title (ev, column), column);
  return NULL;
}

/* Two list columns of which a control needs at least one (an absent one is empty). */
static gboolean
need_one_list (PostureEval               *ev,
               const PostureEnvironment  *env,
               const char                *first,
               const char                *second,
               const PostureValue       **out_first,
               const PostureValue       **out_second)
{
  *out_first = posture_environment_get_column (env, first);
  *out_second = posture_environment_get_column (env, second);
  if ((*out_first)->kind != POSTURE_VALUE_ABSENT || (*out_second)->kind != POSTURE_VALUE_ABSENT)
    return TRUE;

  /* TRANSLATORS: two settings' titles, each followed by its Dataverse column */
  _posture_eval_reason (ev, _("The Dataverse settings lack %s (%s) and %s (%s): the service "
                              "returned neither column"),
                        _posture_eval_title (ev, first), first, _posture_eval_title (ev, second),
                        second);
  return FALSE;
}

PostureResult
_posture_eval_dataverse_flag (PostureEval              *ev,
                              const PostureEnvironment *env,
                              const char               *column,
                              gboolean                  v2_column)
{
  const PostureValue *value;

  if (v2_column && needs_v2 (ev))
    return _posture_eval_predates (ev);

  if (!row_readable (ev, env) || (value = need_column (ev, env, column)) == NULL)
    return POSTURE_RESULT_UNKNOWN;

  if (posture_value_get_flag (value) == POSTURE_FLAG_INVALID)
    return _posture_eval_unexpected (ev, column, value);

  return _posture_eval_switch (ev, column, value, FALSE)
         ? POSTURE_RESULT_PASS : POSTURE_RESULT_FAIL;
}

PostureResult
_posture_eval_content_security_policy (PostureEval              *ev,
                                       const PostureEnvironment *env)
{
  g_autofree char *model_reason = NULL;
  const PostureValue *model;
  const PostureValue *canvas;
  gboolean model_on;
  gboolean canvas_on;

  if (!row_readable (ev, env) ||
      (model = need_column (ev, env, CSP_KEY)) == NULL ||
      (canvas = need_column (ev, env, CSP_CANVAS_KEY)) == NULL)
    return POSTURE_RESULT_UNKNOWN;

  if (posture_value_get_flag (model) == POSTURE_FLAG_INVALID)
    return _posture_eval_unexpected (ev, CSP_KEY, model);
  if (posture_value_get_flag (canvas) == POSTURE_FLAG_INVALID)
    return _posture_eval_unexpected (ev, CSP_CANVAS_KEY, canvas);

  model_on = _posture_eval_switch (ev, CSP_KEY, model, FALSE);
  model_reason = g_steal_pointer (&ev->reason);
  canvas_on = _posture_eval_switch (ev, CSP_CANVAS_KEY, canvas, FALSE);

  /* TRANSLATORS: two clauses such as "Content security policy (model-driven apps) is on
   * (iscontentsecuritypolicyenabled is true)", joined */
  _posture_eval_reason_take (ev, g_strdup_printf (_("%s; %s"), model_reason, ev->reason));

  return model_on && canvas_on ? POSTURE_RESULT_PASS : POSTURE_RESULT_FAIL;
}

/* ------------------------------------------------------------------------- */
/* IP firewall                                                               */
/* ------------------------------------------------------------------------- */

static const char *
list_text (const PostureValue *value)
{
  return value != NULL && value->kind == POSTURE_VALUE_STRING ? value->string : NULL;
}

/* DESIGN.md: enableipbasedfirewallrule true, enableipbasedfirewallruleinauditmode not
 * true, and the allow-list (both list columns together) is real. */
PostureResult
_posture_eval_ip_firewall (PostureEval              *ev,
                           const PostureEnvironment *env)
{
  g_auto(GStrv) ranges = NULL;
  g_auto(GStrv) more = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const PostureValue *enabled;
  const PostureValue *audit;
  const PostureValue *list;
  const PostureValue *list_more;

  if (!row_readable (ev, env) || (enabled = need_column (ev, env, FIREWALL_KEY)) == NULL ||
      !need_one_list (ev, env, RANGES_KEY, RANGES_LIST_KEY, &list, &list_more))
    return POSTURE_RESULT_UNKNOWN;

  audit = posture_environment_get_column (env, AUDIT_MODE_KEY);
  if (posture_value_get_flag (enabled) == POSTURE_FLAG_INVALID)
    return _posture_eval_unexpected (ev, FIREWALL_KEY, enabled);
  if (posture_value_get_flag (audit) == POSTURE_FLAG_INVALID)
    return _posture_eval_unexpected (ev, AUDIT_MODE_KEY, audit);

  /* The allow-list: both columns together, trimmed, empty pieces dropped. */
  ranges = posture_text_split_list (list_text (list));
  more = posture_text_split_list (list_text (list_more));
  entries = g_ptr_array_new ();
  for (guint i = 0; ranges[i] != NULL; i++)
    g_ptr_array_add (entries, ranges[i]);
  for (guint i = 0; more[i] != NULL; i++)
    g_ptr_array_add (entries, more[i]);

  if (!_posture_eval_switch (ev, FIREWALL_KEY, enabled, FALSE))
    return POSTURE_RESULT_FAIL;

  _posture_eval_evidence_static (ev, AUDIT_MODE_KEY,
                                 _posture_eval_on_off (posture_value_get_flag (audit) ==
                                                       POSTURE_FLAG_TRUE, FALSE));
  if (entries->len > 0)
    _posture_eval_evidence_take (ev, RANGES_KEY,
                                 _posture_eval_join_names ((const char * const *) entries->pdata,
                                                           entries->len, 5));
  else
    _posture_eval_evidence_static (ev, RANGES_KEY, C_("allow-list", "Empty"));

  if (posture_value_get_flag (audit) == POSTURE_FLAG_TRUE)
    {
      _posture_eval_reason (ev, _("The IP firewall is in audit mode: it records and blocks "
                                  "nothing (enableipbasedfirewallruleinauditmode is true)"));
      return POSTURE_RESULT_FAIL;
    }

  if (entries->len == 0)
    {
      _posture_eval_reason (ev, _("The IP firewall is on with an empty allow-list "
                                  "(allowediprangeforfirewall)"));
      return POSTURE_RESULT_FAIL;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *problem = NULL;

      if (posture_ip_range_check (g_ptr_array_index (entries, i), &problem) !=
          POSTURE_IP_RANGE_VALID)
        {
          /* TRANSLATORS: %s says what is wrong with an allow-list entry */
          _posture_eval_reason (ev, _("The IP firewall's allow-list is not real: %s"), problem);
          return POSTURE_RESULT_FAIL;
        }
    }

  _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "The IP firewall enforces an "
                                                               "allow-list of %u range",
                                                               "The IP firewall enforces an "
                                                               "allow-list of %u ranges",
                                                               entries->len), entries->len));
  return POSTURE_RESULT_PASS;
}

/* ------------------------------------------------------------------------- */
/* App access control                                                        */
/* ------------------------------------------------------------------------- */

static guint
count_apps (const PostureValue *value)
{
  g_auto(GStrv) apps = posture_text_split_list (list_text (value));

  return g_strv_length (apps);
}

/* DESIGN.md: applicationbasedaccesscontrolmode 1 (enforced) or 3 (enforced for roles)
 * and at least one app id listed; 2 is audit only and fails. */
PostureResult
_posture_eval_app_access_control (PostureEval              *ev,
                                  const PostureEnvironment *env)
{
  const char *title = _posture_eval_title (ev, APP_MODE_KEY);
  const PostureValue *mode_value;
  const PostureValue *allowed;
  const PostureValue *blocked;
  const char *mode_text;
  gint64 mode = 0;
  guint n_apps;

  if (needs_v2 (ev))
    return _posture_eval_predates (ev);

  if (!row_readable (ev, env) || (mode_value = need_column (ev, env, APP_MODE_KEY)) == NULL ||
      !need_one_list (ev, env, APP_ALLOWED_KEY, APP_BLOCKED_KEY, &allowed, &blocked))
    return POSTURE_RESULT_UNKNOWN;

  if (mode_value->kind != POSTURE_VALUE_NULL && !posture_value_get_int (mode_value, &mode))
    return _posture_eval_unexpected (ev, APP_MODE_KEY, mode_value);

  switch (mode)
    {
    case 1:
      mode_text = C_("app access control", "Enforced");
      break;
    case 2:
      mode_text = C_("app access control", "Audit only");
      break;
    case 3:
      mode_text = C_("app access control", "Enforced for roles");
      break;
    default:
      mode_text = C_("app access control", "Off");
      break;
    }

  n_apps = count_apps (allowed) + count_apps (blocked);
  _posture_eval_evidence_static (ev, APP_MODE_KEY, mode_text);
  _posture_eval_evidence_take (ev, APP_ALLOWED_KEY, g_strdup_printf ("%u", count_apps (allowed)));
  _posture_eval_evidence_take (ev, APP_BLOCKED_KEY, g_strdup_printf ("%u", count_apps (blocked)));

  if (mode == 2)
    {
      /* TRANSLATORS: %s is "App access control" */
      _posture_eval_reason (ev, _("%s only audits (applicationbasedaccesscontrolmode is 2): it "
                                  "blocks no app"), title);
      return POSTURE_RESULT_FAIL;
    }

  if (mode != 1 && mode != 3)
    {
      _posture_eval_reason (ev, _("%s is off (applicationbasedaccesscontrolmode is %"
                                  G_GINT64_FORMAT ")"), title, mode);
      return POSTURE_RESULT_FAIL;
    }

  if (n_apps == 0)
    {
      _posture_eval_reason (ev, _("%s is enforced but lists no allowed or blocked app"), title);
      return POSTURE_RESULT_FAIL;
    }

  _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%s is enforced "
                                                               "(applicationbasedaccesscontrol"
                                                               "mode is %" G_GINT64_FORMAT
                                                               ") for %u app",
                                                               "%s is enforced "
                                                               "(applicationbasedaccesscontrol"
                                                               "mode is %" G_GINT64_FORMAT
                                                               ") for %u apps", n_apps),
                                                  title, mode, n_apps));
  return POSTURE_RESULT_PASS;
}

/* ------------------------------------------------------------------------- */
/* System Administrators                                                     */
/* ------------------------------------------------------------------------- */

static gboolean
is_no_id (const PostureValue *value)
{
  return value->kind == POSTURE_VALUE_NULL ||
         (value->kind == POSTURE_VALUE_STRING &&
          (value->string[0] == '\0' || g_ascii_strcasecmp (value->string, ZERO_GUID) == 0));
}

/* DESIGN.md: the distinct systemuserids across the role's copies, leaving out users
 * with isdisabled true, accessmode 3, 4 or 5 (support, non-interactive, delegated
 * admin), an applicationid, or no azureactivedirectoryobjectid. */
PostureResult
_posture_eval_admin_privileges (PostureEval              *ev,
                                const PostureEnvironment *env)
{
  g_autoptr(GHashTable) people = NULL;
  g_autoptr(GHashTable) left_out = NULL;
  g_autofree char *message = NULL;
  guint n_left_out;
  guint n;

  switch (env->admins_state)
    {
    case POSTURE_DATAVERSE_READ:
      break;

    case POSTURE_DATAVERSE_ERROR:
      message = posture_text_printable (env->admins_error_message, 300);
      return _posture_eval_source_error (ev, _("the System Administrators"),
                                         env->admins_error_status, message, NULL);

    case POSTURE_DATAVERSE_MISSING:
    case POSTURE_DATAVERSE_NONE:
    default:
      if (needs_v2 (ev))
        return _posture_eval_predates (ev);
      _posture_eval_reason (ev, _("The snapshot holds no System Administrators for this "
                                  "environment"));
      return POSTURE_RESULT_UNKNOWN;
    }

  if (env->n_roles_without_users > 0)
    {
      _posture_eval_reason (ev, _("A copy of the System Administrator role was read without its "
                                  "users (systemuserroles_association)"));
      return POSTURE_RESULT_UNKNOWN;
    }

  /* Keys borrowed from the snapshot, matched in any case. */
  people = g_hash_table_new (_posture_ascii_case_hash, _posture_ascii_case_equal);
  left_out = g_hash_table_new (_posture_ascii_case_hash, _posture_ascii_case_equal);
  for (guint i = 0; i < env->system_users->len; i++)
    {
      const PostureSystemUser *user = g_ptr_array_index (env->system_users, i);
      const PostureValue *columns[] = {
        &user->systemuserid, &user->isdisabled, &user->accessmode, &user->applicationid,
        &user->azureactivedirectoryobjectid,
      };
      static const char * const names[] = {
        "systemuserid", "isdisabled", "accessmode", "applicationid",
        "azureactivedirectoryobjectid",
      };
      PostureFlag disabled;
      gint64 access_mode = 0;

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        if (columns[c]->kind == POSTURE_VALUE_ABSENT)
          {
            /* TRANSLATORS: %s is a Dataverse column such as accessmode */
            _posture_eval_reason (ev, _("A System Administrator was read without the %s column"),
                                  names[c]);
            return POSTURE_RESULT_UNKNOWN;
          }

      disabled = posture_value_get_flag (&user->isdisabled);
      if (user->systemuserid.kind != POSTURE_VALUE_STRING)
        return _posture_eval_unexpected (ev, "systemuserid", &user->systemuserid);
      if (disabled == POSTURE_FLAG_INVALID)
        return _posture_eval_unexpected (ev, "isdisabled", &user->isdisabled);
      if (user->accessmode.kind != POSTURE_VALUE_NULL &&
          !posture_value_get_int (&user->accessmode, &access_mode))
        return _posture_eval_unexpected (ev, "accessmode", &user->accessmode);

      if (disabled == POSTURE_FLAG_TRUE ||
          access_mode == 3 || access_mode == 4 || access_mode == 5 ||
          !is_no_id (&user->applicationid) ||
          is_no_id (&user->azureactivedirectoryobjectid))
        {
          g_hash_table_add (left_out, user->systemuserid.string);
          continue;
        }

      g_hash_table_add (people, user->systemuserid.string);
    }

  n = g_hash_table_size (people);
  n_left_out = g_hash_table_size (left_out);
  _posture_eval_evidence_take (ev, ADMINS_KEY,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person",
                                                             "%u people", n), n));

  if (n > MAX_SYSTEM_ADMINISTRATORS)
    /* TRANSLATORS: %u is a number of people; the bound is 10 */
    _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u person holds System "
                                                                 "Administrator; the admin "
                                                                 "center recommends at most 10",
                                                                 "%u people hold System "
                                                                 "Administrator; the admin "
                                                                 "center recommends at most 10",
                                                                 n), n));
  else
    _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                 "%u person holds System "
                                                                 "Administrator (at most 10 "
                                                                 "recommended)",
                                                                 "%u people hold System "
                                                                 "Administrator (at most 10 "
                                                                 "recommended)", n), n));

  if (n_left_out > 0)
    {
      g_autofree char *reason = g_steal_pointer (&ev->reason);

      /* TRANSLATORS: first %s is a sentence, %u a number of accounts */
      _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%s; %u disabled, application "
                                                                   "or non-interactive account "
                                                                   "is not counted",
                                                                   "%s; %u disabled, application "
                                                                   "or non-interactive accounts "
                                                                   "are not counted",
                                                                   n_left_out),
                                                      reason, n_left_out));
    }

  return n > MAX_SYSTEM_ADMINISTRATORS ? POSTURE_RESULT_FAIL : POSTURE_RESULT_PASS;
}
