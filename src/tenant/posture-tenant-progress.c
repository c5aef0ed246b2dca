/* posture-tenant-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include "posture-tenant-progress.h"

struct _PostureTenantProgress
{
  GObject          parent_instance;

  PostureReadPhase phase;
  guint            done;
  guint            total;
};

enum {
  PROP_0,
  PROP_PHASE,
  PROP_PHASE_NAME,
  PROP_DONE,
  PROP_TOTAL,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_ENUM_TYPE (PostureReadPhase, posture_read_phase,
                    G_DEFINE_ENUM_VALUE (POSTURE_READ_PHASE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (POSTURE_READ_PHASE_SIGNING_IN, "signing-in"),
                    G_DEFINE_ENUM_VALUE (POSTURE_READ_PHASE_TENANT, "tenant"),
                    G_DEFINE_ENUM_VALUE (POSTURE_READ_PHASE_ENVIRONMENTS, "environments"),
                    G_DEFINE_ENUM_VALUE (POSTURE_READ_PHASE_POLICIES, "policies"),
                    G_DEFINE_ENUM_VALUE (POSTURE_READ_PHASE_DATAVERSE, "dataverse"),
                    G_DEFINE_ENUM_VALUE (POSTURE_READ_PHASE_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (POSTURE_READ_PHASE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (PostureTenantProgress, posture_tenant_progress, G_TYPE_OBJECT)

static void
posture_tenant_progress_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PostureTenantProgress *self = POSTURE_TENANT_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;

    case PROP_PHASE_NAME:
      g_value_set_string (value, posture_tenant_progress_get_phase_name (self));
      break;

    case PROP_DONE:
      g_value_set_uint (value, self->done);
      break;

    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, posture_tenant_progress_get_fraction (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_tenant_progress_class_init (PostureTenantProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = posture_tenant_progress_get_property;

  properties [PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, POSTURE_TYPE_READ_PHASE, POSTURE_READ_PHASE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PHASE_NAME] =
    g_param_spec_string ("phase-name", NULL, NULL, "idle",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DONE] =
    g_param_spec_uint ("done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_tenant_progress_init (PostureTenantProgress *self)
{
}

PostureTenantProgress *
posture_tenant_progress_new (void)
{
  return g_object_new (POSTURE_TYPE_TENANT_PROGRESS, NULL);
}

PostureReadPhase
posture_tenant_progress_get_phase (PostureTenantProgress *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_PROGRESS (self), POSTURE_READ_PHASE_IDLE);
  return self->phase;
}

const char *
posture_tenant_progress_get_phase_name (PostureTenantProgress *self)
{
  GEnumClass *klass;
  GEnumValue *value;

  g_return_val_if_fail (POSTURE_IS_TENANT_PROGRESS (self), NULL);

  klass = g_type_class_ref (POSTURE_TYPE_READ_PHASE);
  value = g_enum_get_value (klass, self->phase);
  g_type_class_unref (klass);   /* static type: the class and its strings stay */
  return value != NULL ? value->value_nick : "idle";
}

guint
posture_tenant_progress_get_done (PostureTenantProgress *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_PROGRESS (self), 0);
  return self->done;
}

guint
posture_tenant_progress_get_total (PostureTenantProgress *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_PROGRESS (self), 0);
  return self->total;
}

double
posture_tenant_progress_get_fraction (PostureTenantProgress *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_PROGRESS (self), 0.0);

  if (self->phase == POSTURE_READ_PHASE_DONE)
    return 1.0;
  if (self->total == 0)
    return 0.0;
  return CLAMP ((double) self->done / (double) self->total, 0.0, 1.0);
}

void
posture_tenant_progress_reset (PostureTenantProgress *self)
{
  g_return_if_fail (POSTURE_IS_TENANT_PROGRESS (self));

  g_object_freeze_notify (G_OBJECT (self));
  posture_tenant_progress_set_phase (self, POSTURE_READ_PHASE_IDLE);
  if (self->done != 0)
    {
      self->done = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DONE]);
    }
  if (self->total != 0)
    {
      self->total = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOTAL]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FRACTION]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
posture_tenant_progress_set_phase (PostureTenantProgress *self,
                                   PostureReadPhase       phase)
{
  g_return_if_fail (POSTURE_IS_TENANT_PROGRESS (self));

  if (self->phase == phase)
    return;

  self->phase = phase;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PHASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PHASE_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FRACTION]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
posture_tenant_progress_add_total (PostureTenantProgress *self,
                                   guint                  n)
{
  g_return_if_fail (POSTURE_IS_TENANT_PROGRESS (self));

  if (n == 0)
    return;
  self->total += n;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FRACTION]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
posture_tenant_progress_add_done (PostureTenantProgress *self,
                                  guint                  n)
{
  g_return_if_fail (POSTURE_IS_TENANT_PROGRESS (self));

  if (n == 0)
    return;
  self->done += n;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FRACTION]);
  g_object_thaw_notify (G_OBJECT (self));
}
