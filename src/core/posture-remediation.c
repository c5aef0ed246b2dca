/* posture-remediation.c: the table of remedies, the option checks, and the plan's walk
 * over the engine's failing resources
 *
 * Each kind of fix plans its steps in a file of its own (posture-remediation-private.h
 * lists them): the preconditions the real service imposes (Microsoft Learn; Microsoft's
 * Terraform provider), the exact requests with only the members that change, and what a
 * read-back must show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-remediation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-catalog.h"
#include "posture-remediation-private.h"

G_DEFINE_QUARK (posture-fix-error-quark, posture_fix_error)

/* ------------------------------------------------------------------------- */
/* The table                                                                 */
/* ------------------------------------------------------------------------- */

/* One row per control of the catalog that has a remedy: how its plan is made, the
 * inputs it takes, what it risks; or, with neither function, what it needs instead. */

#define ENV_INPUTS      POSTURE_FIX_INPUT_ENVIRONMENTS
#define TENANT_SETTING  _posture_remediation_plan_tenant_setting
#define DLP_BASELINE    _posture_remediation_plan_dlp_baseline
#define DATAVERSE_FLAGS _posture_remediation_plan_dataverse_flags
#define DLP_RISK \
  N_("Every connector that is not on the baseline's list is blocked in every environment: apps " \
     "and flows that use one stop working until an admin classifies it.")
#define CREATION_RISK \
  N_("Makers who create environments today will need an administrator to do it.")

