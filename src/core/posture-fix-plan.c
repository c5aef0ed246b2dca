/* posture-fix-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-plan"

#include "config.h"

#include "posture-fix-plan.h"
#include "posture-fix-private.h"
#include "posture-json.h"
#include "posture-remediation.h"

struct _PostureFixPlan
{
  GObject     parent_instance;

  char       *control_id;
  char       *summary;
  GPtrArray  *risks;      /* of char *, NULL-terminated */
  GListStore *steps;      /* of PostureFixStep */
};

enum {
  PROP_0,
  PROP_CONTROL_ID,
  PROP_SUMMARY,
  PROP_RISKS,
  PROP_STEPS,
  PROP_N_CHANGES,
  PROP_N_SKIPPED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureFixPlan, posture_fix_plan, G_TYPE_OBJECT)

static guint
count_action (PostureFixPlan   *self,
              PostureFixAction  action)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (posture_fix_step_get_action (step) == action)
        count++;
    }

  return count;
}

static void
posture_fix_plan_dispose (GObject *object)
{
  PostureFixPlan *self = (PostureFixPlan *) object;

  g_clear_object (&self->steps);

  G_OBJECT_CLASS (posture_fix_plan_parent_class)->dispose (object);
}

static void
posture_fix_plan_finalize (GObject *object)
{
  PostureFixPlan *self = (PostureFixPlan *) object;

  g_clear_pointer (&self->control_id, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->risks, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_fix_plan_parent_class)->finalize (object);
}

static void
posture_fix_plan_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PostureFixPlan *self = POSTURE_FIX_PLAN (object);

  switch (prop_id)
    {
    case PROP_CONTROL_ID:
      g_value_set_string (value, self->control_id);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_RISKS:
      g_value_set_boxed (value, self->risks->pdata);
      break;
    case PROP_STEPS:
      g_value_set_object (value, self->steps);
      break;
    case PROP_N_CHANGES:
      g_value_set_uint (value, count_action (self, POSTURE_FIX_ACTION_CHANGE));
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, count_action (self, POSTURE_FIX_ACTION_SKIP));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_plan_class_init (PostureFixPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = posture_fix_plan_dispose;
  object_class->finalize = posture_fix_plan_finalize;
  object_class->get_property = posture_fix_plan_get_property;

  properties [PROP_CONTROL_ID] = g_param_spec_string ("control-id", NULL, NULL, NULL, ro);
  properties [PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);
  properties [PROP_RISKS] = g_param_spec_boxed ("risks", NULL, NULL, G_TYPE_STRV, ro);
  properties [PROP_STEPS] = g_param_spec_object ("steps", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties [PROP_N_CHANGES] = g_param_spec_uint ("n-changes", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_fix_plan_init (PostureFixPlan *self)
{
  self->risks = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->risks, NULL);
  self->steps = g_list_store_new (POSTURE_TYPE_FIX_STEP);
}

PostureFixPlan *
_posture_fix_plan_new (const char *control_id)
{
  PostureFixPlan *self = g_object_new (POSTURE_TYPE_FIX_PLAN, NULL);

  self->control_id = g_strdup (control_id);
  return self;
}

void
_posture_fix_plan_add_step (PostureFixPlan *self,
                            PostureFixStep *step)
{
  g_assert (POSTURE_IS_FIX_PLAN (self));

  g_list_store_append (self->steps, step);
}

void
_posture_fix_plan_add_risk (PostureFixPlan *self,
                            const char     *risk)
{
  g_assert (POSTURE_IS_FIX_PLAN (self));

  for (guint i = 0; i + 1 < self->risks->len; i++)
    if (g_str_equal (g_ptr_array_index (self->risks, i), risk))
      return;
  g_ptr_array_insert (self->risks, self->risks->len - 1, g_strdup (risk));
}

void
_posture_fix_plan_set_summary (PostureFixPlan *self,
                               const char     *summary)
{
  g_assert (POSTURE_IS_FIX_PLAN (self));

  g_free (self->summary);
  self->summary = g_strdup (summary);
}

const char *
posture_fix_plan_get_control_id (PostureFixPlan *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), NULL);
  return self->control_id;
}

const char *
posture_fix_plan_get_summary (PostureFixPlan *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), NULL);
  return self->summary;
}

const char * const *
posture_fix_plan_get_risks (PostureFixPlan *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), NULL);
  return (const char * const *) self->risks->pdata;
}

/**
 * posture_fix_plan_get_steps:
 *
 * Returns: (transfer none): a GListModel of PostureFixStep
 */
GListModel *
posture_fix_plan_get_steps (PostureFixPlan *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), NULL);
  return G_LIST_MODEL (self->steps);
}

guint
posture_fix_plan_get_n_changes (PostureFixPlan *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), 0);
  return count_action (self, POSTURE_FIX_ACTION_CHANGE);
}

guint
posture_fix_plan_get_n_skipped (PostureFixPlan *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), 0);
  return count_action (self, POSTURE_FIX_ACTION_SKIP);
}

