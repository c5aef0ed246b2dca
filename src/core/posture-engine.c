/* posture-engine.c: snapshot in, assessment out
 *
 * Scoring (DESIGN.md "Results and score"): a tenant control is worth N points, N the
 * number of environments, all or nothing; an environment control is worth 1 point per
 * applicable environment that passes. Unknown resources count neither in earned nor in
 * possible points, and raise a warning. Decisions then apply: risk-accepted gives no
 * points and leaves the to-do list; alternate-mitigation and third-party give full
 * points; planned feeds the projected score.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-assessment-private.h"
#include "posture-controls-eval-private.h"
#include "posture-engine.h"
#include "posture-error.h"

/* The assessment's warnings, each once, in the order they were raised. */
typedef struct
{
  GPtrArray  *list;    /* of char *, owned */
  GHashTable *seen;    /* borrowed from list */
} Warnings;

static void
warnings_take (gpointer  data,
               char     *warning)
{
  Warnings *warnings = data;

  if (g_hash_table_contains (warnings->seen, warning))
    {
      g_free (warning);
      return;
    }
  g_hash_table_add (warnings->seen, warning);
  g_ptr_array_add (warnings->list, warning);
}

static gboolean
decision_resolves (PostureDecision *decision)
{
  PostureDecisionStatus status = posture_decision_get_status (decision);

  return status == POSTURE_DECISION_ALTERNATE_MITIGATION ||
         status == POSTURE_DECISION_THIRD_PARTY;
}

static gboolean
decision_hides (PostureDecision *decision)
{
  return decision_resolves (decision) ||
         posture_decision_get_status (decision) == POSTURE_DECISION_RISK_ACCEPTED;
}

static GPtrArray *
select_controls (const PostureAssessOptions  *options,
                 GError                     **error)
{
  PostureCatalog *catalog = posture_catalog_get_default ();
  g_autofree char *joined = NULL;

  if (options->control_ids != NULL)
    {
      joined = g_strjoinv (",", (char **) options->control_ids);
      if (joined[0] == '\0')
        {
          g_set_error_literal (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL,
                               "No control ids given; \"posture-cli controls\" lists them");
          return NULL;
        }
    }

  return posture_catalog_select (catalog, options->profile, joined, error);
}

static PostureResourceResult *
resource_from_eval (PostureEval   *ev,
                    const char    *id,
                    const char    *name,
                    const char    *environment_type,
                    PostureResult  status,
                    guint          points)
{
  PostureResourceResult *resource;

  resource = _posture_resource_result_new (id, name, environment_type, status,
                                           g_steal_pointer (&ev->reason));
  _posture_resource_result_take_evidence (resource, ev);
  resource->points = points;
  _posture_eval_clear (ev);
  return resource;
}

