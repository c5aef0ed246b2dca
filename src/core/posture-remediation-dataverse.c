/* posture-remediation-dataverse.c: Dataverse organization settings
 *
 * Every fix here PATCHes the environment's organizations row with only the columns
 * that change, spelled as the row spells them: the switches (auditing, content security
 * policy, guest access, cookie binding), the IP firewall (audit mode first, enforcing
 * as a second, separate step), and app access control (audit mode 2 first, then
 * enforced). The environment needs Dataverse, and a row the snapshot read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-remediation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "posture-api-paths.h"
#include "posture-ip-range.h"
#include "posture-json.h"
#include "posture-remediation-private.h"
#include "posture-text.h"

static JsonNode *
row_member (const PostureEnvironment *env,
            const char               *column)
{
  JsonNode *node = NULL;

  posture_json_get_member_ci (env->dataverse, column, &node);
  return node;
}

/* The column's name as the row spells it (the service's own casing), else @column. */
static const char *
row_column (const PostureEnvironment *env,
            const char               *column)
{
  const char *name = _posture_fix_json_member_name (env->dataverse, column);

  return name != NULL ? name : column;
}

/* A list column ("a,b" or "a;b") as its entries. */
static GStrv
row_list (const PostureEnvironment *env,
          const char               *column)
{
  g_autofree char *text = _posture_remediation_scalar_string (row_member (env, column));

  return posture_text_split_list (text);
}

static PostureFlag
row_flag (const PostureEnvironment *env,
          const char               *column)
{
  return _posture_remediation_node_flag (row_member (env, column));
}

/* The Dataverse row a PATCH needs: read, with an organization id and an instance URL.
 * Otherwise the environment is skipped and NULL returned. */
static const char *
organization_id (PostureRemedyContext     *ctx,
                 const PostureEnvironment *env)
{
  const char *id;

  if (!env->has_dataverse)
    {
      _posture_remediation_skip_environment (ctx, env, _("Needs Dataverse: this environment has "
                                                         "no database"));
      return NULL;
    }

  id = env->dataverse != NULL ? posture_json_get_string (env->dataverse, "organizationid") : NULL;
  if (env->dataverse_state != POSTURE_DATAVERSE_READ || env->instance_url == NULL || id == NULL ||
      id[0] == '\0' || strspn (id, "0123456789abcdefABCDEF-") != strlen (id))
    {
      _posture_remediation_skip_environment (ctx, env,
                                             _("The snapshot holds no organization id or "
                                               "instance URL for this environment: read the "
                                               "tenant again"));
      return NULL;
    }

  return id;
}

/* Adds @step, a PATCH of @changes (taken) to the organization row. */
static void
add_dataverse_change (PostureRemedyContext     *ctx,
                      const PostureEnvironment *env,
                      PostureFixStep           *step,
                      const char               *organization,
                      JsonObject               *changes,
                      const char               *before,
                      const char               *after)
{
  g_autofree char *path = g_strdup_printf (POSTURE_API_ORGANIZATION, organization);
  g_autoptr(JsonNode) body = _posture_remediation_object_node (changes);
  g_autoptr(PostureFixRequest) request = NULL;

  _posture_fix_step_add_precondition (step, _("Has Dataverse, and its settings were read"));
  request = posture_fix_request_new (POSTURE_FIX_KIND_DATAVERSE, "PATCH",
                                     POSTURE_FIX_SERVICE_DATAVERSE, env->instance_url, path,
                                     body, body);
  _posture_remediation_add_change (ctx, step, before, after, request);
}

/* ------------------------------------------------------------------------- */
/* Switches                                                                  */
/* ------------------------------------------------------------------------- */