guint
posture_fix_plan_count_outcome (PostureFixPlan    *self,
                                PostureFixOutcome  outcome)
{
  guint n;
  guint count = 0;

  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (posture_fix_step_get_outcome (step) == outcome)
        count++;
    }

  return count;
}

/* ------------------------------------------------------------------------- */
/* Projection                                                                */
/* ------------------------------------------------------------------------- */

/* Members are matched case-insensitively, as the engine reads them: a change to a
 * re-cased setting replaces it rather than adding a second spelling. */
static void
merge_object (JsonObject *target,
              JsonObject *changes)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *change;

  json_object_iter_init_ordered (&iter, changes);
  while (json_object_iter_next_ordered (&iter, &name, &change))
    {
      const char *existing = _posture_fix_json_member_name (target, name);
      JsonNode *current = existing != NULL ? json_object_get_member (target, existing) : NULL;

      if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) && JSON_NODE_HOLDS_OBJECT (change))
        merge_object (json_node_get_object (current), json_node_get_object (change));
      else
        json_object_set_member (target, existing != NULL ? existing : name,
                                _posture_fix_json_copy (change));
    }
}

/* The object member @name of @parent, made an empty object when absent or not one. */
static JsonObject *
ensure_object (JsonObject *parent,
               const char *name)
{
  const char *existing = _posture_fix_json_member_name (parent, name);
  JsonNode *node = existing != NULL ? json_object_get_member (parent, existing) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  json_object_set_object_member (parent, existing != NULL ? existing : name, json_object_new ());
  return json_object_get_object_member (parent, existing != NULL ? existing : name);
}

static JsonArray *
ensure_array (JsonObject *parent,
              const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  json_object_set_array_member (parent, name, json_array_new ());
  return json_object_get_array_member (parent, name);
}

static JsonObject *
find_dataverse_row (JsonObject *sources,
                    const char *name)
{
  JsonObject *dataverse = ensure_object (sources, "dataverse");
  const char *key = _posture_fix_json_member_name (dataverse, name);
  JsonObject *entry;
  JsonArray *value;

  if (key == NULL)
    return NULL;

  entry = posture_json_get_object (dataverse, key);
  if (entry == NULL)
    return NULL;

  /* Either the organizations row itself, or the OData list that holds it. */
  value = posture_json_get_array (entry, "value");
  if (value != NULL)
    {
      JsonNode *first = json_array_get_length (value) > 0 ? json_array_get_element (value, 0)
                                                          : NULL;

      return first != NULL && JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
    }

  return entry;
}

static gboolean
project_request (JsonObject         *sources,
                 PostureFixStep     *step,
                 PostureFixRequest  *request,
                 GError            **error)
{
  JsonNode *body = posture_fix_request_get_body (request);
  const char *resource = posture_fix_step_get_resource_id (step);
  JsonObject *target;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_PROJECTION,
                   "The change to %s has no JSON object to apply", resource);
      return FALSE;
    }

  switch (posture_fix_request_get_kind (request))
    {
    case POSTURE_FIX_KIND_TENANT_SETTINGS:
      merge_object (ensure_object (sources, "tenant_settings"), json_node_get_object (body));
      return TRUE;

    case POSTURE_FIX_KIND_TENANT_ISOLATION:
      json_object_set_member (sources, "tenant_isolation", _posture_fix_json_copy (body));
      return TRUE;

    case POSTURE_FIX_KIND_DLP_CREATE:
    case POSTURE_FIX_KIND_DLP_UPDATE:
      {
        JsonArray *policies = ensure_array (sources, "dlp_policies");
        JsonNode *copy = _posture_fix_json_copy (body);
        JsonObject *definition = ensure_object (json_node_get_object (copy), "policyDefinition");
        const char *name = posture_json_get_string (definition, "name");

        if (name == NULL)
          json_object_set_string_member (definition, "name", "posture-baseline-projected");
        name = posture_json_get_string (definition, "name");

        for (guint i = 0; i < json_array_get_length (policies); i++)
          {
            JsonNode *node = json_array_get_element (policies, i);
            const char *other;

            if (!JSON_NODE_HOLDS_OBJECT (node))
              continue;
            other = posture_json_get_path_string (json_node_get_object (node),
                                                  "policyDefinition.name");
            if (other == NULL)
              other = posture_json_get_string (json_node_get_object (node), "name");
            if (other != NULL && g_ascii_strcasecmp (other, name) == 0)
              {
                json_array_remove_element (policies, i);
                break;
              }
          }
        json_array_add_element (policies, copy);
        return TRUE;
      }

    case POSTURE_FIX_KIND_GOVERNANCE:
      if ((target = _posture_fix_json_find_named (ensure_array (sources, "environments"),
                                                   resource)) == NULL)
        break;
      merge_object (ensure_object (ensure_object (target, "properties"), "governanceConfiguration"),
                    json_node_get_object (body));
      return TRUE;

    case POSTURE_FIX_KIND_DATAVERSE:
      if ((target = find_dataverse_row (sources, resource)) == NULL)
        break;
      merge_object (target, json_node_get_object (body));
      return TRUE;

    default:
      break;
    }

  g_set_error (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_PROJECTION,
               "The snapshot holds no %s to apply the change to", resource);
  return FALSE;
}