static const PostureRemedy remedies [] = {
  { .id = "tenant-isolation",
    .tenant = _posture_remediation_plan_tenant_isolation,
    .risk = N_("Connections to and from tenants that are not on the allow-list stop working: "
                "review the allow-list (tenant-isolation-allowlist) before you turn isolation "
                "on.") },
  { .id = "dlp-tenant-policy", .tenant = DLP_BASELINE, .risk = DLP_RISK },
  { .id = "dlp-default-environment", .tenant = DLP_BASELINE, .risk = DLP_RISK },
  { .id = "dlp-environment-coverage", .tenant = DLP_BASELINE, .risk = DLP_RISK },
  { .id = "dlp-default-environment-connectors", .tenant = DLP_BASELINE, .risk = DLP_RISK },
  { .id = "env-creation-admins-only", .tenant = TENANT_SETTING, .risk = CREATION_RISK },
  { .id = "trial-env-creation-admins-only", .tenant = TENANT_SETTING, .risk = CREATION_RISK },
  { .id = "developer-env-creation-admins-only", .tenant = TENANT_SETTING, .risk = CREATION_RISK },
  { .id = "pages-creation-admins-only",
    .tenant = TENANT_SETTING,
    .risk = N_("Makers who create Power Pages sites today will need an administrator to do "
                "it.") },
  { .id = "share-with-everyone-disabled",
    .tenant = TENANT_SETTING,
    .risk = N_("Makers can no longer share apps with everyone in the organization.") },
  { .id = "connection-sharing-disabled",
    .tenant = TENANT_SETTING,
    .risk = N_("Makers can no longer share connections with everyone in the organization.") },
  { .id = "guest-makers-disabled",
    .tenant = TENANT_SETTING,
    .risk = N_("Guests who make apps today can no longer do so.") },
  { .id = "default-environment-routing",
    .tenant = TENANT_SETTING,
    .risk = N_("New makers are sent to their own developer environment instead of the default "
                "one.") },
  { .id = "managed-environment",
    .environment = _posture_remediation_plan_managed_environment,
    .inputs = ENV_INPUTS,
    .action = N_("Make the environment managed"),
    .risk = N_("People who use apps in a Managed Environment need premium licences.") },
  { .id = "sharing-limits",
    .environment = _posture_remediation_plan_sharing_limits,
    .inputs = ENV_INPUTS | POSTURE_FIX_INPUT_SHARING_LIMIT,
    .managed_only = TRUE,
    .action = N_("Limit canvas app sharing"),
    .risk = N_("Apps already shared more widely stay shared; the limit applies to new "
                "shares.") },
  { .id = "ip-firewall",
    .environment = _posture_remediation_plan_ip_firewall,
    .inputs = ENV_INPUTS | POSTURE_FIX_INPUT_IP_RANGES | POSTURE_FIX_INPUT_ENFORCE,
    .enforce_inputs = ENV_INPUTS | POSTURE_FIX_INPUT_ENFORCE,
    .managed_only = TRUE,
    .action = N_("Turn on the IP firewall in audit mode"),
    .enforce_action = N_("Enforce the IP firewall"),
    .audit_risk = N_("In audit mode the firewall blocks nothing: it records what it would "
                      "block, and the control keeps failing until it is enforced. Run it for a "
                      "week, then enforce it (--enforce)."),
    .risk = N_("An enforced firewall that leaves you out needs Microsoft Support to undo: the "
                "allow-list must hold every address you and your services connect from.") },
  { .id = "ip-cookie-binding",
    .environment = DATAVERSE_FLAGS,
    .inputs = ENV_INPUTS,
    .managed_only = TRUE,
    .value = TRUE,
    .action = N_("Turn on IP address-based cookie binding"),
    .risk = N_("People whose IP address changes during a session (VPN, mobile networks) must "
                "sign in again.") },
  { .id = "auditing",
    .environment = DATAVERSE_FLAGS,
    .inputs = ENV_INPUTS,
    .value = TRUE,
    .action = N_("Turn on auditing"),
    .risk = N_("Audit logs use the environment's log capacity.") },
  { .id = "content-security-policy",
    .environment = DATAVERSE_FLAGS,
    .inputs = ENV_INPUTS,
    .value = TRUE,
    .action = N_("Turn on the content security policy for model-driven and canvas apps"),
    .risk = N_("A content security policy may break embedded content: pages that frame these "
                "apps, or that they frame, need to be on the policy's list.") },
  { .id = "guest-access-restricted",
    .environment = DATAVERSE_FLAGS,
    .inputs = ENV_INPUTS,
    .value = TRUE,
    .action = N_("Restrict guest access"),
    .risk = N_("Guests lose access to the environment's data unless an admin gives it to "
                "them.") },
  { .id = "app-access-control",
    .environment = _posture_remediation_plan_app_access_control,
    .inputs = ENV_INPUTS | POSTURE_FIX_INPUT_APP_IDS | POSTURE_FIX_INPUT_ENFORCE,
    .enforce_inputs = ENV_INPUTS | POSTURE_FIX_INPUT_ENFORCE,
    .managed_only = TRUE,
    .action = N_("Start app access control in audit mode"),
    .enforce_action = N_("Enforce app access control"),
    .audit_risk = N_("In audit mode nothing is blocked, and the control keeps failing until it "
                      "is enforced (--enforce)."),
    .enforce_risk = N_("Enforcing blocks every application that is not on the list from "
                        "reaching Dataverse.") },
  { .id = "environment-security-group",
    .needs = N_("a Microsoft Entra security group, chosen by an admin, in each environment's "
                 "settings") },
  { .id = "customer-managed-key",
    .needs = N_("a key in Azure Key Vault and an enterprise policy in Azure, linked to the "
                 "environment") },
  { .id = "virtual-network",
    .needs = N_("delegated Azure virtual network subnets and an enterprise policy in Azure, "
                 "linked to the environment") },
  { .id = "admin-privileges",
    .needs = N_("a person's judgement of who needs the System Administrator role") },
  { .id = "conditional-access-mfa",
    .needs = N_("a Conditional Access policy in Microsoft Entra ID") },
  { .id = "global-admin-count",
    .needs = N_("a person's judgement of who needs the Global Administrator role") },
};

static const PostureRemedy *
lookup_remedy (const char *control_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (remedies); i++)
    if (g_str_equal (remedies[i].id, control_id))
      return &remedies[i];

  return NULL;
}

gboolean
posture_remediation_has_api_fix (const char *control_id)
{
  const PostureRemedy *remedy;

  g_return_val_if_fail (control_id != NULL, FALSE);

  remedy = lookup_remedy (control_id);
  return remedy != NULL && (remedy->tenant != NULL || remedy->environment != NULL);
}

