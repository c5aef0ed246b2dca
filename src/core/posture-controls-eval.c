/* posture-controls-eval.c: the rule table of DESIGN.md's catalog
 *
 * Each rule reads the normalised snapshot and says pass, fail or unknown, with a
 * one-line reason in the admin's words (the setting's title first, the API field as
 * secondary text, so an admin can check the verdict against the admin center or
 * ScubaGear) and the evidence it read. This file holds the table, the helpers the rules
 * share, the tenant settings, tenant isolation and the manual controls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-controls-eval"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-controls-eval-private.h"
#include "posture-text.h"

/* ------------------------------------------------------------------------- */
/* Helpers for the rules                                                     */
/* ------------------------------------------------------------------------- */

void
_posture_eval_clear (PostureEval *ev)
{
  g_clear_pointer (&ev->reason, g_free);
  for (guint i = 0; i < ev->n_evidence; i++)
    if (ev->evidence[i].owned)
      g_free (ev->evidence[i].value);
  ev->n_evidence = 0;
}

void
_posture_eval_reason_take (PostureEval *ev,
                           char        *reason)
{
  g_free (ev->reason);
  ev->reason = reason;
}

void
_posture_eval_reason (PostureEval *ev,
                      const char  *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  _posture_eval_reason_take (ev, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The catalog's title of @key, interned; the key itself when the catalog has none. */
static const char *
lookup_title (PostureEval *ev,
              const char  *key)
{
  const char *title;

  for (guint i = 0; i < ev->n_titles; i++)
    if (ev->title_keys[i] == key)
      return ev->titles[i];

  title = posture_control_lookup_setting_title (ev->control, key);
  if (title == NULL)
    title = g_intern_string (key);

  if (ev->n_titles < G_N_ELEMENTS (ev->titles))
    {
      ev->title_keys[ev->n_titles] = key;
      ev->titles[ev->n_titles++] = title;
    }

  return title;
}

const char *
_posture_eval_title (PostureEval *ev,
                     const char  *key)
{
  return lookup_title (ev, key);
}

static void
add_evidence (PostureEval *ev,
              const char  *key,
              char        *value,
              gboolean     owned)
{
  PostureEvidence *item;

  g_assert (ev->n_evidence < POSTURE_MAX_EVIDENCE);

  item = &ev->evidence[ev->n_evidence++];
  item->key = key;
  item->title = lookup_title (ev, key);
  item->value = value;
  item->owned = owned;
}

void
_posture_eval_evidence_take (PostureEval *ev,
                             const char  *key,
                             char        *value)
{
  add_evidence (ev, key, value, TRUE);
}

void
_posture_eval_evidence (PostureEval *ev,
                        const char  *key,
                        const char  *value)
{
  add_evidence (ev, key, g_strdup (value), TRUE);
}

void
_posture_eval_evidence_static (PostureEval *ev,
                               const char  *key,
                               const char  *value)
{
  add_evidence (ev, key, (char *) value, FALSE);
}

void
_posture_eval_warn (PostureEval *ev,
                    const char  *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  if (ev->warn != NULL)
    ev->warn (ev->warn_data, g_strdup_vprintf (format, args));
  va_end (args);
}

PostureResult
_posture_eval_predates (PostureEval *ev)
{
  _posture_eval_reason (ev, _("This snapshot predates the control (format %u); take a new "
                              "reading to assess it"),
                        posture_snapshot_get_format_version (ev->snapshot));
  return POSTURE_RESULT_UNKNOWN;
}

PostureResult
_posture_eval_source_error (PostureEval *ev,
                            const char  *what,
                            guint        status,
                            const char  *message,
                            const char  *permission)
{
  g_autofree char *answer = NULL;

  if (status > 0)
    answer = g_strdup_printf ("HTTP %u%s%s", status, message ? ": " : "", message ? message : "");
  else
    answer = g_strdup (message ? message : _("no details"));

  if (status == 403 && permission != NULL)
    /* TRANSLATORS: first %s is what was read ("the Conditional Access policies"), second
     * the service's answer, third a Microsoft Graph permission such as Policy.Read.All */
    _posture_eval_reason (ev, _("Posture may not read %s (%s): grant the app the %s "
                                "permission"), what, answer, permission);
  else
    /* TRANSLATORS: first %s is what was read, second the service's answer */
    _posture_eval_reason (ev, _("%s could not be read (%s)"), what, answer);

  return POSTURE_RESULT_UNKNOWN;
}

const char *
_posture_eval_on_off (gboolean on,
                      gboolean unset)
{
  if (unset)
    return on ? C_("setting state", "On (not set)") : C_("setting state", "Off (not set)");
  return on ? C_("setting state", "On") : C_("setting state", "Off");
}

char *
_posture_eval_join_names (const char * const *names,
                          guint               n_names,
                          guint               max)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_names && i < max; i++)
    {
      g_autofree char *shown = posture_text_printable (names[i], 80);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, shown);
    }

  if (n_names > max)
    /* TRANSLATORS: appended to a list of names cut short: "a, b, c and 4 more" */
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more",
                                              " and %u more", n_names - max),
                            n_names - max);

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------- */
/* Tenant settings                                                           */
/* ------------------------------------------------------------------------- */

