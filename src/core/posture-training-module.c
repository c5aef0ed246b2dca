/* posture-training-module.c: one training module: its content, learner and review state
 *
 * The module's content is parsed by posture-training-module-parse.c; this file holds the
 * class, its accessors, search, quiz grading and the review workflow. Nothing from a
 * module is ever interpreted as markup here; rendering is the app's job and escapes
 * everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-training"

#include "config.h"

#include <string.h>

#include "posture-training-module-private.h"
#include "posture-types.h"


enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_AUDIENCE,
  PROP_PHASE,
  PROP_PRINCIPLE,
  PROP_DURATION,
  PROP_TAGS,
  PROP_CONTROLS,
  PROP_OBJECTIVES,
  PROP_BODY,
  PROP_CONTENT_VERSION,
  PROP_ORIGIN,
  PROP_SOURCE,
  PROP_PROGRESS,
  PROP_QUIZ_CORRECT,
  PROP_QUIZ_TOTAL,
  PROP_REVIEW_STATE,
  PROP_REVIEWER,
  PROP_REVIEWED_AT,
  PROP_REVIEW_NOTES,
  PROP_STALE_REASON,
  PROP_NEEDS_REVIEW,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureTrainingModule, posture_training_module, G_TYPE_OBJECT)

/* The nicks are glib-mkenums' (posture-enums.h). */
const char *
posture_training_progress_to_string (PostureTrainingProgress progress)
{
  return posture_enum_to_string (POSTURE_TYPE_TRAINING_PROGRESS, progress);
}

gboolean
posture_training_progress_from_string (const char              *text,
                                       PostureTrainingProgress *out_progress)
{
  int value;

  g_return_val_if_fail (out_progress != NULL, FALSE);

  if (!posture_enum_from_string (POSTURE_TYPE_TRAINING_PROGRESS, text, &value))
    return FALSE;
  *out_progress = value;
  return TRUE;
}

const char *
posture_training_review_state_to_string (PostureTrainingReviewState state)
{
  return posture_enum_to_string (POSTURE_TYPE_TRAINING_REVIEW_STATE, state);
}

gboolean
posture_training_review_state_from_string (const char                 *text,
                                           PostureTrainingReviewState *out_state)
{
  int value;

  g_return_val_if_fail (out_state != NULL, FALSE);

  if (!posture_enum_from_string (POSTURE_TYPE_TRAINING_REVIEW_STATE, text, &value))
    return FALSE;
  *out_state = value;
  return TRUE;
}

const char *
posture_training_stale_reason_to_string (PostureTrainingStaleReason reason)
{
  return posture_enum_to_string (POSTURE_TYPE_TRAINING_STALE_REASON, reason);
}

const char *
posture_training_origin_to_string (PostureTrainingOrigin origin)
{
  return posture_enum_to_string (POSTURE_TYPE_TRAINING_ORIGIN, origin);
}

const char * const posture_training_audiences[] = { "maker", "pro-developer", "admin", NULL };
const char *const posture_training_phases [] = {
  "plan", "build", "test", "deploy", "operate", NULL
};
const char *const posture_training_principles [] = { "verify-explicitly", "least-privilege",
                                                     "assume-breach", NULL };

PostureTrainingQuestion *
posture_training_question_copy (const PostureTrainingQuestion *question)
{
  PostureTrainingQuestion *copy = g_new0 (PostureTrainingQuestion, 1);

  copy->text = g_strdup (question->text);
  copy->options = g_strdupv (question->options);
  copy->correct = question->correct;
  copy->why = g_strdup (question->why);
  return copy;
}

void
posture_training_question_free (PostureTrainingQuestion *question)
{
  if (question == NULL)
    return;
  g_free (question->text);
  g_strfreev (question->options);
  g_free (question->why);
  g_free (question);
}

G_DEFINE_BOXED_TYPE (PostureTrainingQuestion, posture_training_question,
                     posture_training_question_copy, posture_training_question_free)

PostureTrainingReference *
posture_training_reference_copy (const PostureTrainingReference *reference)
{
  PostureTrainingReference *copy = g_new0 (PostureTrainingReference, 1);

  copy->title = g_strdup (reference->title);
  copy->url = g_strdup (reference->url);
  return copy;
}

