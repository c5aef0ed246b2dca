/* posture-session-what-if.c: fixes simulated ("what if it passed") and the projected score
 *
 * The projection is exact: core plans each simulated or planned control's fix on the
 * snapshot the ones before it projected (posture_remediation_what_if), and the engine
 * assesses the result, so a fix's side effects on other controls count as they will.
 * Controls without a fix through the API (or whose plan needs the admin's input) are
 * counted as passing on top. It runs on a worker thread over immutable inputs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include "posture-engine.h"
#include "posture-remediation.h"
#include "posture-session-private.h"

typedef struct
{
  PostureSnapshot *snapshot;
  GHashTable      *decisions;
  GStrv            control_ids;
  PostureProfile   profile;
  guint            generation;
} Projection;

static void
projection_free (Projection *projection)
{
  g_clear_object (&projection->snapshot);
  g_clear_pointer (&projection->decisions, g_hash_table_unref);
  g_clear_pointer (&projection->control_ids, g_strfreev);
  g_free (projection);
}

static void
posture_session_project_thread (GTask        *task,
                                gpointer      source_object,
                                gpointer      task_data,
                                GCancellable *cancellable)
{
  Projection *projection = task_data;
  PostureAssessOptions options = POSTURE_ASSESS_OPTIONS_INIT;
  g_autoptr(PostureSnapshot) projected = NULL;
  g_autoptr(PostureAssessment) assessment = NULL;
  g_auto(GStrv) left_out = NULL;
  g_autoptr(GError) error = NULL;
  PostureScore *score;

  projected = posture_remediation_what_if (projection->snapshot,
                                           (const char * const *) projection->control_ids,
                                           &left_out, &error);
  if (projected == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  options.profile = projection->profile;
  options.decisions = projection->decisions;
  assessment = posture_engine_assess (projected, &options, &error);
  if (assessment == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  score = g_new0 (PostureScore, 1);
  posture_assessment_what_if (assessment, (const char * const *) left_out, NULL, score);
  g_task_return_pointer (task, score, g_free);
}

static void
posture_session_project_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  PostureSession *self = POSTURE_SESSION (object);
  Projection *projection = g_task_get_task_data (G_TASK (result));
  g_autofree PostureScore *score = NULL;
  g_autoptr(GError) error = NULL;

  score = g_task_propagate_pointer (G_TASK (result), &error);
  if (score == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot project the simulated fixes: %s", error->message);
      return;
    }

  /* A newer assessment, simulation or decision superseded this one. */
  if (projection->generation != self->projection_generation)
    return;

  self->projected = *score;
  self->has_projection = TRUE;
  _posture_session_notify_projected (self);
}

/* The controls simulated, then those planned by a decision. */
static GStrv
projected_controls (PostureSession *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->what_if);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));

  g_hash_table_iter_init (&iter, self->decisions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (posture_decision_get_status (value) == POSTURE_DECISION_PLANNED &&
        strchr (key, '/') == NULL &&
        !g_hash_table_contains (self->what_if, key))
      g_ptr_array_add (ids, g_strdup (key));

  g_ptr_array_sort (ids, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_steal (ids, NULL);
}

/* Projects the score again after a new assessment, simulation or decision. */
void
_posture_session_project (PostureSession *self)
{
  g_autoptr(GTask) task = NULL;
  Projection *projection;
  g_auto(GStrv) ids = NULL;

  self->projection_generation++;
  self->has_projection = FALSE;

  ids = projected_controls (self);
  if (self->assessment == NULL || self->snapshot == NULL || ids[0] == NULL)
    {
      _posture_session_notify_projected (self);
      return;
    }

  projection = g_new0 (Projection, 1);
  projection->snapshot = g_object_ref (self->snapshot);
  projection->decisions = g_hash_table_ref (self->decisions);
  projection->control_ids = g_steal_pointer (&ids);
  projection->profile = self->profile;
  projection->generation = self->projection_generation;

  task = g_task_new (self, self->cancellable, posture_session_project_cb, NULL);
  g_task_set_source_tag (task, _posture_session_project);
  g_task_set_task_data (task, projection, (GDestroyNotify) projection_free);
  g_task_run_in_thread (task, posture_session_project_thread);
}

gboolean
posture_session_get_what_if (PostureSession *self,
                             const char     *control_id)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (control_id != NULL, FALSE);

  return g_hash_table_contains (self->what_if, control_id);
}

/**
 * posture_session_dup_what_if:
 *
 * Returns: (transfer full): the ids of the controls simulated as fixed, sorted
 */
GStrv
posture_session_dup_what_if (PostureSession *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->what_if);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (ids, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

void
posture_session_set_what_if (PostureSession *self,
                             const char     *control_id,
                             gboolean        simulate)
{
  gboolean changed;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (control_id != NULL);

  if (simulate)
    changed = g_hash_table_add (self->what_if, g_strdup (control_id));
  else
    changed = g_hash_table_remove (self->what_if, control_id);

  if (changed)
    {
      _posture_session_notify (self, POSTURE_SESSION_PROP_WHAT_IF);
      _posture_session_project (self);
    }
}

void
_posture_session_forget_what_if (PostureSession *self)
{
  if (g_hash_table_size (self->what_if) == 0)
    return;

  g_hash_table_remove_all (self->what_if);
  _posture_session_notify (self, POSTURE_SESSION_PROP_WHAT_IF);
}

/**
 * posture_session_get_projected_score:
 *
 * The score once every simulated and every planned control is fixed, side effects
 * included; the current score while nothing is simulated or planned, or while the
 * projection is being made (projected-percent notifies when it is there).
 */
void
posture_session_get_projected_score (PostureSession *self,
                                     PostureScore   *score)
{
  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (score != NULL);

  if (self->assessment == NULL)
    {
      score->earned = score->possible = 0;
      score->percent = -1;
      score->level = POSTURE_LEVEL_UNKNOWN;
      return;
    }

  if (self->has_projection)
    *score = self->projected;
  else
    posture_assessment_get_score (self->assessment, score);
}
