/* posture-fix-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-fix-step"

#include "config.h"

#include "posture-fix-private.h"
#include "posture-fix-step.h"
#include "posture-types.h"

struct _PostureFixStep
{
  GObject            parent_instance;

  char              *resource_id;
  char              *name;
  PostureFixAction   action;
  char              *reason;
  GPtrArray         *preconditions;   /* of char *, NULL-terminated */
  GListStore        *requests;        /* of PostureFixRequest */
  char              *before;
  char              *after;

  PostureFixOutcome  outcome;
  char              *message;
  char              *operation_url;
};

enum {
  PROP_0,
  PROP_RESOURCE_ID,
  PROP_NAME,
  PROP_ACTION,
  PROP_REASON,
  PROP_PRECONDITIONS,
  PROP_REQUESTS,
  PROP_BEFORE,
  PROP_AFTER,
  PROP_OUTCOME,
  PROP_MESSAGE,
  PROP_OPERATION_URL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureFixStep, posture_fix_step, G_TYPE_OBJECT)

const char *
posture_fix_action_to_string (PostureFixAction action)
{
  return posture_enum_to_string (POSTURE_TYPE_FIX_ACTION, action);
}

const char *
posture_fix_outcome_to_string (PostureFixOutcome outcome)
{
  if (outcome == POSTURE_FIX_OUTCOME_NONE)
    return NULL;
  return posture_enum_to_string (POSTURE_TYPE_FIX_OUTCOME, outcome);
}

static void
posture_fix_step_dispose (GObject *object)
{
  PostureFixStep *self = (PostureFixStep *) object;

  g_clear_object (&self->requests);

  G_OBJECT_CLASS (posture_fix_step_parent_class)->dispose (object);
}

static void
posture_fix_step_finalize (GObject *object)
{
  PostureFixStep *self = (PostureFixStep *) object;

  g_clear_pointer (&self->resource_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->preconditions, g_ptr_array_unref);
  g_clear_pointer (&self->before, g_free);
  g_clear_pointer (&self->after, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->operation_url, g_free);

  G_OBJECT_CLASS (posture_fix_step_parent_class)->finalize (object);
}