typedef struct
{
  const char *path;       /* the dotted path in listTenantSettings */
  gboolean    inverted;   /* TRUE: the setting is on when the field is false ("disable…") */
  gboolean    wanted_on;  /* the control passes when the setting is on */
} TenantSetting;

gboolean
_posture_eval_switch (PostureEval        *ev,
                      const char         *key,
                      const PostureValue *value,
                      gboolean            inverted)
{
  const char *title = _posture_eval_title (ev, key);
  PostureFlag flag = posture_value_get_flag (value);
  gboolean field = flag == POSTURE_FLAG_TRUE;
  gboolean on = inverted ? !field : field;

  g_assert (flag != POSTURE_FLAG_INVALID);

  if (value == NULL || value->kind == POSTURE_VALUE_ABSENT)
    /* TRANSLATORS: first %s is a setting's title ("Share with Everyone"), second its API
     * field */
    _posture_eval_reason (ev, on ? _("%s is on (%s is not set, which means false)")
                                 : _("%s is off (%s is not set, which means false)"),
                          title, key);
  else
    {
      g_autofree char *described = NULL;
      const char *raw;

      /* The common values need no copy. */
      if (value->kind == POSTURE_VALUE_BOOLEAN)
        raw = value->boolean ? "true" : "false";
      else if (value->kind == POSTURE_VALUE_NULL)
        raw = "null";
      else
        raw = described = posture_value_describe (value);

      /* TRANSLATORS: first %s is a setting's title ("Share with Everyone"), second its
       * API field, third the field's value (true, null, "True") */
      _posture_eval_reason (ev, on ? _("%s is on (%s is %s)") : _("%s is off (%s is %s)"),
                            title, key, raw);
    }

  _posture_eval_evidence_static (ev, key, _posture_eval_on_off (on, flag == POSTURE_FLAG_UNSET));
  return on;
}

PostureResult
_posture_eval_unexpected (PostureEval        *ev,
                          const char         *key,
                          const PostureValue *value)
{
  g_autofree char *raw = posture_value_describe (value);

  /* TRANSLATORS: first %s is a setting's title, second its API field, third the value */
  _posture_eval_reason (ev, _("%s cannot be read: %s has the unexpected value %s"),
                        _posture_eval_title (ev, key), key, raw);
  _posture_eval_evidence_take (ev, key, g_strdup_printf (_("Unexpected value %s"), raw));
  return POSTURE_RESULT_UNKNOWN;
}

/* A tenant setting: it must be on or off as wanted; a missing field takes the service's
 * default, false (DESIGN.md). */
static PostureResult
eval_tenant_setting (PostureEval *ev)
{
  const TenantSetting *setting = ev->data;
  const PostureValue *value;

  if (posture_snapshot_get_source_state (ev->snapshot, POSTURE_SOURCE_TENANT_SETTINGS) !=
      POSTURE_SOURCE_READ)
    {
      _posture_eval_reason (ev, _("The snapshot holds no tenant settings"));
      return POSTURE_RESULT_UNKNOWN;
    }

  value = posture_snapshot_get_setting (ev->snapshot, setting->path);
  if (posture_value_get_flag (value) == POSTURE_FLAG_INVALID)
    return _posture_eval_unexpected (ev, setting->path, value);

  return _posture_eval_switch (ev, setting->path, value, setting->inverted) == setting->wanted_on
         ? POSTURE_RESULT_PASS : POSTURE_RESULT_FAIL;
}

static const TenantSetting env_creation =
  { "disableEnvironmentCreationByNonAdminUsers", TRUE, FALSE };
static const TenantSetting trial_env_creation =
  { "disableTrialEnvironmentCreationByNonAdminUsers", TRUE, FALSE };
static const TenantSetting developer_env_creation =
  { "powerPlatform.governance.disableDeveloperEnvironmentCreationByNonAdminUsers", TRUE, FALSE };
static const TenantSetting pages_creation =
  { "disablePortalsCreationByNonAdminUsers", TRUE, FALSE };
static const TenantSetting share_with_everyone =
  { "powerPlatform.powerApps.disableShareWithEveryone", TRUE, FALSE };
