/* posture-resource-result.c: one resource's result for a control
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-assessment"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "posture-assessment-private.h"
#include "posture-enums.h"

enum {
  RES_PROP_0,
  RES_PROP_ID,
  RES_PROP_NAME,
  RES_PROP_STATUS,
  RES_PROP_REASON,
  RES_PROP_ENVIRONMENT_TYPE,
  RES_PROP_SETTING_TITLE,
  RES_PROP_EVIDENCE,
  RES_N_PROPS
};

static GParamSpec *resource_properties [RES_N_PROPS];

G_DEFINE_FINAL_TYPE (PostureResourceResult, posture_resource_result, G_TYPE_OBJECT)

static void
posture_resource_result_finalize (GObject *object)
{
  PostureResourceResult *self = (PostureResourceResult *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->environment_type, g_free);
  for (guint i = 0; i < self->n_evidence; i++)
    if (self->evidence[i].owned)
      g_clear_pointer (&self->evidence[i].value, g_free);

  G_OBJECT_CLASS (posture_resource_result_parent_class)->finalize (object);
}

static void
posture_resource_result_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PostureResourceResult *self = POSTURE_RESOURCE_RESULT (object);

  switch (prop_id)
    {
    case RES_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case RES_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case RES_PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case RES_PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case RES_PROP_ENVIRONMENT_TYPE:
      g_value_set_string (value, self->environment_type);
      break;
    case RES_PROP_SETTING_TITLE:
      g_value_set_string (value, self->n_evidence > 0 ? self->evidence[0].title : NULL);
      break;
    case RES_PROP_EVIDENCE:
      g_value_take_string (value, posture_resource_result_dup_evidence (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_resource_result_class_init (PostureResourceResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_resource_result_finalize;
  object_class->get_property = posture_resource_result_get_property;

  resource_properties [RES_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  resource_properties [RES_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  resource_properties [RES_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, POSTURE_TYPE_RESULT, POSTURE_RESULT_UNKNOWN, flags);
  resource_properties [RES_PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  resource_properties [RES_PROP_ENVIRONMENT_TYPE] =
    g_param_spec_string ("environment-type", NULL, NULL, NULL, flags);
  resource_properties [RES_PROP_SETTING_TITLE] =
    g_param_spec_string ("setting-title", NULL, NULL, NULL, flags);
  resource_properties [RES_PROP_EVIDENCE] =
    g_param_spec_string ("evidence", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, RES_N_PROPS, resource_properties);
}

static void
posture_resource_result_init (PostureResourceResult *self)
{
}

/* Takes @reason. */
PostureResourceResult *
_posture_resource_result_new (const char    *id,
                              const char    *name,
                              const char    *environment_type,
                              PostureResult  status,
                              char          *reason)
{
  PostureResourceResult *self = g_object_new (POSTURE_TYPE_RESOURCE_RESULT, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL ? name : id);
  self->environment_type = g_strdup (environment_type);
  self->status = status;
  self->reason = reason;
  self->credited = status == POSTURE_RESULT_PASS;

  return self;
}

const char *
posture_resource_result_get_id (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  return self->id;
}

const char *
posture_resource_result_get_name (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  return self->name;
}

PostureResult
posture_resource_result_get_status (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), POSTURE_RESULT_UNKNOWN);
  return self->status;
}

const char *
posture_resource_result_get_reason (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  return self->reason;
}

const char *
posture_resource_result_get_environment_type (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  return self->environment_type;
}

void
_posture_resource_result_take_evidence (PostureResourceResult *self,
                                        PostureEval           *ev)
{
  g_assert (self->n_evidence == 0);

  memcpy (self->evidence, ev->evidence, sizeof (PostureEvidence) * ev->n_evidence);
  self->n_evidence = ev->n_evidence;
  ev->n_evidence = 0;
}

guint
posture_resource_result_get_n_evidence (PostureResourceResult *self)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), 0);
  return self->n_evidence;
}

/**
 * posture_resource_result_get_evidence_title:
 *
 * Returns: (transfer none): the human title of the setting read ("Share with Everyone")
 */
const char *
posture_resource_result_get_evidence_title (PostureResourceResult *self,
                                            guint                  position)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  g_return_val_if_fail (position < self->n_evidence, NULL);
  return self->evidence[position].title;
}

/**
 * posture_resource_result_get_evidence_key:
 *
 * Returns: (transfer none): the API field read ("powerPlatform.powerApps.disableShareWithEveryone")
 */
const char *
posture_resource_result_get_evidence_key (PostureResourceResult *self,
                                          guint                  position)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  g_return_val_if_fail (position < self->n_evidence, NULL);
  return self->evidence[position].key;
}

/**
 * posture_resource_result_get_evidence_value:
 *
 * Returns: (transfer none): the value read, in human words ("Off")
 */
const char *
posture_resource_result_get_evidence_value (PostureResourceResult *self,
                                            guint                  position)
{
  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);
  g_return_val_if_fail (position < self->n_evidence, NULL);
  return self->evidence[position].value;
}

/**
 * posture_resource_result_dup_evidence:
 *
 * Returns: (transfer full) (nullable): one "Title: value" line per evidence item
 */
char *
posture_resource_result_dup_evidence (PostureResourceResult *self)
{
  GString *text;

  g_return_val_if_fail (POSTURE_IS_RESOURCE_RESULT (self), NULL);

  if (self->n_evidence == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < self->n_evidence; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: one line of evidence: a setting's title and its value ("Auditing: Off") */
      g_string_append_printf (text, _("%s: %s"), self->evidence[i].title,
                              self->evidence[i].value);
    }

  return g_string_free (text, FALSE);
}