static void
posture_fix_step_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PostureFixStep *self = POSTURE_FIX_STEP (object);

  switch (prop_id)
    {
    case PROP_RESOURCE_ID:
      g_value_set_string (value, self->resource_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ACTION:
      g_value_set_enum (value, self->action);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_PRECONDITIONS:
      g_value_set_boxed (value, self->preconditions->pdata);
      break;
    case PROP_REQUESTS:
      g_value_set_object (value, self->requests);
      break;
    case PROP_BEFORE:
      g_value_set_string (value, self->before);
      break;
    case PROP_AFTER:
      g_value_set_string (value, self->after);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_OPERATION_URL:
      g_value_set_string (value, self->operation_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_step_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PostureFixStep *self = POSTURE_FIX_STEP (object);

  switch (prop_id)
    {
    case PROP_OUTCOME:
      posture_fix_step_set_outcome (self, g_value_get_enum (value), self->message);
      break;
    case PROP_MESSAGE:
      posture_fix_step_set_outcome (self, self->outcome, g_value_get_string (value));
      break;
    case PROP_OPERATION_URL:
      posture_fix_step_set_operation_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_fix_step_class_init (PostureFixStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = posture_fix_step_dispose;
  object_class->finalize = posture_fix_step_finalize;
  object_class->get_property = posture_fix_step_get_property;
  object_class->set_property = posture_fix_step_set_property;

  properties [PROP_RESOURCE_ID] = g_param_spec_string ("resource-id", NULL, NULL, NULL, ro);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties [PROP_ACTION] =
    g_param_spec_enum ("action", NULL, NULL, POSTURE_TYPE_FIX_ACTION, POSTURE_FIX_ACTION_CHANGE,
                       ro);
  properties [PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, ro);
  properties [PROP_PRECONDITIONS] =
    g_param_spec_boxed ("preconditions", NULL, NULL, G_TYPE_STRV, ro);
  properties [PROP_REQUESTS] =
    g_param_spec_object ("requests", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties [PROP_BEFORE] = g_param_spec_string ("before", NULL, NULL, NULL, ro);
  properties [PROP_AFTER] = g_param_spec_string ("after", NULL, NULL, NULL, ro);
  properties [PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL, POSTURE_TYPE_FIX_OUTCOME, POSTURE_FIX_OUTCOME_NONE,
                       rw);
  properties [PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, rw);
  properties [PROP_OPERATION_URL] = g_param_spec_string ("operation-url", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_fix_step_init (PostureFixStep *self)
{
  self->preconditions = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->preconditions, NULL);
  self->requests = g_list_store_new (POSTURE_TYPE_FIX_REQUEST);
}

PostureFixStep *
_posture_fix_step_new (const char       *resource_id,
                       const char       *name,
                       PostureFixAction  action,
                       const char       *reason)
{
  PostureFixStep *self = g_object_new (POSTURE_TYPE_FIX_STEP, NULL);

  self->resource_id = g_strdup (resource_id);
  self->name = g_strdup (name != NULL ? name : resource_id);
  self->action = action;
  self->reason = g_strdup (reason);
  return self;
}

void
_posture_fix_step_add_precondition (PostureFixStep *self,
                                    const char     *text)
{
  g_assert (POSTURE_IS_FIX_STEP (self));

  g_ptr_array_insert (self->preconditions, self->preconditions->len - 1, g_strdup (text));
}

void
_posture_fix_step_add_request (PostureFixStep    *self,
                               PostureFixRequest *request)
{
  g_assert (POSTURE_IS_FIX_STEP (self));

  g_list_store_append (self->requests, request);
}

void
_posture_fix_step_set_values (PostureFixStep *self,
                              const char     *before,
                              const char     *after)
{
  g_assert (POSTURE_IS_FIX_STEP (self));

  g_free (self->before);
  self->before = g_strdup (before);
  g_free (self->after);
  self->after = g_strdup (after);
}

const char *
posture_fix_step_get_resource_id (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return self->resource_id;
}

const char *
posture_fix_step_get_name (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return self->name;
}

PostureFixAction
posture_fix_step_get_action (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), 0);
  return self->action;
}

const char *
posture_fix_step_get_reason (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return self->reason;
}

const char * const *
posture_fix_step_get_preconditions (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return (const char * const *) self->preconditions->pdata;
}

/**
 * posture_fix_step_get_requests:
 *
 * Returns: (transfer none): a GListModel of PostureFixRequest
 */
GListModel *
posture_fix_step_get_requests (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return G_LIST_MODEL (self->requests);
}

const char *
posture_fix_step_get_before (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return self->before;
}

const char *
posture_fix_step_get_after (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return self->after;
}

PostureFixOutcome
posture_fix_step_get_outcome (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), 0);
  return self->outcome;
}

const char *
posture_fix_step_get_message (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return self->message;
}

const char *
posture_fix_step_get_operation_url (PostureFixStep *self)
{
  g_return_val_if_fail (POSTURE_IS_FIX_STEP (self), NULL);
  return self->operation_url;
}

void
posture_fix_step_set_outcome (PostureFixStep    *self,
                              PostureFixOutcome  outcome,
                              const char        *message)
{
  g_return_if_fail (POSTURE_IS_FIX_STEP (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->message, message) != 0)
    {
      char *copy = g_strdup (message);

      g_free (self->message);
      self->message = copy;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MESSAGE]);
    }
  if (self->outcome != outcome)
    {
      self->outcome = outcome;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OUTCOME]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
posture_fix_step_set_operation_url (PostureFixStep *self,
                                    const char     *url)
{
  g_return_if_fail (POSTURE_IS_FIX_STEP (self));

  if (g_strcmp0 (self->operation_url, url) == 0)
    return;

  g_free (self->operation_url);
  self->operation_url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OPERATION_URL]);
}
