/* posture-remediation-context.c: what every kind of fix plans with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-remediation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-json.h"
#include "posture-remediation-private.h"

const char *
_posture_remediation_environment_name (const PostureEnvironment *env)
{
  return env->display_name != NULL && env->display_name[0] != '\0' ? env->display_name
                                                                     : env->name;
}

const char *
_posture_remediation_tenant_name (PostureSnapshot *snapshot)
{
  const char *name = posture_snapshot_get_tenant_name (snapshot);

  return name != NULL && name[0] != '\0' ? name : posture_snapshot_get_tenant_id (snapshot);
}

JsonNode *
_posture_remediation_object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

char *
_posture_remediation_scalar_string (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

PostureFlag
_posture_remediation_node_flag (JsonNode *node)
{
  gboolean value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return POSTURE_FLAG_UNSET;
  if (posture_json_node_get_boolean (node, &value))
    return value ? POSTURE_FLAG_TRUE : POSTURE_FLAG_FALSE;
  return POSTURE_FLAG_INVALID;
}

char *
_posture_remediation_describe_flag (JsonNode *node)
{
  g_autofree char *text = _posture_remediation_scalar_string (node);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("not set"));
  return g_strdup (text != NULL ? text : posture_json_node_type_name (node));
}

char *
_posture_remediation_join_or_empty (const char * const *entries)
{
  if (entries == NULL || entries[0] == NULL)
    return g_strdup (_("(empty)"));
  return g_strjoinv (", ", (char **) entries);
}

/* Returns: (transfer full) */
PostureFixStep *
_posture_remediation_tenant_step (PostureRemedyContext *ctx,
                                  const char           *reason)
{
  return _posture_fix_step_new (posture_snapshot_get_tenant_id (ctx->snapshot),
                                _posture_remediation_tenant_name (ctx->snapshot),
                                POSTURE_FIX_ACTION_CHANGE, reason);
}

/* Returns: (transfer full) */
PostureFixStep *
_posture_remediation_environment_step (const PostureEnvironment *env,
                                       const char               *reason)
{
  return _posture_fix_step_new (env->name, _posture_remediation_environment_name (env),
                                POSTURE_FIX_ACTION_CHANGE, reason);
}

void
_posture_remediation_skip (PostureRemedyContext *ctx,
                           const char           *id,
                           const char           *name,
                           const char           *reason)
{
  g_autoptr(PostureFixStep) step = _posture_fix_step_new (id, name, POSTURE_FIX_ACTION_SKIP,
                                                          reason);

  _posture_fix_plan_add_step (ctx->plan, step);
}

void
_posture_remediation_skip_environment (PostureRemedyContext     *ctx,
                                       const PostureEnvironment *env,
                                       const char               *reason)
{
  _posture_remediation_skip (ctx, env->name, _posture_remediation_environment_name (env),
                             reason);
}

void
_posture_remediation_add_change (PostureRemedyContext *ctx,
                                 PostureFixStep       *step,
                                 const char           *before,
                                 const char           *after,
                                 PostureFixRequest    *request)
{
  _posture_fix_step_set_values (step, before, after);
  _posture_fix_step_add_request (step, request);
  _posture_fix_plan_add_step (ctx->plan, step);
}

static gboolean
sku_is (const PostureEnvironment *env,
        const char               *sku)
{
  return env->sku != NULL && g_ascii_strcasecmp (env->sku, sku) == 0;
}

gboolean
_posture_remediation_can_be_managed (const PostureEnvironment *env)
{
  return env->is_default || sku_is (env, "Production") || sku_is (env, "Sandbox") ||
         sku_is (env, "Default");
}

/* Managed-only features (DESIGN.md; Learn: "available only for Managed Environments"). */
gboolean
_posture_remediation_check_managed (PostureRemedyContext     *ctx,
                                    const PostureEnvironment *env)
{
  g_autofree char *reason = NULL;

  if (env->managed)
    return TRUE;

  if (_posture_remediation_can_be_managed (env) && !env->has_dataverse)
    reason = g_strdup (_("Not a managed environment, and it cannot become one without "
                         "Dataverse"));
  else if (_posture_remediation_can_be_managed (env))
    reason = g_strdup (_("Not a managed environment: make it managed first "
                         "(managed-environment)"));
  else
    /* TRANSLATORS: %s is an environment type such as Trial */
    reason = g_strdup_printf (_("Needs a Managed Environment, and a %s environment cannot be "
                                "managed: only Production, Sandbox and Default ones can"),
                              env->sku != NULL ? env->sku : "?");

  _posture_remediation_skip_environment (ctx, env, reason);
  return FALSE;
}

void
_posture_remediation_add_managed_precondition (PostureFixStep *step)
{
  _posture_fix_step_add_precondition (step,
                                      _("Managed environment (protectionLevel is Standard)"));
}
