/* posture-pending-operation.c: a fix the service accepted and is still carrying out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-pending-operation"

#include "config.h"

#include "posture-pending-operation.h"

struct _PosturePendingOperation
{
  GObject    parent_instance;

  char      *control_id;
  char      *resource_id;
  char      *resource_name;
  char      *operation_url;
  GDateTime *started_at;
};

enum {
  PROP_0,
  PROP_CONTROL_ID,
  PROP_RESOURCE_ID,
  PROP_RESOURCE_NAME,
  PROP_OPERATION_URL,
  PROP_STARTED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PosturePendingOperation, posture_pending_operation, G_TYPE_OBJECT)

static void
posture_pending_operation_finalize (GObject *object)
{
  PosturePendingOperation *self = (PosturePendingOperation *) object;

  g_clear_pointer (&self->control_id, g_free);
  g_clear_pointer (&self->resource_id, g_free);
  g_clear_pointer (&self->resource_name, g_free);
  g_clear_pointer (&self->operation_url, g_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);

  G_OBJECT_CLASS (posture_pending_operation_parent_class)->finalize (object);
}

static void
posture_pending_operation_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PosturePendingOperation *self = POSTURE_PENDING_OPERATION (object);

  switch (prop_id)
    {
    case PROP_CONTROL_ID:
      g_value_set_string (value, self->control_id);
      break;
    case PROP_RESOURCE_ID:
      g_value_set_string (value, self->resource_id);
      break;
    case PROP_RESOURCE_NAME:
      g_value_set_string (value, self->resource_name);
      break;
    case PROP_OPERATION_URL:
      g_value_set_string (value, self->operation_url);
      break;
    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_pending_operation_class_init (PosturePendingOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = posture_pending_operation_finalize;
  object_class->get_property = posture_pending_operation_get_property;

  properties[PROP_CONTROL_ID] = g_param_spec_string ("control-id", NULL, NULL, NULL, flags);
  properties[PROP_RESOURCE_ID] = g_param_spec_string ("resource-id", NULL, NULL, NULL, flags);
  properties[PROP_RESOURCE_NAME] = g_param_spec_string ("resource-name", NULL, NULL, NULL, flags);
  properties[PROP_OPERATION_URL] = g_param_spec_string ("operation-url", NULL, NULL, NULL, flags);
  properties[PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_pending_operation_init (PosturePendingOperation *self)
{
}

/**
 * posture_pending_operation_new:
 * @resource_name: (nullable): the resource's display name when the fix was made
 *
 * Returns: (transfer full): the operation (the store checks the values it keeps)
 */
PosturePendingOperation *
posture_pending_operation_new (const char *control_id,
                               const char *resource_id,
                               const char *resource_name,
                               const char *operation_url,
                               GDateTime  *started_at)
{
  PosturePendingOperation *self;

  g_return_val_if_fail (control_id != NULL, NULL);
  g_return_val_if_fail (resource_id != NULL, NULL);
  g_return_val_if_fail (operation_url != NULL, NULL);
  g_return_val_if_fail (started_at != NULL, NULL);

  self = g_object_new (POSTURE_TYPE_PENDING_OPERATION, NULL);
  self->control_id = g_strdup (control_id);
  self->resource_id = g_strdup (resource_id);
  self->resource_name = g_strdup (resource_name);
  self->operation_url = g_strdup (operation_url);
  self->started_at = g_date_time_to_utc (started_at);
  return self;
}

const char *
posture_pending_operation_get_control_id (PosturePendingOperation *self)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_OPERATION (self), NULL);
  return self->control_id;
}

const char *
posture_pending_operation_get_resource_id (PosturePendingOperation *self)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_OPERATION (self), NULL);
  return self->resource_id;
}

/* (nullable): the display name kept with it, if any */
const char *
posture_pending_operation_get_resource_name (PosturePendingOperation *self)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_OPERATION (self), NULL);
  return self->resource_name;
}

const char *
posture_pending_operation_get_operation_url (PosturePendingOperation *self)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_OPERATION (self), NULL);
  return self->operation_url;
}

GDateTime *
posture_pending_operation_get_started_at (PosturePendingOperation *self)
{
  g_return_val_if_fail (POSTURE_IS_PENDING_OPERATION (self), NULL);
  return self->started_at;
}