void
_posture_remediation_plan_dataverse_flags (PostureRemedyContext     *ctx,
                                           const PostureEnvironment *env)
{
  const PostureRemedy *remedy = ctx->remedy;
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  JsonObject *changes;
  const char *organization;

  if (remedy->managed_only && !_posture_remediation_check_managed (ctx, env))
    return;
  if ((organization = organization_id (ctx, env)) == NULL)
    return;

  /* Only the columns that change: each column the catalog says the control reads. */
  changes = json_object_new ();
  for (guint i = 0; i < posture_control_get_n_settings (ctx->control); i++)
    {
      const char *column = posture_control_get_setting_key (ctx->control, i);
      const char *title = posture_control_get_setting_title (ctx->control, i);
      JsonNode *node = row_member (env, column);
      g_autofree char *value = _posture_remediation_describe_flag (node);

      if (before->len > 0)
        {
          g_string_append (before, "; ");
          g_string_append (after, "; ");
        }
      /* TRANSLATORS: a setting's title, its Dataverse column, and its value */
      g_string_append_printf (before, _("%s (%s): %s"), title, column, value);
      g_string_append_printf (after, _("%s (%s): %s"), title, column,
                              remedy->value ? "true" : "false");

      if (_posture_remediation_node_flag (node) != (remedy->value ? POSTURE_FLAG_TRUE
                                                                  : POSTURE_FLAG_FALSE))
        json_object_set_boolean_member (changes, row_column (env, column), remedy->value);
    }

  step = _posture_remediation_environment_step (env, _(remedy->action));
  if (remedy->managed_only)
    _posture_remediation_add_managed_precondition (step);
  add_dataverse_change (ctx, env, step, organization, changes, before->str, after->str);
}

/* ------------------------------------------------------------------------- */
/* IP firewall                                                               */
/* ------------------------------------------------------------------------- */

#define FIREWALL_ENABLED "enableipbasedfirewallrule"
#define FIREWALL_AUDIT   "enableipbasedfirewallruleinauditmode"
#define FIREWALL_RANGES  "allowediprangeforfirewall"
#define FIREWALL_RANGES2 "allowedlistofiprangesforfirewall"

/* The firewall as the row holds it. The allow-list is both list columns together
 * (DESIGN.md); the admin's ranges go to allowediprangeforfirewall, which every
 * organization has and Microsoft's provider writes. */
typedef struct
{
  GStrv        first;     /* FIREWALL_RANGES */
  GStrv        second;    /* FIREWALL_RANGES2 */
  GStrv        current;   /* both: the allow-list */
  PostureFlag  enabled;
  PostureFlag  audit;
  char        *list;      /* the allow-list, shown */
  char        *before;
} Firewall;

static void
firewall_clear (Firewall *fw)
{
  g_clear_pointer (&fw->first, g_strfreev);
  g_clear_pointer (&fw->second, g_strfreev);
  g_clear_pointer (&fw->current, g_strfreev);
  g_clear_pointer (&fw->list, g_free);
  g_clear_pointer (&fw->before, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Firewall, firewall_clear)

/* "Audit mode; allow-list: …" */
static char *
firewall_text (const char *state,
               const char *list)
{
  /* TRANSLATORS: first %s is Off, Audit mode or Enforced; second the allow-list */
  return g_strdup_printf (_("%s; allow-list: %s"), state, list);
}

static void
firewall_read (const PostureEnvironment *env,
               Firewall                 *fw)
{
  g_autoptr(GStrvBuilder) both = g_strv_builder_new ();
  const char *state;

  fw->first = row_list (env, FIREWALL_RANGES);
  fw->second = row_list (env, FIREWALL_RANGES2);
  g_strv_builder_addv (both, (const char **) fw->first);
  g_strv_builder_addv (both, (const char **) fw->second);
  fw->current = g_strv_builder_end (both);
  fw->enabled = row_flag (env, FIREWALL_ENABLED);
  fw->audit = row_flag (env, FIREWALL_AUDIT);
  fw->list = _posture_remediation_join_or_empty ((const char * const *) fw->current);

  if (fw->enabled != POSTURE_FLAG_TRUE)
    state = _("Off");
  else
    state = fw->audit == POSTURE_FLAG_TRUE ? _("Audit mode") : _("Enforced");
  fw->before = firewall_text (state, fw->list);
}

char *
_posture_remediation_ip_range_problem (const char *entry)
{
  char *problem = NULL;

  /* The rule is posture-ip-range's, the one the ip-firewall control judges with. */
  if (posture_ip_range_check (entry, &problem) == POSTURE_IP_RANGE_VALID)
    g_clear_pointer (&problem, g_free);
  return problem;
}

/* NULL when the list is real; else why not (translated). */
static char *
firewall_list_problem (const char * const *entries)
{
  if (entries == NULL || entries[0] == NULL)
    return g_strdup (_("the allow-list is empty"));

  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *problem = _posture_remediation_ip_range_problem (entries[i]);

      if (problem != NULL)
        return problem;
    }

  return NULL;
}

/* The second step: audit mode off, with the allow-list already there, only where audit
 * mode is on with a real list. */