void
posture_training_reference_free (PostureTrainingReference *reference)
{
  if (reference == NULL)
    return;
  g_free (reference->title);
  g_free (reference->url);
  g_free (reference);
}

G_DEFINE_BOXED_TYPE (PostureTrainingReference, posture_training_reference,
                     posture_training_reference_copy, posture_training_reference_free)

/* Search ------------------------------------------------------------------------- */

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : "", -1);
}

/* Builds the search text of a module once its content is parsed. */
void
_posture_training_module_index (PostureTrainingModule *self)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *tags = g_strjoinv (" ", self->tags);

  g_string_append_printf (all, "%s\n%s\n%s\n%s\n%s", self->id, self->title, self->summary,
                          tags, self->body);
  self->search_text = fold (all->str);
}

/* GObject ------------------------------------------------------------------------- */

static void
posture_training_module_finalize (GObject *object)
{
  PostureTrainingModule *self = (PostureTrainingModule *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_strfreev (self->audience);
  g_free (self->phase);
  g_free (self->principle);
  g_strfreev (self->tags);
  g_strfreev (self->controls);
  g_strfreev (self->objectives);
  g_free (self->body);
  g_free (self->lesson);
  g_free (self->exercise);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->references, g_ptr_array_unref);
  g_free (self->content_version);
  g_free (self->source);
  g_free (self->search_text);
  g_free (self->reviewer);
  g_clear_pointer (&self->reviewed_at, g_date_time_unref);
  g_free (self->review_notes);
  g_free (self->reviewed_version);

  G_OBJECT_CLASS (posture_training_module_parent_class)->finalize (object);
}

