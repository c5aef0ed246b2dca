/* posture-decision.c: what a user decided about a control
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-decision"

#include "config.h"

#include "posture-decision.h"
#include "posture-enums.h"

struct _PostureDecision
{
  GObject                parent_instance;

  /* Owned */
  char                  *control_id;
  char                  *resource_id;
  char                  *note;
  char                  *author;
  char                  *owner;
  GDateTime             *updated_at;
  GDateTime             *due;
  GPtrArray             *history;      /* of PostureDecisionChange, oldest first */

  PostureDecisionStatus  status;
};

enum {
  PROP_0,
  PROP_CONTROL_ID,
  PROP_STATUS,
  PROP_NOTE,
  PROP_AUTHOR,
  PROP_UPDATED_AT,
  PROP_OWNER,
  PROP_DUE,
  PROP_RESOURCE_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureDecision, posture_decision, G_TYPE_OBJECT)

static void
change_free (gpointer data)
{
  PostureDecisionChange *change = data;

  g_clear_pointer (&change->when, g_date_time_unref);
  g_free (change->author);
  g_free (change->note);
  g_free (change);
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
replace_date (GDateTime **field,
              GDateTime  *value)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  return TRUE;
}

static void
posture_decision_finalize (GObject *object)
{
  PostureDecision *self = (PostureDecision *)object;

  g_clear_pointer (&self->control_id, g_free);
  g_clear_pointer (&self->resource_id, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->due, g_date_time_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (posture_decision_parent_class)->finalize (object);
}

static void
posture_decision_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PostureDecision *self = POSTURE_DECISION (object);

  switch (prop_id)
    {
    case PROP_CONTROL_ID:
      g_value_set_string (value, self->control_id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_DUE:
      g_value_set_boxed (value, self->due);
      break;
    case PROP_RESOURCE_ID:
      g_value_set_string (value, self->resource_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_decision_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PostureDecision *self = POSTURE_DECISION (object);

  switch (prop_id)
    {
    case PROP_CONTROL_ID:
      g_free (self->control_id);
      self->control_id = g_value_dup_string (value);
      break;
    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;
    case PROP_OWNER:
      posture_decision_set_owner (self, g_value_get_string (value));
      break;
    case PROP_DUE:
      posture_decision_set_due (self, g_value_get_boxed (value));
      break;
    case PROP_RESOURCE_ID:
      posture_decision_set_resource_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_decision_class_init (PostureDecisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_decision_finalize;
  object_class->get_property = posture_decision_get_property;
  object_class->set_property = posture_decision_set_property;

  properties [PROP_CONTROL_ID] =
    g_param_spec_string ("control-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The status changes through posture_decision_change(), which keeps the history. */
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, POSTURE_TYPE_DECISION_STATUS,
                       POSTURE_DECISION_TO_ADDRESS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, ro);
  properties [PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, ro);
  properties [PROP_UPDATED_AT] = g_param_spec_boxed ("updated-at", NULL, NULL,
                                                     G_TYPE_DATE_TIME, ro);
  properties [PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, rw);
  properties [PROP_DUE] = g_param_spec_boxed ("due", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties [PROP_RESOURCE_ID] = g_param_spec_string ("resource-id", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_decision_init (PostureDecision *self)
{
  self->history = g_ptr_array_new_with_free_func (change_free);
}

/**
 * posture_decision_new:
 *
 * Returns: (transfer full): a decision with no note and an empty history
 */
PostureDecision *
posture_decision_new (const char            *control_id,
                      PostureDecisionStatus  status)
{
  g_return_val_if_fail (control_id != NULL && control_id[0] != '\0', NULL);

  return g_object_new (POSTURE_TYPE_DECISION,
                       "control-id", control_id,
                       "status", status,
                       NULL);
}

const char *
posture_decision_get_control_id (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), NULL);
  return self->control_id;
}

const char *
posture_decision_get_resource_id (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), NULL);
  return self->resource_id;
}

void
posture_decision_set_resource_id (PostureDecision *self,
                                  const char      *resource_id)
{
  g_return_if_fail (POSTURE_IS_DECISION (self));

  if (resource_id != NULL && resource_id[0] == '\0')
    resource_id = NULL;

  if (replace_string (&self->resource_id, resource_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RESOURCE_ID]);
}

PostureDecisionStatus
posture_decision_get_status (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), POSTURE_DECISION_TO_ADDRESS);
  return self->status;
}

/**
 * posture_decision_change:
 * @note: (nullable): why
 * @author: (nullable): who
 * @when: (nullable): when; %NULL means now
 *
 * Records the change (from the current status) in the history, then applies it.
 */
void
posture_decision_change (PostureDecision       *self,
                         PostureDecisionStatus  status,
                         const char            *note,
                         const char            *author,
                         GDateTime             *when)
{
  g_autoptr(GDateTime) now = NULL;
  gboolean status_changed;

  g_return_if_fail (POSTURE_IS_DECISION (self));
  g_return_if_fail (status <= POSTURE_DECISION_THIRD_PARTY);

  if (when == NULL)
    when = now = g_date_time_new_now_utc ();

  posture_decision_restore_change (self, when, author, self->status, status, note);

  g_object_freeze_notify (G_OBJECT (self));

  status_changed = self->status != status;
  self->status = status;
  if (status_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
  if (replace_string (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NOTE]);
  if (replace_string (&self->author, author))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AUTHOR]);
  if (replace_date (&self->updated_at, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
posture_decision_get_note (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), NULL);
  return self->note;
}

const char *
posture_decision_get_author (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), NULL);
  return self->author;
}

GDateTime *
posture_decision_get_updated_at (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), NULL);
  return self->updated_at;
}

const char *
posture_decision_get_owner (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), NULL);
  return self->owner;
}

void
posture_decision_set_owner (PostureDecision *self,
                            const char      *owner)
{
  g_return_if_fail (POSTURE_IS_DECISION (self));

  if (replace_string (&self->owner, owner))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OWNER]);
}

GDateTime *
posture_decision_get_due (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), NULL);
  return self->due;
}

void
posture_decision_set_due (PostureDecision *self,
                          GDateTime       *due)
{
  g_return_if_fail (POSTURE_IS_DECISION (self));

  if (replace_date (&self->due, due))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DUE]);
}

void
posture_decision_restore_change (PostureDecision       *self,
                                 GDateTime             *when,
                                 const char            *author,
                                 PostureDecisionStatus  from,
                                 PostureDecisionStatus  to,
                                 const char            *note)
{
  PostureDecisionChange *change;

  g_return_if_fail (POSTURE_IS_DECISION (self));
  g_return_if_fail (when != NULL);

  change = g_new0 (PostureDecisionChange, 1);
  change->when = g_date_time_ref (when);
  change->author = g_strdup (author);
  change->from = from;
  change->to = to;
  change->note = g_strdup (note);
  g_ptr_array_add (self->history, change);
}

/**
 * posture_decision_get_history:
 *
 * Returns: (transfer none) (element-type PostureDecisionChange): the changes, oldest first
 */
GPtrArray *
posture_decision_get_history (PostureDecision *self)
{
  g_return_val_if_fail (POSTURE_IS_DECISION (self), NULL);
  return self->history;
}

void
posture_decision_restore_details (PostureDecision *self,
                                  const char      *note,
                                  const char      *author,
                                  GDateTime       *updated_at)
{
  g_return_if_fail (POSTURE_IS_DECISION (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (replace_string (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NOTE]);
  if (replace_string (&self->author, author))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AUTHOR]);
  if (replace_date (&self->updated_at, updated_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
  g_object_thaw_notify (G_OBJECT (self));
}