static void
plan_firewall_enforce (PostureRemedyContext     *ctx,
                       const PostureEnvironment *env,
                       const char               *organization,
                       const Firewall           *fw)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *real = NULL;
  g_autofree char *after = NULL;
  JsonObject *changes;

  if (fw->enabled != POSTURE_FLAG_TRUE)
    {
      _posture_remediation_skip_environment (ctx, env, _("The firewall is off: turn it on in "
                                                         "audit mode first (without "
                                                         "--enforce)"));
      return;
    }
  if ((problem = firewall_list_problem ((const char * const *) fw->current)) != NULL)
    {
      g_autofree char *reason = NULL;

      /* TRANSLATORS: %s says what is wrong with the allow-list */
      reason = g_strdup_printf (_("The allow-list is not real (%s): set a real one in audit "
                                  "mode first (without --enforce)"), problem);
      _posture_remediation_skip_environment (ctx, env, reason);
      return;
    }
  if (fw->audit != POSTURE_FLAG_TRUE)
    {
      _posture_remediation_skip_environment (ctx, env, _("Audit mode is not on: run the "
                                                         "firewall in audit mode first"));
      return;
    }

  step = _posture_remediation_environment_step (env, _("Enforces the IP firewall with the "
                                                       "allow-list already there (audit mode "
                                                       "off)"));
  _posture_remediation_add_managed_precondition (step);
  _posture_fix_step_add_precondition (step, _("Audit mode is on"));
  /* TRANSLATORS: %s is the allow-list */
  real = g_strdup_printf (_("The allow-list is real: %s"), fw->list);
  _posture_fix_step_add_precondition (step, real);

  after = firewall_text (_("Enforced"), fw->list);
  changes = json_object_new ();
  json_object_set_boolean_member (changes, row_column (env, FIREWALL_AUDIT), FALSE);
  add_dataverse_change (ctx, env, step, organization, changes, fw->before, after);
}

/* The first step: the firewall on in audit mode with the admin's allow-list, which
 * replaces the whole list. */
static void
plan_firewall_audit (PostureRemedyContext     *ctx,
                     const PostureEnvironment *env,
                     const char               *organization,
                     const Firewall           *fw)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_autofree char *wanted = g_strjoinv (",", (char **) ctx->options->ip_ranges);
  g_autofree char *have = g_strjoinv (",", fw->first);
  g_autofree char *after_list = NULL;
  g_autofree char *after = NULL;
  JsonObject *changes = json_object_new ();
  const char *reason;

  if (fw->enabled != POSTURE_FLAG_TRUE)
    json_object_set_boolean_member (changes, row_column (env, FIREWALL_ENABLED), TRUE);
  if (fw->audit != POSTURE_FLAG_TRUE)
    json_object_set_boolean_member (changes, row_column (env, FIREWALL_AUDIT), TRUE);
  if (!g_str_equal (wanted, have))
    json_object_set_string_member (changes, row_column (env, FIREWALL_RANGES), wanted);
  /* The admin's list replaces the whole allow-list, which is both columns together: the
   * second one is emptied. */
  if (fw->second[0] != NULL)
    json_object_set_string_member (changes, row_column (env, FIREWALL_RANGES2), "");

  if (json_object_get_size (changes) == 0)
    {
      json_object_unref (changes);
      _posture_remediation_skip_environment (ctx, env, _("Already in audit mode with this "
                                                         "allow-list: after a week of audit, "
                                                         "enforce it (--enforce)"));
      return;
    }

  after_list = _posture_remediation_join_or_empty (ctx->options->ip_ranges);
  after = firewall_text (_("Audit mode"), after_list);

  if (fw->enabled != POSTURE_FLAG_TRUE)
    reason = _("Turns the IP firewall on in audit mode with the allow-list given: it records "
               "what it would block, and blocks nothing");
  else if (fw->audit == POSTURE_FLAG_TRUE)
    reason = _("Replaces the allow-list; the firewall stays in audit mode");
  else
    reason = _("Puts the firewall back in audit mode with the new allow-list: the current one "
               "is not real");
  step = _posture_remediation_environment_step (env, reason);
  _posture_remediation_add_managed_precondition (step);
  add_dataverse_change (ctx, env, step, organization, changes, fw->before, after);
}