/**
 * posture_fix_plan_project:
 * @snapshot: the snapshot the plan was made from
 *
 * Returns: (transfer full): the projected snapshot, or NULL with @error set
 */
PostureSnapshot *
posture_fix_plan_project (PostureFixPlan   *self,
                          PostureSnapshot  *snapshot,
                          GError          **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *document;
  JsonObject *sources;
  guint n;

  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), NULL);
  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The snapshot's own document, copied into a mutable tree: the changes are applied in
   * place, the snapshot is left as it is. */
  document = posture_snapshot_get_json (snapshot);
  if (document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
    {
      g_set_error_literal (error, POSTURE_FIX_ERROR, POSTURE_FIX_ERROR_NEEDS_DOCUMENT,
                           "The snapshot holds no document to project the fix onto: read the "
                           "tenant again, or load the snapshot from its JSON file");
      return NULL;
    }
  root = _posture_fix_json_copy (document);
  sources = ensure_object (json_node_get_object (root), "sources");

  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      GListModel *requests = posture_fix_step_get_requests (step);

      if (posture_fix_step_get_action (step) != POSTURE_FIX_ACTION_CHANGE)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (requests); j++)
        {
          g_autoptr(PostureFixRequest) request = g_list_model_get_item (requests, j);

          if (!project_request (sources, step, request, error))
            return NULL;
        }
    }

  return posture_snapshot_new_from_json (root, "projection", error);
}

/* ------------------------------------------------------------------------- */
/* JSON                                                                      */
/* ------------------------------------------------------------------------- */

static void
set_nullable_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static JsonNode *
step_to_json (PostureFixStep *step,
              const char     *bap_base,
              const char     *graph_base,
              gboolean        dry_run)
{
  GListModel *requests = posture_fix_step_get_requests (step);
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();
  JsonNode *node;
  PostureFixOutcome outcome = posture_fix_step_get_outcome (step);

  json_object_set_string_member (object, "id", posture_fix_step_get_resource_id (step));
  json_object_set_string_member (object, "name", posture_fix_step_get_name (step));
  json_object_set_string_member (object, "action",
                                 posture_fix_action_to_string (posture_fix_step_get_action (step)));
  set_nullable_string (object, "reason", posture_fix_step_get_reason (step));
  json_object_set_array_member (object, "preconditions",
                                strv_to_array (posture_fix_step_get_preconditions (step)));
  set_nullable_string (object, "before", posture_fix_step_get_before (step));
  set_nullable_string (object, "after", posture_fix_step_get_after (step));

  for (guint i = 0; i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr(PostureFixRequest) request = g_list_model_get_item (requests, i);

      json_array_add_element (array, posture_fix_request_to_json (request, bap_base, graph_base));
    }
  json_object_set_array_member (object, "requests", array);

  set_nullable_string (object, "result", dry_run ? NULL : posture_fix_outcome_to_string (outcome));
  set_nullable_string (object, "message", dry_run ? NULL : posture_fix_step_get_message (step));
  set_nullable_string (object, "operation_url",
                       dry_run ? NULL : posture_fix_step_get_operation_url (step));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * posture_fix_plan_to_json:
 *
 * Returns: (transfer full): the plan as `posture-cli fix --format json` prints it
 */
JsonNode *
posture_fix_plan_to_json (PostureFixPlan *self,
                          const char     *bap_base,
                          const char     *graph_base,
                          gboolean        dry_run)
{
  JsonObject *object;
  JsonArray *resources;
  JsonNode *node;
  guint n;

  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "control", self->control_id);
  json_object_set_boolean_member (object, "dry_run", dry_run);
  set_nullable_string (object, "summary", self->summary);
  json_object_set_array_member (object, "risks",
                                strv_to_array ((const char * const *) self->risks->pdata));

  resources = json_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      json_array_add_element (resources, step_to_json (step, bap_base, graph_base, dry_run));
    }
  json_object_set_array_member (object, "resources", resources);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * posture_fix_plan_dup_pending:
 *
 * Returns: (transfer full) (element-type PosturePendingFix): the pending steps
 */
GPtrArray *
posture_fix_plan_dup_pending (PostureFixPlan *self)
{
  GPtrArray *pending;
  guint n;

  g_return_val_if_fail (POSTURE_IS_FIX_PLAN (self), NULL);

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_pending_fix_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureFixStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (posture_fix_step_get_outcome (step) == POSTURE_FIX_OUTCOME_PENDING &&
          posture_fix_step_get_operation_url (step) != NULL)
        g_ptr_array_add (pending,
                         posture_pending_fix_new (self->control_id,
                                                  posture_fix_step_get_resource_id (step),
                                                  posture_fix_step_get_operation_url (step)));
    }

  return pending;
}
