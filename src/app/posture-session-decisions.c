/* posture-session-decisions.c: what the admin decided about each control
 *
 * Decisions apply at once (a new assessment) and, for a signed-in tenant, are kept in
 * its decision store; the demo's stay in memory until "Reset Demo".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-session"

#include "config.h"

#include "posture-application.h"
#include "posture-session-private.h"

static void
posture_session_decisions_loaded_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(PostureSession) self = user_data;
  g_autoptr(GError) recovered = NULL;
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  loaded = posture_decision_store_load_finish (POSTURE_DECISION_STORE (object), result,
                                               &recovered, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->decisions == NULL)
    return;
  if (!loaded)
    g_debug ("Cannot load the decisions: %s", error->message);
  if (recovered != NULL)
    g_warning ("%s", recovered->message);

  if (loaded)
    {
      g_hash_table_unref (self->decisions);
      self->decisions = posture_decision_store_dup_table (self->decision_store);
    }
  self->decisions_loaded = TRUE;
  posture_startup_mark ("decisions-loaded");

  /* A cached reading waiting for them is assessed once, with them. */
  if (self->cached_view != NULL)
    _posture_session_publish_cache (self);
  else if (loaded && self->snapshot != NULL)
    _posture_session_assess (self, NULL);
}

void
_posture_session_open_decisions (PostureSession *self)
{
  g_assert (self->tenant_key != NULL);
  g_assert (self->decision_store == NULL);

  self->decision_store = posture_decision_store_new (self->tenant_key);
  self->decisions_loaded = FALSE;
  posture_decision_store_load_async (self->decision_store, self->cancellable,
                                     posture_session_decisions_loaded_cb, g_object_ref (self));
}

void
_posture_session_forget_decisions (PostureSession *self)
{
  g_hash_table_unref (self->decisions);
  self->decisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

PostureDecision *
posture_session_get_decision (PostureSession *self,
                              const char     *control_id)
{
  g_return_val_if_fail (POSTURE_IS_SESSION (self), NULL);
  g_return_val_if_fail (control_id != NULL, NULL);

  return g_hash_table_lookup (self->decisions, control_id);
}

static void
posture_session_decide_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!posture_decision_store_decide_finish (POSTURE_DECISION_STORE (object), result, &error))
    g_warning ("Cannot save the decision: %s", error->message);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_compare (a, b) == 0;
}

/**
 * posture_session_set_decision:
 * @control_id: the control decided about
 * @status: the decision
 * @note: (nullable): why (risk accepted needs one; the view asks for it)
 * @owner: (nullable): who owns the decision ("" clears it)
 * @review: (nullable): when to review it (a risk accepted is reviewed, not forgotten)
 *
 * Records the decision and assesses again, so that the score and the recommendations
 * follow. A decision equal to the current one is not recorded again.
 */
void
posture_session_set_decision (PostureSession        *self,
                              const char            *control_id,
                              PostureDecisionStatus  status,
                              const char            *note,
                              const char            *owner,
                              GDateTime             *review)
{
  PostureDecision *current;
  g_autoptr(PostureDecision) decision = NULL;
  g_autoptr(GDateTime) now = NULL;
  GHashTable *table;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (POSTURE_IS_SESSION (self));
  g_return_if_fail (control_id != NULL);

  if (owner != NULL && owner[0] == '\0')
    owner = NULL;

  current = g_hash_table_lookup (self->decisions, control_id);
  if (current != NULL &&
      posture_decision_get_status (current) == status &&
      g_strcmp0 (posture_decision_get_note (current), note) == 0 &&
      g_strcmp0 (posture_decision_get_owner (current), owner) == 0 &&
      same_day (posture_decision_get_due (current), review))
    return;
  if (current == NULL && status == POSTURE_DECISION_TO_ADDRESS && note == NULL && owner == NULL)
    return;

  /* Decisions given to the engine are never modified (it may read them on a worker
   * thread): a change makes a new object in a new table. */
  now = g_date_time_new_now_utc ();
  decision = posture_decision_new (control_id,
                                   current != NULL ? posture_decision_get_status (current)
                                                   : POSTURE_DECISION_TO_ADDRESS);
  posture_decision_change (decision, status, note, g_get_real_name (), now);
  posture_decision_set_owner (decision, owner);
  posture_decision_set_due (decision, review);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_iter_init (&iter, self->decisions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (table, g_strdup (key), g_object_ref (value));
  g_hash_table_insert (table, g_strdup (control_id), g_steal_pointer (&decision));
  g_hash_table_unref (self->decisions);
  self->decisions = table;

  if (self->decision_store != NULL)
    {
      PostureDecisionRequest request = { 0 };

      request.control_id = control_id;
      request.status = status;
      request.note = note;
      request.author = g_get_real_name ();
      request.owner = owner != NULL ? owner : "";
      request.due = review;
      request.clear_due = review == NULL;
      request.when = now;
      posture_decision_store_decide_async (self->decision_store, &request, NULL,
                                           posture_session_decide_cb, NULL);
    }

  /* The new assessment projects the score again. */
  if (self->snapshot != NULL)
    _posture_session_assess (self, NULL);
}
