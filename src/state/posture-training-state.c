/* posture-training-state.c: training progress and reviews on disk, for the library
 *
 * The two files are PostureTrainingStore stores (posture-training-store.c gives their
 * format). Reading them is tolerant, entry by entry: an entry with an unknown status is
 * "not started" or "draft", never a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training-state"

#include "config.h"

#include <string.h>

#include "posture-error.h"
#include "posture-json.h"
#include "posture-training-state.h"
#include "posture-training-store.h"

#define MAX_HISTORY      200
#define MAX_REVIEWER_LEN 200
#define MAX_NOTES_LEN    10000

static GDateTime *
parse_time (const char *text)
{
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* A store whose clock is the library's, so that the times stamped are the ones the
 * library judges staleness by. */
static PostureTrainingStore *
store_new (PostureTrainingLibrary   *library,
           PostureTrainingStoreKind  kind)
{
  PostureTrainingStore *store = posture_training_store_new (kind);
  g_autoptr(GDateTime) now = posture_training_library_dup_now (library);

  posture_state_store_set_now (POSTURE_STATE_STORE (store), now);
  return store;
}

/* The entry's "history" array as reviews, oldest first; damaged items are skipped. */
static void
apply_history (PostureTrainingLibrary *library,
               const char             *id,
               JsonObject             *entry)
{
  g_autoptr(GPtrArray) history = NULL;
  JsonArray *array = entry ? posture_json_get_array (entry, "history") : NULL;

  history = g_ptr_array_new_with_free_func ((GDestroyNotify) posture_training_review_free);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      PostureTrainingReview *review;
      PostureTrainingReviewState state;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (!posture_training_review_state_from_string (posture_json_get_string (object, "state"),
                                                      &state))
        continue;

      review = g_new0 (PostureTrainingReview, 1);
      review->state = state;
      review->reviewer = g_strdup (posture_json_get_string (object, "reviewer"));
      review->at = parse_time (posture_json_get_string (object, "reviewed_at"));
      review->notes = g_strdup (posture_json_get_string (object, "notes"));
      review->content_version = g_strdup (posture_json_get_string (object, "content_version"));
      g_ptr_array_add (history, review);
    }

  posture_training_library_apply_review_history (library, id, history);
}

static void
apply_state (PostureTrainingLibrary *library,
             JsonObject             *progress,
             JsonObject             *reviews)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PostureTrainingModule) module = g_list_model_get_item (G_LIST_MODEL (library), i);
      const char *id = posture_training_module_get_id (module);
      JsonObject *entry = posture_json_get_object (progress, id);
      PostureTrainingProgress status = POSTURE_TRAINING_PROGRESS_NOT_STARTED;
      PostureTrainingReviewState state = POSTURE_TRAINING_REVIEW_DRAFT;
      g_autoptr(GDateTime) at = NULL;
      gint64 correct = -1;
      gint64 total = -1;

      if (entry != NULL)
        {
          if (!posture_training_progress_from_string (posture_json_get_string (entry, "status"),
                                                      &status))
            status = POSTURE_TRAINING_PROGRESS_NOT_STARTED;
          if (!posture_json_get_int (entry, "quiz_correct", &correct) ||
              !posture_json_get_int (entry, "quiz_total", &total) ||
              total < 0 || total > G_MAXINT || correct < 0 || correct > total)
            correct = total = -1;
        }
      posture_training_library_apply_progress (library, id, status, (int) correct, (int) total);

      /* The history before the review: the module's notifications redraw it. */
      entry = posture_json_get_object (reviews, id);
      apply_history (library, id, entry);
      if (entry != NULL &&
          posture_training_review_state_from_string (posture_json_get_string (entry, "state"),
                                                     &state))
        {
          at = parse_time (posture_json_get_string (entry, "reviewed_at"));
          posture_training_library_apply_review (library, id, state,
                                                 posture_json_get_string (entry, "reviewer"), at,
                                                 posture_json_get_string (entry, "notes"),
                                                 posture_json_get_string (entry,
                                                                          "content_version"));
        }
      else
        posture_training_library_apply_review (library, id, POSTURE_TRAINING_REVIEW_DRAFT,
                                               NULL, NULL, NULL, NULL);
    }
}

static void
apply_stores (PostureTrainingLibrary *library,
              PostureTrainingStore   *progress,
              PostureTrainingStore   *reviews)
{
  apply_state (library, posture_training_store_get_modules (progress),
               posture_training_store_get_modules (reviews));
}

gboolean
posture_training_library_load_state (PostureTrainingLibrary  *self,
                                     GError                 **recovered,
                                     GError                 **error)
{
  g_autoptr(PostureTrainingStore) progress = NULL;
  g_autoptr(PostureTrainingStore) reviews = NULL;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  progress = store_new (self, POSTURE_TRAINING_STORE_PROGRESS);
  reviews = store_new (self, POSTURE_TRAINING_STORE_REVIEWS);
  if (!posture_state_store_load (POSTURE_STATE_STORE (progress), recovered, error) ||
      !posture_state_store_load (POSTURE_STATE_STORE (reviews), recovered, error))
    return FALSE;

  apply_stores (self, progress, reviews);
  return TRUE;
}