PostureFixInputs
posture_remediation_get_inputs (const char *control_id,
                                gboolean    enforce)
{
  const PostureRemedy *remedy;

  g_return_val_if_fail (control_id != NULL, POSTURE_FIX_INPUT_NONE);

  remedy = lookup_remedy (control_id);
  if (remedy == NULL)
    return POSTURE_FIX_INPUT_NONE;
  if (enforce && (remedy->inputs & POSTURE_FIX_INPUT_ENFORCE) != 0)
    return remedy->enforce_inputs;
  return remedy->inputs;
}

/* ------------------------------------------------------------------------- */
/* Options                                                                   */
/* ------------------------------------------------------------------------- */

static gboolean
strv_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

/* @snapshot NULL: only what needs no tenant (the environments named are not looked up). */
static gboolean
validate_options (const PostureRemedy      *remedy,
                  PostureSnapshot          *snapshot,
                  const PostureFixOptions  *options,
                  GError                  **error)
{
  PostureFixInputs inputs = remedy->inputs;

  if (options->enforce && (inputs & POSTURE_FIX_INPUT_ENFORCE) == 0)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                   "%s has no enforcing step: leave out --enforce (only ip-firewall and "
                   "app-access-control take it)", remedy->id);
      return FALSE;
    }
  if (options->enforce)
    inputs = remedy->enforce_inputs;

  if (!strv_empty (options->environments) && (inputs & POSTURE_FIX_INPUT_ENVIRONMENTS) == 0)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                   "The fix for %s is tenant-wide: leave out --environment", remedy->id);
      return FALSE;
    }
  for (guint i = 0; snapshot != NULL && options->environments != NULL &&
                    options->environments[i] != NULL; i++)
    if (posture_snapshot_lookup_environment (snapshot, options->environments[i]) == NULL)
      {
        g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                     "There is no environment named \"%.200s\" in this tenant: pass an "
                     "environment's name (its id, as `posture-cli assess --format json` lists "
                     "it) to --environment", options->environments[i]);
        return FALSE;
      }

  if ((inputs & POSTURE_FIX_INPUT_IP_RANGES) != 0)
    {
      if (strv_empty (options->ip_ranges))
        {
          g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_MISSING_OPTION,
                       "The IP firewall needs the allow-list it will audit: pass --ip-range CIDR "
                       "once for each range you and your services connect from (such as "
                       "--ip-range 203.0.113.0/24)");
          return FALSE;
        }
      for (guint i = 0; options->ip_ranges[i] != NULL; i++)
        {
          g_autofree char *problem = _posture_remediation_ip_range_problem (options->ip_ranges[i]);

          if (problem != NULL)
            {
              g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                           "--ip-range: %s. Pass the ranges you and your services really "
                           "connect from, such as 203.0.113.0/24 or 2001:db8::/48", problem);
              return FALSE;
            }
        }
    }
  else if (!strv_empty (options->ip_ranges))
    {
      if (options->enforce && (remedy->inputs & POSTURE_FIX_INPUT_IP_RANGES) != 0)
        g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                     "--enforce uses the allow-list already there: leave out --ip-range (to "
                     "change the list, run without --enforce; it goes back to audit mode)");
      else
        g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                     "%s takes no --ip-range (only ip-firewall does)", remedy->id);
      return FALSE;
    }

  if ((inputs & POSTURE_FIX_INPUT_APP_IDS) != 0)
    {
      if (strv_empty (options->app_ids))
        {
          g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_MISSING_OPTION,
                       "App access control needs the applications allowed to reach Dataverse: "
                       "pass --app-id with each one's application (client) id");
          return FALSE;
        }
      for (guint i = 0; options->app_ids[i] != NULL; i++)
        if (!g_uuid_string_is_valid (options->app_ids[i]))
          {
            g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                         "--app-id \"%.64s\" is not an application id: pass the application "
                         "(client) id, a GUID such as 00000000-0000-0000-0000-000000000000",
                         options->app_ids[i]);
            return FALSE;
          }
    }
  else if (!strv_empty (options->app_ids))
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                   "%s takes no --app-id (only app-access-control does, without --enforce)",
                   remedy->id);
      return FALSE;
    }

  if ((inputs & POSTURE_FIX_INPUT_SHARING_LIMIT) != 0 &&
      (options->sharing_limit < 1 || options->sharing_limit > POSTURE_FIX_MAX_SHARING_LIMIT))
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_INVALID_OPTION,
                   "--sharing-limit %" G_GINT64_FORMAT " is out of range: pass the most people "
                   "an app may be shared with, from 1 to %u (default %u)",
                   options->sharing_limit, POSTURE_FIX_MAX_SHARING_LIMIT,
                   POSTURE_FIX_DEFAULT_SHARING_LIMIT);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Planning                                                                  */