static const TenantSetting connection_sharing =
  { "powerPlatform.powerApps.disableConnectionSharingWithEveryone", TRUE, FALSE };
static const TenantSetting guest_makers =
  { "powerPlatform.powerApps.enableGuestsToMake", FALSE, FALSE };
static const TenantSetting default_routing =
  { "powerPlatform.governance.enableDefaultEnvironmentRouting", FALSE, TRUE };

/* ------------------------------------------------------------------------- */
/* Tenant isolation                                                          */
/* ------------------------------------------------------------------------- */

#define ISOLATION_KEY "tenant_isolation.properties.isDisabled"

static PostureResult
eval_tenant_isolation (PostureEval *ev)
{
  const char *title = _posture_eval_title (ev, ISOLATION_KEY);

  if (posture_snapshot_get_source_state (ev->snapshot, POSTURE_SOURCE_TENANT_ISOLATION) !=
      POSTURE_SOURCE_READ)
    {
      _posture_eval_reason (ev, _("The snapshot holds no tenant isolation policy"));
      return POSTURE_RESULT_UNKNOWN;
    }

  switch (posture_snapshot_get_isolation_state (ev->snapshot))
    {
    case POSTURE_ISOLATION_ENABLED:
      {
        guint n = posture_snapshot_get_allowed_tenants (ev->snapshot)->len;

        /* TRANSLATORS: %s is "Tenant isolation", %u the number of allowed tenants */
        _posture_eval_reason_take (ev, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%s is on (isDisabled is "
                                                                     "false); %u tenant is "
                                                                     "allowed",
                                                                     "%s is on (isDisabled is "
                                                                     "false); %u tenants are "
                                                                     "allowed", n), title, n));
        _posture_eval_evidence_static (ev, ISOLATION_KEY, _posture_eval_on_off (TRUE, FALSE));
        return POSTURE_RESULT_PASS;
      }

    case POSTURE_ISOLATION_DISABLED:
      _posture_eval_reason (ev, _("%s is off (isDisabled is not false)"), title);
      _posture_eval_evidence_static (ev, ISOLATION_KEY, _posture_eval_on_off (FALSE, FALSE));
      return POSTURE_RESULT_FAIL;

    case POSTURE_ISOLATION_NOT_CONFIGURED:
    default:
      _posture_eval_reason (ev, _("%s has never been configured (the service has no policy)"),
                            title);
      _posture_eval_evidence_static (ev, ISOLATION_KEY, C_("setting state", "Never configured"));
      return POSTURE_RESULT_FAIL;
    }
}

/* ------------------------------------------------------------------------- */
/* Manual controls                                                           */
/* ------------------------------------------------------------------------- */

static char *
manual_tenant_isolation_allowlist (PostureSnapshot *snapshot)
{
  GPtrArray *allowed;
  GString *text;

  if (posture_snapshot_get_source_state (snapshot, POSTURE_SOURCE_TENANT_ISOLATION) !=
      POSTURE_SOURCE_READ)
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
      g_autofree char *shown = posture_text_printable (tenant->tenant_id, 80);
      const char *direction;

      if (tenant->inbound && tenant->outbound)
        direction = _("inbound and outbound");
      else if (tenant->inbound)
        direction = _("inbound");
      else if (tenant->outbound)
        direction = _("outbound");
      else
        direction = _("no direction");

      g_string_append_printf (text, "\n%s (%s)", shown, direction);
    }

  return g_string_free (text, FALSE);
}

/* Customer Lockbox has no public API (reference/tenant-api.md §2.9); it is enforced only
 * in Managed Environments, so that is the evidence an admin attests next to. */
static char *
manual_customer_lockbox (PostureSnapshot *snapshot)
{
  guint n = posture_snapshot_get_n_environments (snapshot);
  guint managed = 0;

  if (posture_snapshot_get_source_state (snapshot, POSTURE_SOURCE_ENVIRONMENTS) !=
      POSTURE_SOURCE_READ)
    return g_strdup (_("The snapshot holds no environments."));

  for (guint i = 0; i < n; i++)
    if (posture_snapshot_get_environment (snapshot, i)->managed)
      managed++;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u environment is managed; Customer Lockbox is "
                                       "enforced only in Managed Environments.",
                                       "%u of %u environments are managed; Customer Lockbox is "
                                       "enforced only in Managed Environments.", n),
                          managed, n);
}

/* ------------------------------------------------------------------------- */
/* Where environment controls apply                                          */
/* ------------------------------------------------------------------------- */