typedef struct
{
  PostureTrainingStore *progress;
  PostureTrainingStore *reviews;
  GError               *recovered;
} LoadState;

static void
load_state_free (gpointer data)
{
  LoadState *load = data;

  g_clear_object (&load->progress);
  g_clear_object (&load->reviews);
  g_clear_error (&load->recovered);
  g_free (load);
}

static void
reviews_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadState *load = g_task_get_task_data (task);
  GError *error = NULL;

  if (!posture_state_store_load_finish (POSTURE_STATE_STORE (object), result, &load->recovered,
                                        &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
progress_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadState *load = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!posture_state_store_load_finish (POSTURE_STATE_STORE (object), result, &load->recovered,
                                        &error))
    {
      g_task_return_error (task, error);
      return;
    }

  posture_state_store_load_async (POSTURE_STATE_STORE (load->reviews), cancellable,
                                  reviews_loaded_cb, g_steal_pointer (&task));
}

void
posture_training_library_load_state_async (PostureTrainingLibrary *self,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadState *load;

  g_return_if_fail (POSTURE_IS_TRAINING_LIBRARY (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_training_library_load_state_async);
  load = g_new0 (LoadState, 1);
  load->progress = store_new (self, POSTURE_TRAINING_STORE_PROGRESS);
  load->reviews = store_new (self, POSTURE_TRAINING_STORE_REVIEWS);
  g_task_set_task_data (task, load, load_state_free);

  posture_state_store_load_async (POSTURE_STATE_STORE (load->progress), cancellable,
                                  progress_loaded_cb, g_steal_pointer (&task));
}

gboolean
posture_training_library_load_state_finish (PostureTrainingLibrary  *self,
                                            GAsyncResult            *result,
                                            GError                 **recovered,
                                            GError                 **error)
{
  LoadState *load;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_training_library_load_state_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  load = g_task_get_task_data (G_TASK (result));
  apply_stores (self, load->progress, load->reviews);
  if (load->recovered != NULL && recovered != NULL && *recovered == NULL)
    g_propagate_error (recovered, g_steal_pointer (&load->recovered));
  return TRUE;
}

static PostureTrainingModule *
lookup_or_error (PostureTrainingLibrary  *self,
                 const char              *id,
                 GError                 **error)
{
  PostureTrainingModule *module = id ? posture_training_library_lookup (self, id) : NULL;

  if (module == NULL)
    g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_NOT_FOUND,
                 "There is no training module \"%s\"; \"posture-cli training list\" shows the ids",
                 id ? id : "");
  return module;
}

typedef struct
{
  PostureTrainingProgress  progress;
  int                      quiz_correct;
  int                      quiz_total;
} ProgressEntry;

static JsonObject *
progress_entry (JsonObject *current,
                gpointer    user_data,
                GDateTime  *now)
{
  ProgressEntry *update = user_data;
  JsonObject *entry = json_object_new ();
  g_autofree char *stamp = format_time (now);

  json_object_set_string_member (entry, "status",
                                 posture_training_progress_to_string (update->progress));
  if (update->quiz_total >= 0)
    {
      json_object_set_int_member (entry, "quiz_correct", update->quiz_correct);
      json_object_set_int_member (entry, "quiz_total", update->quiz_total);
    }
  json_object_set_string_member (entry, "updated_at", stamp);
  return entry;
}

static gboolean
write_progress (PostureTrainingLibrary  *self,
                PostureTrainingModule   *module,
                PostureTrainingProgress  progress,
                int                      correct,
                int                      total,
                GError                 **error)
{
  g_autoptr(PostureTrainingStore) store = store_new (self, POSTURE_TRAINING_STORE_PROGRESS);
  ProgressEntry update = { progress, correct, total };
  const char *id = posture_training_module_get_id (module);

  /* A damaged file moved aside is reported by the store's "recovered" signal. */
  if (!posture_training_store_set_entry (store, id, progress_entry, &update, NULL, error))
    return FALSE;

  posture_training_library_apply_progress (self, id, progress, correct, total);
  return TRUE;
}

gboolean
posture_training_library_set_progress (PostureTrainingLibrary   *self,
                                       const char               *id,
                                       PostureTrainingProgress   progress,
                                       GError                  **error)
{
  PostureTrainingModule *module;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), FALSE);
  g_return_val_if_fail (progress <= POSTURE_TRAINING_PROGRESS_COMPLETED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(module = lookup_or_error (self, id, error)))
    return FALSE;

  return write_progress (self, module, progress,
                         posture_training_module_get_quiz_correct (module),
                         posture_training_module_get_quiz_total (module), error);
}

