/* posture-remediation-tenant.c: the tenant-wide switches (tenant settings) and tenant
 * isolation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-remediation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-api-paths.h"
#include "posture-controls-eval-private.h"
#include "posture-json.h"
#include "posture-remediation-private.h"

/* ------------------------------------------------------------------------- */
/* Tenant settings                                                           */
/* ------------------------------------------------------------------------- */

void
_posture_remediation_plan_tenant_setting (PostureRemedyContext *ctx)
{
  JsonObject *settings = posture_snapshot_get_tenant_settings (ctx->snapshot);
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *before = NULL;
  JsonObject *root;
  JsonObject *object;
  JsonObject *current = settings;
  JsonNode *node = NULL;
  const char *title;
  const char *wanted;
  const char *path;
  gboolean value;
  guint n;

  /* The field and the value that passes are the rule's: the fix writes what the engine
   * will judge. */
  if (!_posture_rule_get_tenant_setting (ctx->remedy->id, &path, &value))
    g_assert_not_reached ();
  title = posture_control_lookup_setting_title (ctx->control, path);
  if (title == NULL)
    title = path;
  wanted = value ? "true" : "false";
  parts = g_strsplit (path, ".", -1);
  n = g_strv_length (parts);
  root = object = json_object_new ();

  /* Only the changed member, nested as its dotted path (Microsoft's admin module and
   * provider send only what they change; the whole object would overwrite settings
   * changed meanwhile). */
  for (guint i = 0; i < n; i++)
    {
      node = NULL;
      if (current != NULL)
        current = posture_json_get_member_ci (current, parts[i], &node);

      if (i + 1 < n)
        {
          JsonObject *child = json_object_new ();

          json_object_set_object_member (object, parts[i], child);
          object = child;
        }
      else
        json_object_set_boolean_member (object, parts[i], value);
    }
  body = _posture_remediation_object_node (root);

  before = node != NULL ? _posture_remediation_describe_flag (node)
                        : g_strdup (_("not set (false)"));
  /* TRANSLATORS: first %s is a setting's title ("Share with Everyone"), second its API
   * field, third true or false */
  reason = g_strdup_printf (_("%s: sets %s to %s"), title, path, wanted);
  step = _posture_remediation_tenant_step (ctx, reason);
  _posture_fix_step_add_precondition (step, _("The tenant settings were read"));
  request = posture_fix_request_new (POSTURE_FIX_KIND_TENANT_SETTINGS, "POST",
                                     POSTURE_FIX_SERVICE_BAP, NULL,
                                     POSTURE_API_UPDATE_TENANT_SETTINGS, body, body);
  _posture_remediation_add_change (ctx, step, before, wanted, request);

  /* TRANSLATORS: first %s is a setting's title, second its API field, third true or false */
  ctx->action = g_strdup_printf (_("%s: set %s to %s in the tenant settings"), title, path,
                                 wanted);
}

/* ------------------------------------------------------------------------- */
/* Tenant isolation                                                          */
/* ------------------------------------------------------------------------- */

void
_posture_remediation_plan_tenant_isolation (PostureRemedyContext *ctx)
{
  const char *tenant = posture_snapshot_get_tenant_id (ctx->snapshot);
  GPtrArray *allowed = posture_snapshot_get_allowed_tenants (ctx->snapshot);
  g_autoptr(PostureFixStep) step = NULL;
  g_autoptr(PostureFixRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) listed = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *list = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonObject *root = json_object_new ();
  JsonObject *properties = json_object_new ();
  JsonArray *tenants = json_array_new ();
  guint n = allowed != NULL ? allowed->len : 0;

  /* Only the enforcement changes: the allow-list is sent back as it is. */
  for (guint i = 0; i < n; i++)
    {
      const PostureAllowedTenant *entry = g_ptr_array_index (allowed, i);
      JsonObject *item = json_object_new ();
      JsonObject *direction = json_object_new ();

      json_object_set_boolean_member (direction, "inbound", entry->inbound);
      json_object_set_boolean_member (direction, "outbound", entry->outbound);
      json_object_set_string_member (item, "tenantId", entry->tenant_id);
      json_object_set_object_member (item, "direction", direction);
      json_array_add_object_element (tenants, item);
      g_strv_builder_add (names, entry->tenant_id);
    }
  json_object_set_string_member (properties, "tenantId", tenant);
  json_object_set_boolean_member (properties, "isDisabled", FALSE);
  json_object_set_array_member (properties, "allowedTenants", tenants);
  json_object_set_object_member (root, "properties", properties);
  body = _posture_remediation_object_node (root);

  listed = g_strv_builder_end (names);
  list = _posture_remediation_join_or_empty ((const char * const *) listed);
  if (posture_snapshot_get_isolation_state (ctx->snapshot) == POSTURE_ISOLATION_NOT_CONFIGURED)
    before = g_strdup (_("Never configured"));
  else
    /* TRANSLATORS: %s is a list of tenant ids, or "(empty)" */
    before = g_strdup_printf (_("Off; allowed tenants: %s"), list);
  after = g_strdup_printf (_("On; allowed tenants: %s"), list);

  escaped = g_uri_escape_string (tenant, NULL, FALSE);
  path = g_strdup_printf (POSTURE_API_TENANT_ISOLATION, escaped);
  step = _posture_remediation_tenant_step (ctx, _("Turns tenant isolation on and keeps the "
                                                  "allowed tenants as they are"));
  _posture_fix_step_add_precondition (step, _("The tenant isolation policy was read"));
  request = posture_fix_request_new (POSTURE_FIX_KIND_TENANT_ISOLATION, "PUT",
                                     POSTURE_FIX_SERVICE_BAP, NULL, path, body, body);
  _posture_remediation_add_change (ctx, step, before, after, request);

  ctx->action = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Turn on tenant isolation, keeping the %u "
                                              "allowed tenant",
                                              "Turn on tenant isolation, keeping the %u "
                                              "allowed tenants", n), n);
}