static void
posture_training_module_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PostureTrainingModule *self = POSTURE_TRAINING_MODULE (object);

  switch (prop_id)
    {
    case PROP_ID:              g_value_set_string (value, self->id); break;
    case PROP_TITLE:           g_value_set_string (value, self->title); break;
    case PROP_SUMMARY:         g_value_set_string (value, self->summary); break;
    case PROP_AUDIENCE:        g_value_set_boxed (value, self->audience); break;
    case PROP_PHASE:           g_value_set_string (value, self->phase); break;
    case PROP_PRINCIPLE:       g_value_set_string (value, self->principle); break;
    case PROP_DURATION:        g_value_set_uint (value, self->duration); break;
    case PROP_TAGS:            g_value_set_boxed (value, self->tags); break;
    case PROP_CONTROLS:        g_value_set_boxed (value, self->controls); break;
    case PROP_OBJECTIVES:      g_value_set_boxed (value, self->objectives); break;
    case PROP_BODY:            g_value_set_string (value, self->body); break;
    case PROP_CONTENT_VERSION: g_value_set_string (value, self->content_version); break;
    case PROP_ORIGIN:          g_value_set_enum (value, self->origin); break;
    case PROP_SOURCE:          g_value_set_string (value, self->source); break;
    case PROP_PROGRESS:        g_value_set_enum (value, self->progress); break;
    case PROP_QUIZ_CORRECT:    g_value_set_int (value, self->quiz_correct); break;
    case PROP_QUIZ_TOTAL:      g_value_set_int (value, self->quiz_total); break;
    case PROP_REVIEW_STATE:    g_value_set_enum (value, self->review_state); break;
    case PROP_REVIEWER:        g_value_set_string (value, self->reviewer); break;
    case PROP_REVIEWED_AT:     g_value_set_boxed (value, self->reviewed_at); break;
    case PROP_REVIEW_NOTES:    g_value_set_string (value, self->review_notes); break;
    case PROP_STALE_REASON:    g_value_set_enum (value, self->stale_reason); break;
    case PROP_NEEDS_REVIEW:
      g_value_set_boolean (value, posture_training_module_get_needs_review (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_training_module_class_init (PostureTrainingModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_training_module_finalize;
  object_class->get_property = posture_training_module_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties [PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties [PROP_AUDIENCE] = g_param_spec_boxed ("audience", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, flags);
  properties [PROP_PRINCIPLE] = g_param_spec_string ("principle", NULL, NULL, NULL, flags);
  properties [PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, 600, 0, flags);
  properties [PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_CONTROLS] = g_param_spec_boxed ("controls", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_OBJECTIVES] = g_param_spec_boxed ("objectives", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties [PROP_CONTENT_VERSION] =
      g_param_spec_string ("content-version", NULL, NULL, NULL, flags);
  properties [PROP_ORIGIN] = g_param_spec_enum ("origin", NULL, NULL, POSTURE_TYPE_TRAINING_ORIGIN,
                                                POSTURE_TRAINING_ORIGIN_BUILTIN, flags);
  properties [PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties [PROP_PROGRESS] =
      g_param_spec_enum ("progress", NULL, NULL, POSTURE_TYPE_TRAINING_PROGRESS,
                         POSTURE_TRAINING_PROGRESS_NOT_STARTED, flags);
  properties [PROP_QUIZ_CORRECT] =
      g_param_spec_int ("quiz-correct", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties [PROP_QUIZ_TOTAL] =
      g_param_spec_int ("quiz-total", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties [PROP_REVIEW_STATE] =
      g_param_spec_enum ("review-state", NULL, NULL, POSTURE_TYPE_TRAINING_REVIEW_STATE,
                         POSTURE_TRAINING_REVIEW_DRAFT, flags);
  properties [PROP_REVIEWER] = g_param_spec_string ("reviewer", NULL, NULL, NULL, flags);
  properties [PROP_REVIEWED_AT] =
      g_param_spec_boxed ("reviewed-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_REVIEW_NOTES] = g_param_spec_string ("review-notes", NULL, NULL, NULL, flags);
  properties [PROP_STALE_REASON] =
      g_param_spec_enum ("stale-reason", NULL, NULL, POSTURE_TYPE_TRAINING_STALE_REASON,
                         POSTURE_TRAINING_STALE_NEVER_REVIEWED, flags);
  properties [PROP_NEEDS_REVIEW] = g_param_spec_boolean ("needs-review", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_training_module_init (PostureTrainingModule *self)
{
  self->questions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) posture_training_question_free);
  self->references =
      g_ptr_array_new_with_free_func ((GDestroyNotify) posture_training_reference_free);
  self->quiz_correct = -1;
  self->quiz_total = -1;
  self->stale_reason = POSTURE_TRAINING_STALE_NEVER_REVIEWED;
}

/* Accessors ----------------------------------------------------------------------- */

#define GETTER(type, name, field)                                   \
type                                                                \
posture_training_module_get_##name (PostureTrainingModule *self)    \
{                                                                   \
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), 0);      \
  return self->field;                                               \
}

GETTER (const char *, id, id)
GETTER (const char *, title, title)
GETTER (const char *, summary, summary)
GETTER (const char *, phase, phase)
GETTER (const char *, principle, principle)
GETTER (guint, duration, duration)
GETTER (const char *, body, body)
GETTER (const char *, lesson, lesson)
GETTER (const char *, exercise, exercise)
GETTER (GPtrArray *, questions, questions)
GETTER (GPtrArray *, references, references)
GETTER (const char *, content_version, content_version)
GETTER (PostureTrainingOrigin, origin, origin)
GETTER (const char *, source, source)
GETTER (PostureTrainingProgress, progress, progress)
GETTER (int, quiz_correct, quiz_correct)
GETTER (int, quiz_total, quiz_total)
GETTER (PostureTrainingReviewState, review_state, review_state)
GETTER (const char *, reviewer, reviewer)
GETTER (GDateTime *, reviewed_at, reviewed_at)
GETTER (const char *, review_notes, review_notes)
GETTER (const char *, reviewed_version, reviewed_version)
GETTER (PostureTrainingStaleReason, stale_reason, stale_reason)

const char * const *
posture_training_module_get_audience (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);
  return (const char * const *) self->audience;
}

const char * const *
posture_training_module_get_tags (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);
  return (const char * const *) self->tags;
}

const char * const *
posture_training_module_get_controls (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);
  return (const char * const *) self->controls;
}

const char * const *
posture_training_module_get_objectives (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);
  return (const char * const *) self->objectives;
}

gboolean
posture_training_module_get_needs_review (PostureTrainingModule *self)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);
  return self->stale_reason != POSTURE_TRAINING_STALE_NONE;
}

gboolean
posture_training_module_has_audience (PostureTrainingModule *self,
                                      const char            *audience)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);
  return audience != NULL && g_strv_contains ((const char * const *) self->audience, audience);
}