gboolean
posture_training_library_record_quiz (PostureTrainingLibrary  *self,
                                      const char              *id,
                                      guint                    correct,
                                      guint                    total,
                                      GError                 **error)
{
  PostureTrainingModule *module;
  PostureTrainingProgress progress;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(module = lookup_or_error (self, id, error)))
    return FALSE;

  if (total == 0 || correct > total || total > posture_training_module_get_questions (module)->len)
    {
      g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                   "A quiz result of %u out of %u does not fit module \"%s\", which has %u "
                   "questions",
                   correct, total, id, posture_training_module_get_questions (module)->len);
      return FALSE;
    }

  progress = correct == total ? POSTURE_TRAINING_PROGRESS_COMPLETED
                              : POSTURE_TRAINING_PROGRESS_IN_PROGRESS;
  return write_progress (self, module, progress, (int) correct, (int) total, error);
}

/* The new current review, also appended to the module's history (the newest
 * MAX_HISTORY kept). */
static JsonObject *
review_entry (JsonObject *current,
              gpointer    user_data,
              GDateTime  *now)
{
  JsonObject *review = user_data;
  JsonArray *old_history = current ? posture_json_get_array (current, "history") : NULL;
  JsonArray *history = json_array_new ();
  JsonObject *entry = json_object_new ();
  guint n_old = old_history ? json_array_get_length (old_history) : 0;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  for (guint i = n_old >= MAX_HISTORY ? n_old - MAX_HISTORY + 1 : 0; i < n_old; i++)
    {
      JsonNode *node = json_array_get_element (old_history, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        json_array_add_element (history, json_node_copy (node));
    }
  json_array_add_object_element (history, json_object_ref (review));

  json_object_iter_init (&iter, review);
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (entry, member, json_node_copy (value));
  json_object_set_array_member (entry, "history", history);
  return entry;
}

static gboolean
check_text (const char  *what,
            const char  *text,
            gsize        max_len,
            gboolean     single_line,
            GError     **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                   "The %s is not valid UTF-8 text", what);
      return FALSE;
    }
  if (strlen (text) > max_len)
    {
      g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                   "The %s is longer than %" G_GSIZE_FORMAT " bytes; shorten it", what, max_len);
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && (single_line || (*p != '\n' && *p != '\r')))
      {
        g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                     "The %s contains a control character", what);
        return FALSE;
      }
  return TRUE;
}

gboolean
posture_training_library_record_review (PostureTrainingLibrary      *self,
                                        const char                  *id,
                                        PostureTrainingReviewState   state,
                                        const char                  *reviewer,
                                        const char                  *notes,
                                        GDateTime                   *when,
                                        GError                     **error)
{
  g_autoptr(PostureTrainingStore) store = NULL;
  g_autoptr(JsonObject) review = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) stamped = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *clean_reviewer = NULL;
  const char *content_version;
  PostureTrainingModule *module;

  g_return_val_if_fail (POSTURE_IS_TRAINING_LIBRARY (self), FALSE);
  g_return_val_if_fail (state <= POSTURE_TRAINING_REVIEW_RETIRED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(module = lookup_or_error (self, id, error)))
    return FALSE;

  clean_reviewer = g_strstrip (g_strdup (reviewer ? reviewer : ""));
  if (clean_reviewer[0] == '\0')
    {
      g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                   "A review needs the reviewer's name");
      return FALSE;
    }
  if (!check_text ("reviewer's name", clean_reviewer, MAX_REVIEWER_LEN, TRUE, error) ||
      (notes != NULL && !check_text ("review note", notes, MAX_NOTES_LEN, FALSE, error)))
    return FALSE;
  if (state == POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED)
    {
      g_autofree char *check = g_strstrip (g_strdup (notes ? notes : ""));

      if (check[0] == '\0')
        {
          g_set_error (error, POSTURE_TRAINING_ERROR, POSTURE_TRAINING_ERROR_INVALID,
                       "Requesting changes needs a note saying what to change");
          return FALSE;
        }
    }

  at = when ? g_date_time_ref (when) : posture_training_library_dup_now (self);
  stamp = format_time (at);
  content_version = posture_training_module_get_content_version (module);

  review = json_object_new ();
  json_object_set_string_member (review, "state", posture_training_review_state_to_string (state));
  json_object_set_string_member (review, "reviewer", clean_reviewer);
  json_object_set_string_member (review, "reviewed_at", stamp);
  json_object_set_string_member (review, "notes", notes ? notes : "");
  json_object_set_string_member (review, "content_version", content_version);

  store = store_new (self, POSTURE_TRAINING_STORE_REVIEWS);
  if (!posture_training_store_set_entry (store, posture_training_module_get_id (module),
                                         review_entry, review, NULL, error))
    return FALSE;

  /* The history first: the module's notifications redraw what shows it. Then what was
   * stored, to the second. */
  apply_history (self, posture_training_module_get_id (module),
                 posture_json_get_object (posture_training_store_get_modules (store),
                                          posture_training_module_get_id (module)));
  stamped = parse_time (stamp);
  posture_training_library_apply_review (self, posture_training_module_get_id (module), state,
                                         clean_reviewer, stamped, notes ? notes : "",
                                         content_version);
  return TRUE;
}