/* ------------------------------------------------------------------------- */

static char *
unknown_reason (PostureResourceResult *resource)
{
  const char *reason = posture_resource_result_get_reason (resource);

  /* TRANSLATORS: %s is why the engine could not judge the resource */
  return g_strdup_printf (_("Its settings could not be judged (%s): read the tenant again"),
                          reason != NULL ? reason : "?");
}

static void
set_summary (PostureRemedyContext *ctx)
{
  guint changes = posture_fix_plan_get_n_changes (ctx->plan);
  guint skipped = posture_fix_plan_get_n_skipped (ctx->plan);
  const char *action = ctx->action;
  g_autoptr(GString) text = NULL;

  if (action == NULL)
    action = ctx->options->enforce && ctx->remedy->enforce_action != NULL
             ? _(ctx->remedy->enforce_action) : _(ctx->remedy->action);

  text = g_string_new (NULL);

  if (changes == 0 && skipped == 0)
    g_string_append (text, _("Nothing to change: the control passes everywhere Posture can "
                             "judge it."));
  else if (changes == 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Nothing can be changed: %u resource is skipped.",
                                               "Nothing can be changed: %u resources are "
                                               "skipped.", skipped), skipped);
  else if (ctx->tenant_wide)
    g_string_append_printf (text, "%s.", action);
  else
    {
      /* TRANSLATORS: %s is an action such as "Turn on auditing" */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %u environment changes",
                                                 "%s: %u environments change", changes),
                              action, changes);
      if (skipped > 0)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", %u is skipped",
                                                   ", %u are skipped", skipped), skipped);
      g_string_append_c (text, '.');
    }

  _posture_fix_plan_set_summary (ctx->plan, text->str);
}

static void
plan_resources (PostureRemedyContext *ctx)
{
  guint n = posture_control_result_get_n_resources (ctx->result);
  gboolean any_fail = FALSE;
  PostureResourceResult *unknown = NULL;

  for (guint i = 0; i < n; i++)
    {
      PostureResourceResult *resource = posture_control_result_get_resource (ctx->result, i);
      PostureResult status = posture_resource_result_get_status (resource);
      const char *id = posture_resource_result_get_id (resource);
      const PostureEnvironment *env;

      if (status == POSTURE_RESULT_PASS)
        continue;
      if (ctx->environments != NULL && id != NULL)
        {
          g_autofree char *key = g_utf8_strdown (id, -1);

          if (!g_hash_table_contains (ctx->environments, key))
            continue;
        }

      if (ctx->tenant_wide)
        {
          if (status == POSTURE_RESULT_FAIL)
            any_fail = TRUE;
          else if (unknown == NULL)
            unknown = resource;
          continue;
        }

      env = id != NULL ? posture_snapshot_lookup_environment (ctx->snapshot, id) : NULL;
      if (status == POSTURE_RESULT_UNKNOWN || env == NULL)
        {
          g_autofree char *reason = unknown_reason (resource);

          _posture_remediation_skip (ctx, id, posture_resource_result_get_name (resource),
                                     reason);
          continue;
        }

      ctx->remedy->environment (ctx, env);
    }

  if (ctx->tenant_wide && any_fail)
    ctx->remedy->tenant (ctx);
  else if (ctx->tenant_wide && unknown != NULL)
    {
      g_autofree char *reason = unknown_reason (unknown);

      _posture_remediation_skip (ctx, posture_snapshot_get_tenant_id (ctx->snapshot),
                                 _posture_remediation_tenant_name (ctx->snapshot), reason);
    }
}

/**
 * posture_remediation_plan:
 * @snapshot: what the engine assessed
 * @assessment: the engine's assessment of @snapshot
 * @control_id: the control to fix
 * @options: (nullable): the admin's inputs; NULL is POSTURE_FIX_OPTIONS_INIT
 *
 * Returns: (transfer full): the plan, or NULL with @error set
 */