gboolean
posture_training_module_has_control (PostureTrainingModule *self,
                                     const char            *control_id)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);
  return control_id != NULL && g_strv_contains ((const char * const *) self->controls, control_id);
}

/* Every whitespace-separated term must occur in the title, summary, tags or body,
 * compared case- and normalization-insensitively. An empty query matches. */
gboolean
posture_training_module_matches_text (PostureTrainingModule *self,
                                      const char            *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) terms = NULL;

  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return query == NULL;

  folded = fold (query);
  terms = g_strsplit_set (folded, " \t\n\r", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    if (terms[i][0] != '\0' && strstr (self->search_text, terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

gboolean
posture_training_module_matches (PostureTrainingModule *self,
                                 const char            *query,
                                 const char            *audience,
                                 const char            *phase,
                                 const char            *principle,
                                 const char            *control_id)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);

  if (audience != NULL && audience [0] != '\0' &&
      !posture_training_module_has_audience (self, audience))
    return FALSE;
  if (phase != NULL && phase[0] != '\0' && g_strcmp0 (self->phase, phase) != 0)
    return FALSE;
  if (principle != NULL && principle[0] != '\0' && g_strcmp0 (self->principle, principle) != 0)
    return FALSE;
  if (control_id != NULL && control_id [0] != '\0' &&
      !posture_training_module_has_control (self, control_id))
    return FALSE;

  return posture_training_module_matches_text (self, query);
}

/* @answers holds the chosen option index per question (-1: unanswered). */
guint
posture_training_module_grade_quiz (PostureTrainingModule *self,
                                    const int             *answers,
                                    gsize                  n_answers)
{
  guint correct = 0;

  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), 0);
  g_return_val_if_fail (answers != NULL || n_answers == 0, 0);

  for (guint i = 0; i < self->questions->len && i < n_answers; i++)
    {
      const PostureTrainingQuestion *question = g_ptr_array_index (self->questions, i);

      if (answers[i] >= 0 && (guint) answers[i] == question->correct)
        correct++;
    }

  return correct;
}

GDateTime *
posture_training_module_dup_review_due (PostureTrainingModule *self,
                                        guint                  interval_days)
{
  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), NULL);

  if (self->review_state != POSTURE_TRAINING_REVIEW_APPROVED || self->reviewed_at == NULL)
    return NULL;

  return g_date_time_add_days (self->reviewed_at, (int) interval_days);
}

/* The review workflow: which review a champion may record now. A retired module takes
 * none. A module sent back with "changes requested" takes an approval, another request
 * or a new review only once its content changed since (a new version). An approval is
 * recorded again only when it went stale; a review in progress is not started twice.
 * Anything not retired may be retired. Draft is where modules start, never a review. */
gboolean
posture_training_module_can_record_review (PostureTrainingModule      *self,
                                           PostureTrainingReviewState  state)
{
  gboolean new_version;

  g_return_val_if_fail (POSTURE_IS_TRAINING_MODULE (self), FALSE);

  if (self->review_state == POSTURE_TRAINING_REVIEW_RETIRED)
    return FALSE;

  new_version = g_strcmp0 (self->reviewed_version, self->content_version) != 0;

  switch (state)
    {
    case POSTURE_TRAINING_REVIEW_RETIRED:
      return TRUE;
    case POSTURE_TRAINING_REVIEW_IN_REVIEW:
      if (self->review_state == POSTURE_TRAINING_REVIEW_IN_REVIEW)
        return FALSE;
      break;
    case POSTURE_TRAINING_REVIEW_APPROVED:
      if (self->review_state == POSTURE_TRAINING_REVIEW_APPROVED)
        return self->stale_reason != POSTURE_TRAINING_STALE_NONE;
      break;
    case POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED:
      break;
    case POSTURE_TRAINING_REVIEW_DRAFT:
    default:
      return FALSE;
    }

  return self->review_state != POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED || new_version;
}

