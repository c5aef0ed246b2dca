/* posture-diff-entry.c: one change between two assessments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-diff"

#include "config.h"

#include "posture-diff-entry.h"
#include "posture-enums.h"
#include "posture-types.h"

struct _PostureDiffEntry
{
  GObject          parent_instance;

  PostureDiffKind  kind;
  char            *control_id;
  char            *resource_id;
  char            *resource_name;
  char            *from_status;
  char            *to_status;
  guint            from_earned;
  guint            from_possible;
  guint            to_earned;
  guint            to_possible;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_CONTROL_ID,
  PROP_RESOURCE_ID,
  PROP_RESOURCE_NAME,
  PROP_FROM_STATUS,
  PROP_TO_STATUS,
  PROP_FROM_EARNED,
  PROP_FROM_POSSIBLE,
  PROP_TO_EARNED,
  PROP_TO_POSSIBLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureDiffEntry, posture_diff_entry, G_TYPE_OBJECT)

const char *
posture_diff_kind_to_string (PostureDiffKind kind)
{
  return posture_enum_to_string (POSTURE_TYPE_DIFF_KIND, kind);
}

static void
posture_diff_entry_finalize (GObject *object)
{
  PostureDiffEntry *self = (PostureDiffEntry *) object;

  g_free (self->control_id);
  g_free (self->resource_id);
  g_free (self->resource_name);
  g_free (self->from_status);
  g_free (self->to_status);

  G_OBJECT_CLASS (posture_diff_entry_parent_class)->finalize (object);
}

static void
posture_diff_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PostureDiffEntry *self = POSTURE_DIFF_ENTRY (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_CONTROL_ID:
      g_value_set_string (value, self->control_id);
      break;
    case PROP_RESOURCE_ID:
      g_value_set_string (value, self->resource_id);
      break;
    case PROP_RESOURCE_NAME:
      g_value_set_string (value, posture_diff_entry_get_resource_name (self));
      break;
    case PROP_FROM_STATUS:
      g_value_set_string (value, self->from_status);
      break;
    case PROP_TO_STATUS:
      g_value_set_string (value, self->to_status);
      break;
    case PROP_FROM_EARNED:
      g_value_set_uint (value, self->from_earned);
      break;
    case PROP_FROM_POSSIBLE:
      g_value_set_uint (value, self->from_possible);
      break;
    case PROP_TO_EARNED:
      g_value_set_uint (value, self->to_earned);
      break;
    case PROP_TO_POSSIBLE:
      g_value_set_uint (value, self->to_possible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_diff_entry_class_init (PostureDiffEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_diff_entry_finalize;
  object_class->get_property = posture_diff_entry_get_property;

  properties[PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL, 0,
                                             POSTURE_DIFF_RESOURCE_WENT_AWAY, 0, flags);
  properties[PROP_CONTROL_ID] = g_param_spec_string ("control-id", NULL, NULL, NULL, flags);
  properties[PROP_RESOURCE_ID] = g_param_spec_string ("resource-id", NULL, NULL, NULL, flags);
  properties[PROP_RESOURCE_NAME] = g_param_spec_string ("resource-name", NULL, NULL, NULL, flags);
  properties[PROP_FROM_STATUS] = g_param_spec_string ("from-status", NULL, NULL, NULL, flags);
  properties[PROP_TO_STATUS] = g_param_spec_string ("to-status", NULL, NULL, NULL, flags);
  properties [PROP_FROM_EARNED] =
      g_param_spec_uint ("from-earned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_FROM_POSSIBLE] =
      g_param_spec_uint ("from-possible", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TO_EARNED] = g_param_spec_uint ("to-earned", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties [PROP_TO_POSSIBLE] =
      g_param_spec_uint ("to-possible", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_diff_entry_init (PostureDiffEntry *self)
{
}

PostureDiffEntry *
_posture_diff_entry_new (PostureDiffKind  kind,
                         const char      *control_id,
                         const char      *resource_id,
                         const char      *resource_name,
                         const char      *from_status,
                         const char      *to_status,
                         guint            from_earned,
                         guint            from_possible,
                         guint            to_earned,
                         guint            to_possible)
{
  PostureDiffEntry *self = g_object_new (POSTURE_TYPE_DIFF_ENTRY, NULL);

  self->kind = kind;
  self->control_id = g_strdup (control_id);
  self->resource_id = g_strdup (resource_id);
  self->resource_name = g_strdup (resource_name);
  self->from_status = g_strdup (from_status);
  self->to_status = g_strdup (to_status);
  self->from_earned = from_earned;
  self->from_possible = from_possible;
  self->to_earned = to_earned;
  self->to_possible = to_possible;
  return self;
}

PostureDiffKind
posture_diff_entry_get_kind (PostureDiffEntry *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF_ENTRY (self), 0);
  return self->kind;
}

const char *
posture_diff_entry_get_control_id (PostureDiffEntry *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF_ENTRY (self), NULL);
  return self->control_id;
}

const char *
posture_diff_entry_get_resource_id (PostureDiffEntry *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF_ENTRY (self), NULL);
  return self->resource_id;
}

/* The resource's display name when the records kept it, else its id. */
const char *
posture_diff_entry_get_resource_name (PostureDiffEntry *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF_ENTRY (self), NULL);
  return self->resource_name ? self->resource_name : self->resource_id;
}

const char *
posture_diff_entry_get_from_status (PostureDiffEntry *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF_ENTRY (self), NULL);
  return self->from_status;
}

const char *
posture_diff_entry_get_to_status (PostureDiffEntry *self)
{
  g_return_val_if_fail (POSTURE_IS_DIFF_ENTRY (self), NULL);
  return self->to_status;
}

void
posture_diff_entry_get_points (PostureDiffEntry *self,
                               guint            *from_earned,
                               guint            *from_possible,
                               guint            *to_earned,
                               guint            *to_possible)
{
  g_return_if_fail (POSTURE_IS_DIFF_ENTRY (self));

  if (from_earned)
    *from_earned = self->from_earned;
  if (from_possible)
    *from_possible = self->from_possible;
  if (to_earned)
    *to_earned = self->to_earned;
  if (to_possible)
    *to_possible = self->to_possible;
}