/**
 * posture_remediation_check_options:
 *
 * What posture_remediation_plan() checks of @options that needs no tenant: the inputs
 * @control_id takes, their form (an --ip-range's width, an --app-id's), the sharing
 * limit's range. The environments named are looked up only when planning.
 *
 * Returns: %TRUE, or %FALSE with @error (POSTURE_FIX_ERROR_*, as the plan would say)
 */
gboolean
posture_remediation_check_options (const char               *control_id,
                                   const PostureFixOptions  *options,
                                   GError                  **error)
{
  static const PostureFixOptions defaults = POSTURE_FIX_OPTIONS_INIT;
  const PostureRemedy *remedy;

  g_return_val_if_fail (control_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  remedy = lookup_remedy (control_id);
  if (remedy == NULL || (remedy->tenant == NULL && remedy->environment == NULL))
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NO_API_FIX,
                   "%s has no fix through the API", control_id);
      return FALSE;
    }
  return validate_options (remedy, NULL, options != NULL ? options : &defaults, error);
}

PostureFixPlan *
posture_remediation_plan (PostureSnapshot          *snapshot,
                          PostureAssessment        *assessment,
                          const char               *control_id,
                          const PostureFixOptions  *options,
                          GError                  **error)
{
  static const PostureFixOptions defaults = POSTURE_FIX_OPTIONS_INIT;
  g_autoptr(GHashTable) environments = NULL;
  g_autoptr(PostureFixPlan) plan = NULL;
  PostureControlResult *result;
  const PostureRemedy *remedy;
  PostureRemedyContext ctx = { 0 };

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (POSTURE_IS_ASSESSMENT (assessment), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  if (posture_catalog_lookup (posture_catalog_get_default (), control_id) == NULL)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_UNKNOWN_CONTROL,
                   "There is no control \"%.100s\": `posture-cli controls` lists them",
                   control_id);
      return NULL;
    }

  remedy = lookup_remedy (control_id);
  if (remedy == NULL || (remedy->tenant == NULL && remedy->environment == NULL))
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NO_API_FIX,
                   "%s has no fix through the API: it needs %s. Follow the control's "
                   "remediation steps, then record a decision or assess again",
                   control_id, remedy != NULL && remedy->needs != NULL
                               ? remedy->needs : "an administrator's attestation");
      return NULL;
    }

  /* Plans keep what they do not change (an environment's other managed settings), which
   * only the raw document holds. */
  if (posture_snapshot_get_json (snapshot) == NULL)
    {
      g_set_error_literal (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NEEDS_DOCUMENT,
                           "A fix is planned from a snapshot with its document: read the "
                           "tenant again, or load the snapshot from its JSON file");
      return NULL;
    }

  if (!validate_options (remedy, snapshot, options, error))
    return NULL;

  result = posture_assessment_lookup (assessment, control_id);
  if (result == NULL)
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NOT_ASSESSED,
                   "The assessment leaves out %s (it follows another profile or control list): "
                   "assess with the control included", control_id);
      return NULL;
    }

  if (!strv_empty (options->environments))
    {
      environments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; options->environments[i] != NULL; i++)
        g_hash_table_add (environments, g_utf8_strdown (options->environments[i], -1));
    }

  plan = _posture_fix_plan_new (control_id);
  ctx.snapshot = snapshot;
  ctx.control = posture_control_result_get_control (result);
  ctx.result = result;
  ctx.options = options;
  ctx.remedy = remedy;
  ctx.plan = plan;
  ctx.environments = environments;
  ctx.tenant_wide = remedy->tenant != NULL;

  plan_resources (&ctx);

  if (posture_fix_plan_get_n_changes (plan) > 0)
    {
      /* The first step's risk before the one both steps share. */
      if (!options->enforce && remedy->audit_risk != NULL)
        _posture_fix_plan_add_risk (plan, _(remedy->audit_risk));
      if (options->enforce && remedy->enforce_risk != NULL)
        _posture_fix_plan_add_risk (plan, _(remedy->enforce_risk));
      if (remedy->risk != NULL)
        _posture_fix_plan_add_risk (plan, _(remedy->risk));
    }

  set_summary (&ctx);
  g_free (ctx.action);
  return g_steal_pointer (&plan);
}