/* Private setters ----------------------------------------------------------------- */

static void
notify (PostureTrainingModule *self,
        guint                  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop]);
}

void
_posture_training_module_set_progress (PostureTrainingModule   *self,
                                       PostureTrainingProgress  progress,
                                       int                      quiz_correct,
                                       int                      quiz_total)
{
  g_return_if_fail (POSTURE_IS_TRAINING_MODULE (self));

  if (self->progress != progress)
    {
      self->progress = progress;
      notify (self, PROP_PROGRESS);
    }
  if (self->quiz_correct != quiz_correct)
    {
      self->quiz_correct = quiz_correct;
      notify (self, PROP_QUIZ_CORRECT);
    }
  if (self->quiz_total != quiz_total)
    {
      self->quiz_total = quiz_total;
      notify (self, PROP_QUIZ_TOTAL);
    }
}

static void
set_string (PostureTrainingModule  *self,
            char                  **field,
            const char             *value,
            guint                   prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  notify (self, prop);
}

void
_posture_training_module_set_review (PostureTrainingModule      *self,
                                     PostureTrainingReviewState  state,
                                     const char                 *reviewer,
                                     GDateTime                  *reviewed_at,
                                     const char                 *notes,
                                     const char                 *reviewed_version)
{
  g_return_if_fail (POSTURE_IS_TRAINING_MODULE (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->review_state != state)
    {
      self->review_state = state;
      notify (self, PROP_REVIEW_STATE);
    }
  set_string (self, &self->reviewer, reviewer, PROP_REVIEWER);
  set_string (self, &self->review_notes, notes, PROP_REVIEW_NOTES);
  g_free (self->reviewed_version);
  self->reviewed_version = g_strdup (reviewed_version);

  if (!(self->reviewed_at == NULL && reviewed_at == NULL) &&
      (self->reviewed_at == NULL || reviewed_at == NULL ||
       !g_date_time_equal (self->reviewed_at, reviewed_at)))
    {
      g_clear_pointer (&self->reviewed_at, g_date_time_unref);
      self->reviewed_at = reviewed_at ? g_date_time_ref (reviewed_at) : NULL;
      notify (self, PROP_REVIEWED_AT);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
_posture_training_module_update_stale (PostureTrainingModule *self,
                                       guint                  interval_days,
                                       GDateTime             *now)
{
  PostureTrainingStaleReason reason = POSTURE_TRAINING_STALE_NONE;
  gboolean was_needed;

  g_return_if_fail (POSTURE_IS_TRAINING_MODULE (self));
  g_return_if_fail (now != NULL);

  switch (self->review_state)
    {
    case POSTURE_TRAINING_REVIEW_DRAFT:
      reason = POSTURE_TRAINING_STALE_NEVER_REVIEWED;
      break;
    case POSTURE_TRAINING_REVIEW_IN_REVIEW:
      reason = POSTURE_TRAINING_STALE_IN_REVIEW;
      break;
    case POSTURE_TRAINING_REVIEW_CHANGES_REQUESTED:
      reason = POSTURE_TRAINING_STALE_CHANGES_REQUESTED;
      break;
    case POSTURE_TRAINING_REVIEW_RETIRED:
      reason = POSTURE_TRAINING_STALE_NONE;
      break;
    case POSTURE_TRAINING_REVIEW_APPROVED:
      if (g_strcmp0 (self->reviewed_version, self->content_version) != 0)
        reason = POSTURE_TRAINING_STALE_CONTENT_CHANGED;
      else
        {
          g_autoptr(GDateTime) due = posture_training_module_dup_review_due (self, interval_days);

          if (due == NULL || g_date_time_compare (now, due) >= 0)
            reason = POSTURE_TRAINING_STALE_INTERVAL_PASSED;
        }
      break;
    default:
      g_assert_not_reached ();
    }

  if (reason == self->stale_reason)
    return;

  was_needed = posture_training_module_get_needs_review (self);
  self->stale_reason = reason;
  notify (self, PROP_STALE_REASON);
  if (was_needed != posture_training_module_get_needs_review (self))
    notify (self, PROP_NEEDS_REVIEW);
}
