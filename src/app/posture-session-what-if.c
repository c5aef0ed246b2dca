/* posture-session-what-if.c: fixes simulated ("what if it passed") and the projected score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include "posture-session-private.h"

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
      _posture_session_notify_projected (self);
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

/* Every simulated control, and every planned one: the score the plan leads to. */
void
posture_session_get_projected_score (PostureSession *self,
                                     PostureScore   *score)
{
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (score != NULL);

  if (self->assessment == NULL)
    {
      score->earned = score->possible = 0;
      score->percent = -1;
      score->level = POSTURE_LEVEL_UNKNOWN;
      return;
    }

  ids = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->what_if);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);

  g_hash_table_iter_init (&iter, self->decisions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (posture_decision_get_status (value) == POSTURE_DECISION_PLANNED &&
        strchr (key, '/') == NULL &&
        !g_hash_table_contains (self->what_if, key))
      g_ptr_array_add (ids, key);

  g_ptr_array_add (ids, NULL);
  posture_assessment_what_if (self->assessment, (const char * const *) ids->pdata, NULL, score);
}