static void
evaluate (PostureControlResult *result,
          const PostureRule    *rule,
          PostureSnapshot      *snapshot,
          Warnings             *warnings)
{
  PostureControl *control = result->control;
  guint n_environments = posture_snapshot_get_n_environments (snapshot);
  PostureEval ev = { snapshot, control, rule->data, warnings_take, warnings, };

  if (posture_control_get_manual (control) || rule->manual != NULL)
    {
      result->status = POSTURE_STATUS_MANUAL;
      result->evidence = rule->manual ? rule->manual (snapshot) : NULL;
      return;
    }

  if (posture_control_get_scope (control) == POSTURE_SCOPE_TENANT)
    {
      const char *tenant_id = posture_snapshot_get_tenant_id (snapshot);
      const char *tenant_name = posture_snapshot_get_tenant_name (snapshot);
      PostureResult status = rule->tenant (&ev);

      if (tenant_name == NULL)
        tenant_name = tenant_id != NULL ? tenant_id : _("Tenant");
      g_ptr_array_add (result->resource_array,
                       resource_from_eval (&ev, tenant_id ? tenant_id : "tenant", tenant_name,
                                           NULL, status, n_environments));
    }
  else
    {
      for (guint i = 0; i < n_environments; i++)
        {
          const PostureEnvironment *env = posture_snapshot_get_environment (snapshot, i);
          PostureResult status;

          if (!rule->applies (snapshot, env))
            continue;

          status = rule->environment (&ev, env);
          g_ptr_array_add (result->resource_array,
                           resource_from_eval (&ev, env->name, env->display_name, env->sku,
                                               status, 1));
        }
    }

  for (guint i = 0; i < result->resource_array->len; i++)
    {
      PostureResourceResult *resource = g_ptr_array_index (result->resource_array, i);

      switch (resource->status)
        {
        case POSTURE_RESULT_PASS:
          result->n_pass++;
          break;
        case POSTURE_RESULT_FAIL:
          result->n_fail++;
          break;
        case POSTURE_RESULT_UNKNOWN:
        default:
          result->n_unknown++;
          break;
        }
    }

  if (result->resource_array->len == 0)
    result->status = POSTURE_STATUS_NOT_APPLICABLE;
  else if (result->n_pass + result->n_fail == 0)
    result->status = POSTURE_STATUS_UNKNOWN;
  else if (result->n_fail == 0)
    result->status = POSTURE_STATUS_PASS;
  else if (result->n_pass == 0)
    result->status = POSTURE_STATUS_FAIL;
  else
    result->status = POSTURE_STATUS_PARTIAL;

  if (result->n_unknown > 0)
    {
      const char *title = posture_control_get_title (control);

      if (posture_control_get_scope (control) == POSTURE_SCOPE_TENANT)
        {
          PostureResourceResult *resource = g_ptr_array_index (result->resource_array, 0);

          /* TRANSLATORS: "<control title>: not assessed: <reason>" */
          warnings_take (warnings, g_strdup_printf (_("%s: not assessed: %s"), title,
                                                    resource->reason));
        }
      else
        warnings_take (warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s: %u environment could not be assessed "
                                                     "and counts for no points; see its reason",
                                                     "%s: %u environments could not be assessed "
                                                     "and count for no points; see their reasons",
                                                     result->n_unknown),
                                        title, result->n_unknown));
    }
}

/* Applies the decisions and sums the points. */
static void
score (PostureControlResult *result,
       GHashTable           *resource_decisions,
       GPtrArray            *applied,
       GPtrArray            *planned_keys)
{
  const char *id = posture_control_get_id (result->control);
  gboolean resolved = result->decision != NULL && decision_resolves (result->decision);
  gboolean hidden = result->decision != NULL && decision_hides (result->decision);
  gboolean left_to_do = FALSE;

  result->earned = result->possible = result->raw_earned = 0;

  for (guint i = 0; i < result->resource_array->len; i++)
    {
      PostureResourceResult *resource = g_ptr_array_index (result->resource_array, i);
      PostureDecision *decision = NULL;

      if (resource_decisions != NULL && g_hash_table_size (resource_decisions) > 0)
        {
          g_autofree char *key = g_strconcat (id, "/", resource->id, NULL);

          decision = g_hash_table_lookup (resource_decisions, key);
        }

      if (decision != NULL)
        {
          g_ptr_array_add (applied, g_object_ref (decision));
          if (decision_hides (decision))
            resource->hidden = TRUE;
          if (posture_decision_get_status (decision) == POSTURE_DECISION_PLANNED)
            g_ptr_array_add (planned_keys, g_strconcat (id, "/", resource->id, NULL));
        }

      if (resource->status == POSTURE_RESULT_UNKNOWN)
        continue;

      result->possible += resource->points;
      if (resource->status == POSTURE_RESULT_PASS)
        result->raw_earned += resource->points;

      resource->credited = resource->status == POSTURE_RESULT_PASS || resolved ||
                           (decision != NULL && decision_resolves (decision));
      if (resource->credited)
        result->earned += resource->points;

      if (resource->status == POSTURE_RESULT_FAIL && !resource->credited && !resource->hidden)
        left_to_do = TRUE;
    }

  result->recommended = !hidden && left_to_do &&
                        (result->status == POSTURE_STATUS_FAIL ||
                         result->status == POSTURE_STATUS_PARTIAL);
}