static gboolean
sku_is (const PostureEnvironment *env,
        const char               *sku)
{
  return env->sku != NULL && g_ascii_strcasecmp (env->sku, sku) == 0;
}

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
  return sku_is (env, "Production") || sku_is (env, "Sandbox") || sku_is (env, "Default");
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
eval_ip_cookie_binding (PostureEval              *ev,
                        const PostureEnvironment *env)
{
  return _posture_eval_dataverse_flag (ev, env, "enableipbasedcookiebinding", FALSE);
}

static PostureResult
eval_auditing (PostureEval              *ev,
               const PostureEnvironment *env)
{
  return _posture_eval_dataverse_flag (ev, env, "isauditenabled", FALSE);
}

static PostureResult
eval_guest_access_restricted (PostureEval              *ev,
                              const PostureEnvironment *env)
{
  return _posture_eval_dataverse_flag (ev, env, "restrictGuestUserAccess", TRUE);
}

/* ------------------------------------------------------------------------- */
/* The table                                                                 */
/* ------------------------------------------------------------------------- */

#define TENANT(id, fn)            { id, fn, NULL, NULL, NULL, NULL }
#define SETTING(id, data)         { id, eval_tenant_setting, NULL, NULL, NULL, &data }
#define ENVIRONMENT(id, where, fn) { id, NULL, where, fn, NULL, NULL }
#define MANUAL(id, fn)            { id, NULL, NULL, NULL, fn, NULL }

static const PostureRule rules[] = {
  TENANT ("tenant-isolation", eval_tenant_isolation),
  MANUAL ("tenant-isolation-allowlist", manual_tenant_isolation_allowlist),
  TENANT ("dlp-tenant-policy", _posture_eval_dlp_tenant_policy),
  TENANT ("dlp-default-environment", _posture_eval_dlp_default_environment),
  TENANT ("dlp-default-environment-connectors", _posture_eval_dlp_default_connectors),
  SETTING ("env-creation-admins-only", env_creation),
  SETTING ("trial-env-creation-admins-only", trial_env_creation),
  SETTING ("developer-env-creation-admins-only", developer_env_creation),
  SETTING ("pages-creation-admins-only", pages_creation),
  SETTING ("share-with-everyone-disabled", share_with_everyone),
  SETTING ("connection-sharing-disabled", connection_sharing),
  SETTING ("guest-makers-disabled", guest_makers),
  SETTING ("default-environment-routing", default_routing),
  TENANT ("conditional-access-mfa", _posture_eval_conditional_access_mfa),
  TENANT ("global-admin-count", _posture_eval_global_admin_count),
  ENVIRONMENT ("dlp-environment-coverage", applies_non_default,
               _posture_eval_dlp_environment_coverage),
  ENVIRONMENT ("managed-environment", applies_production_sandbox_default,
               _posture_eval_managed_environment),
  ENVIRONMENT ("environment-security-group", applies_dataverse_non_default,
               _posture_eval_environment_security_group),
  ENVIRONMENT ("sharing-limits", applies_non_developer, _posture_eval_sharing_limits),
  ENVIRONMENT ("ip-firewall", applies_dataverse, _posture_eval_ip_firewall),
  ENVIRONMENT ("ip-cookie-binding", applies_dataverse, eval_ip_cookie_binding),
  ENVIRONMENT ("auditing", applies_dataverse, eval_auditing),
  ENVIRONMENT ("content-security-policy", applies_dataverse,
               _posture_eval_content_security_policy),
  ENVIRONMENT ("guest-access-restricted", applies_dataverse, eval_guest_access_restricted),
  ENVIRONMENT ("admin-privileges", applies_dataverse, _posture_eval_admin_privileges),
  ENVIRONMENT ("app-access-control", applies_dataverse, _posture_eval_app_access_control),
  ENVIRONMENT ("customer-managed-key", applies_production_dataverse,
               _posture_eval_customer_managed_key),
  ENVIRONMENT ("virtual-network", applies_production_dataverse, _posture_eval_virtual_network),
  MANUAL ("customer-lockbox", manual_customer_lockbox),
};

#undef TENANT
#undef SETTING
#undef ENVIRONMENT
#undef MANUAL

const PostureRule *
_posture_rule_lookup (const char *control_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].id, control_id))
      return &rules[i];

  return NULL;
}

gboolean
_posture_rule_get_tenant_setting (const char  *control_id,
                                  const char **out_path,
                                  gboolean    *out_passing)
{
  const PostureRule *rule = _posture_rule_lookup (control_id);
  const TenantSetting *setting;

  if (rule == NULL || rule->tenant != eval_tenant_setting)
    return FALSE;

  setting = rule->data;
  *out_path = setting->path;
  /* On is the field true, or false when inverted. */
  *out_passing = setting->inverted ? !setting->wanted_on : setting->wanted_on;
  return TRUE;
}