void
_posture_remediation_plan_ip_firewall (PostureRemedyContext     *ctx,
                                       const PostureEnvironment *env)
{
  g_auto(Firewall) fw = { 0 };
  const char *organization;

  if (!_posture_remediation_check_managed (ctx, env))
    return;
  if ((organization = organization_id (ctx, env)) == NULL)
    return;

  firewall_read (env, &fw);
  if (ctx->options->enforce)
    plan_firewall_enforce (ctx, env, organization, &fw);
  else
    plan_firewall_audit (ctx, env, organization, &fw);
}

/* ------------------------------------------------------------------------- */
/* App access control                                                        */
/* ------------------------------------------------------------------------- */

#define APP_MODE    "applicationbasedaccesscontrolmode"
#define APP_ALLOWED "allowedapplicationsfordvaccess"
#define APP_BLOCKED "blockedapplicationsfordvaccess"

#define APP_MODE_ENFORCED 1
#define APP_MODE_AUDIT    2

static gint64
row_int (const PostureEnvironment *env,
         const char               *column,
         gint64                    fallback)
{
  gint64 value;

  if (!posture_json_node_get_int (row_member (env, column), &value) ||
      value < G_MININT32 || value > G_MAXINT32)
    return fallback;
  return value;
}

/* "Mode 2; allowed apps: …" */
static char *
app_access_text (gint64      mode,
                 const char *apps)
{
  /* TRANSLATORS: %lld is the mode number, %s the allowed application ids */
  return g_strdup_printf (_("Mode %lld; allowed apps: %s"), (long long) mode, apps);
}

void
_posture_remediation_plan_app_access_control (PostureRemedyContext     *ctx,
                                              const PostureEnvironment *env)
{
  g_autoptr(PostureFixStep) step = NULL;
  g_auto(GStrv) allowed = NULL;
  g_auto(GStrv) blocked = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *allowed_text = NULL;
  JsonObject *changes;
  const char *organization;
  gint64 mode;

  if (!_posture_remediation_check_managed (ctx, env))
    return;
  if ((organization = organization_id (ctx, env)) == NULL)
    return;

  allowed = row_list (env, APP_ALLOWED);
  blocked = row_list (env, APP_BLOCKED);
  mode = row_int (env, APP_MODE, 0);
  allowed_text = _posture_remediation_join_or_empty ((const char * const *) allowed);
  before = app_access_text (mode, allowed_text);

  changes = json_object_new ();
  if (ctx->options->enforce)
    {
      if (mode != APP_MODE_AUDIT || (allowed[0] == NULL && blocked[0] == NULL))
        {
          json_object_unref (changes);
          _posture_remediation_skip_environment (ctx, env, _("App access control is not in "
                                                             "audit mode with a list of apps: "
                                                             "start it in audit mode first "
                                                             "(without --enforce)"));
          return;
        }
      json_object_set_int_member (changes, row_column (env, APP_MODE), APP_MODE_ENFORCED);
      after = app_access_text (APP_MODE_ENFORCED, allowed_text);
      step = _posture_remediation_environment_step (env, _("Enforces app access control with "
                                                           "the apps already listed"));
      _posture_fix_step_add_precondition (step, _("Audit mode (2) is on with a list of apps"));
    }
  else
    {
      g_autofree char *wanted = g_strjoinv (",", (char **) ctx->options->app_ids);
      g_autofree char *have = g_strjoinv (",", allowed);
      g_autofree char *shown = g_strjoinv (", ", (char **) ctx->options->app_ids);

      if (mode != APP_MODE_AUDIT)
        json_object_set_int_member (changes, row_column (env, APP_MODE), APP_MODE_AUDIT);
      if (!g_str_equal (wanted, have))
        json_object_set_string_member (changes, row_column (env, APP_ALLOWED), wanted);
      if (json_object_get_size (changes) == 0)
        {
          json_object_unref (changes);
          _posture_remediation_skip_environment (ctx, env, _("Already in audit mode with these "
                                                             "apps: enforce it when the audit "
                                                             "shows nothing unexpected "
                                                             "(--enforce)"));
          return;
        }
      after = app_access_text (APP_MODE_AUDIT, shown);
      step = _posture_remediation_environment_step (env, _("Starts app access control in audit "
                                                           "mode (2) with the allowed apps "
                                                           "given: it blocks nothing yet"));
    }

  _posture_remediation_add_managed_precondition (step);
  add_dataverse_change (ctx, env, step, organization, changes, before, after);
}