static int
compare_recommendations (gconstpointer a,
                         gconstpointer b)
{
  PostureControlResult *ra = *(PostureControlResult **) a;
  PostureControlResult *rb = *(PostureControlResult **) b;
  PostureSeverity sa = posture_control_get_severity (ra->control);
  PostureSeverity sb = posture_control_get_severity (rb->control);
  guint ga = ra->possible - ra->earned;
  guint gb = rb->possible - rb->earned;

  if (sa != sb)
    return sa > sb ? -1 : 1;
  if (ga != gb)
    return ga > gb ? -1 : 1;
  return strcmp (posture_control_get_id (ra->control), posture_control_get_id (rb->control));
}

/**
 * posture_engine_assess:
 * @snapshot: the snapshot (not modified)
 * @options: (nullable): what to assess; %NULL is POSTURE_ASSESS_OPTIONS_INIT
 *
 * Returns: (transfer full): the assessment, or %NULL with
 *   POSTURE_ENGINE_ERROR_UNKNOWN_CONTROL when @options names a control that does not exist
 */
PostureAssessment *
posture_engine_assess (PostureSnapshot             *snapshot,
                       const PostureAssessOptions  *options,
                       GError                     **error)
{
  static const PostureAssessOptions defaults = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_autoptr(GPtrArray) controls = NULL;
  g_autoptr(GHashTable) seen_warnings = NULL;
  Warnings warnings;
  g_autoptr(GPtrArray) planned_ids = NULL;
  g_autoptr(GPtrArray) planned_keys = NULL;
  g_autoptr(GHashTable) control_decisions = NULL;
  g_autoptr(GHashTable) resource_decisions = NULL;
  const char * const *snapshot_warnings;
  guint earned = 0;
  guint possible = 0;

  g_return_val_if_fail (POSTURE_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  if (!(controls = select_controls (options, error)))
    return NULL;

  /* Index the decisions: control-level by id, resource-level by "id/resource". */
  control_decisions = g_hash_table_new (g_str_hash, g_str_equal);
  resource_decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (options->decisions != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, options->decisions);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          PostureDecision *decision = value;
          const char *resource_id;

          g_return_val_if_fail (POSTURE_IS_DECISION (decision), NULL);

          resource_id = posture_decision_get_resource_id (decision);
          if (resource_id == NULL)
            g_hash_table_insert (control_decisions,
                                 (gpointer) posture_decision_get_control_id (decision), decision);
          else
            g_hash_table_insert (resource_decisions,
                                 g_strconcat (posture_decision_get_control_id (decision), "/",
                                              resource_id, NULL),
                                 decision);
        }
    }

  assessment = _posture_assessment_new ();
  assessment->tenant_id = g_strdup (posture_snapshot_get_tenant_id (snapshot));
  assessment->tenant_name = g_strdup (posture_snapshot_get_tenant_name (snapshot));
  assessment->profile = options->profile;
  assessment->assessed_at = options->now ? g_date_time_ref (options->now)
                                         : g_date_time_new_now_utc ();
  if (posture_snapshot_get_captured_at (snapshot) != NULL)
    assessment->captured_at = g_date_time_ref (posture_snapshot_get_captured_at (snapshot));

  seen_warnings = g_hash_table_new (g_str_hash, g_str_equal);
  warnings.list = g_ptr_array_new_with_free_func (g_free);
  warnings.seen = seen_warnings;
  snapshot_warnings = posture_snapshot_get_warnings (snapshot);
  for (guint i = 0; snapshot_warnings != NULL && snapshot_warnings[i] != NULL; i++)
    warnings_take (&warnings, g_strdup (snapshot_warnings[i]));

  planned_ids = g_ptr_array_new ();
  planned_keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < controls->len; i++)
    {
      PostureControl *control = g_ptr_array_index (controls, i);
      const PostureRule *rule = _posture_rule_lookup (posture_control_get_id (control));
      PostureControlResult *result;
      PostureDecision *decision;

      if (rule == NULL)
        {
          g_set_error (error, POSTURE_ENGINE_ERROR, POSTURE_ENGINE_ERROR_CATALOG,
                       "The catalog control \"%s\" has no evaluation in this build",
                       posture_control_get_id (control));
          g_ptr_array_unref (warnings.list);
          return NULL;
        }

      result = _posture_control_result_new (control);
      g_ptr_array_add (assessment->control_array, result);

      evaluate (result, rule, snapshot, &warnings);

      if ((decision = g_hash_table_lookup (control_decisions, posture_control_get_id (control))))
        {
          result->decision = g_object_ref (decision);
          g_ptr_array_add (assessment->decisions, g_object_ref (decision));
          if (posture_decision_get_status (decision) == POSTURE_DECISION_PLANNED)
            g_ptr_array_add (planned_ids, (gpointer) posture_control_get_id (control));
        }

      score (result, resource_decisions, assessment->decisions, planned_keys);
      earned += result->earned;
      possible += result->possible;
    }

  _posture_score_init (&assessment->score, earned, possible);

  for (guint i = 0; i < assessment->control_array->len; i++)
    {
      PostureControlResult *result = g_ptr_array_index (assessment->control_array, i);

      /* The what-if of this one control: its missing points over the same total. */
      result->gain = possible > 0 ? 100.0 * (double) (result->possible - result->earned) /
                                    (double) possible : 0;

      if (result->recommended)
        g_ptr_array_add (assessment->recommendation_array, g_object_ref (result));
    }
  g_ptr_array_sort (assessment->recommendation_array, compare_recommendations);
  for (guint i = 0; i < assessment->recommendation_array->len; i++)
    ((PostureControlResult *) g_ptr_array_index (assessment->recommendation_array, i))->rank =
        i + 1;

  g_ptr_array_add (planned_ids, NULL);
  g_ptr_array_add (planned_keys, NULL);
  posture_assessment_what_if (assessment,
                              (const char * const *) planned_ids->pdata,
                              (const char * const *) planned_keys->pdata,
                              &assessment->planned);

  _posture_assessment_add_breakdowns (assessment);

  g_ptr_array_add (warnings.list, NULL);
  assessment->warnings = (GStrv) g_ptr_array_free (warnings.list, FALSE);

  return g_steal_pointer (&assessment);
}

typedef struct
{
  PostureSnapshot      *snapshot;
  PostureAssessOptions  options;
  GStrv                 control_ids;
} AssessData;

static void
assess_data_free (gpointer data)
{
  AssessData *state = data;

  g_clear_object (&state->snapshot);
  g_clear_pointer (&state->options.decisions, g_hash_table_unref);
  g_clear_pointer (&state->options.now, g_date_time_unref);
  g_strfreev (state->control_ids);
  g_free (state);
}

static void
assess_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AssessData *state = task_data;
  g_autoptr(GError) error = NULL;
  PostureAssessment *assessment;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(assessment = posture_engine_assess (state->snapshot, &state->options, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, assessment, g_object_unref);
}

/**
 * posture_engine_assess_async:
 *
 * Assesses on a worker thread. The snapshot is immutable; the decisions table is
 * referenced and must not be changed until the callback runs.
 */
void
posture_engine_assess_async (PostureSnapshot             *snapshot,
                             const PostureAssessOptions  *options,
                             GCancellable                *cancellable,
                             GAsyncReadyCallback          callback,
                             gpointer                     user_data)
{
  static const PostureAssessOptions defaults = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(GTask) task = NULL;
  AssessData *state;

  g_return_if_fail (POSTURE_IS_SNAPSHOT (snapshot));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (options == NULL)
    options = &defaults;

  state = g_new0 (AssessData, 1);
  state->snapshot = g_object_ref (snapshot);
  state->options.profile = options->profile;
  state->control_ids = g_strdupv ((char **) options->control_ids);
  state->options.control_ids = (const char * const *) state->control_ids;
  state->options.decisions = options->decisions ? g_hash_table_ref (options->decisions) : NULL;
  state->options.now = options->now ? g_date_time_ref (options->now) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_engine_assess_async);
  g_task_set_task_data (task, state, assess_data_free);
  g_task_run_in_thread (task, assess_thread);
}

/**
 * posture_engine_assess_finish:
 *
 * Returns: (transfer full): the assessment
 */
PostureAssessment *
posture_engine_assess_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_engine_assess_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
