/* posture-tenant-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "posture-tenant-progress.h"

struct _PostureTenantProgress
{
  GObject          parent_instance;

  PostureReadPhase phase;
  guint            done;
  guint            total;
  gint64           resume_at;       /* monotonic µs, 0 when not throttled */
  guint            throttled_seconds;
  char            *status;
  GSource         *tick;
};

enum {
  PROP_0,
  PROP_PHASE,
  PROP_PHASE_NAME,
  PROP_DONE,
  PROP_TOTAL,
  PROP_FRACTION,
  PROP_THROTTLED_SECONDS,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureTenantProgress, posture_tenant_progress, G_TYPE_OBJECT)

static void
update_throttled (PostureTenantProgress *self)
{
  gint64 now = g_get_monotonic_time ();
  guint seconds = 0;
  g_autofree char *status = NULL;

  if (self->resume_at > now)
    seconds = (guint) ((self->resume_at - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  else
    self->resume_at = 0;

  if (seconds > 0)
    /* Translators: the service asked Posture to wait; %u is a number of seconds */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Throttled, resuming in %u s",
                                           "Throttled, resuming in %u s", seconds), seconds);

  g_object_freeze_notify (G_OBJECT (self));
  if (seconds != self->throttled_seconds)
    {
      self->throttled_seconds = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_THROTTLED_SECONDS]);
    }
  if (g_strcmp0 (status, self->status) != 0)
    {
      g_free (self->status);
      self->status = g_steal_pointer (&status);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (seconds == 0 && self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  update_throttled (user_data);
  return G_SOURCE_CONTINUE;
}

static void
posture_tenant_progress_dispose (GObject *object)
{
  PostureTenantProgress *self = POSTURE_TENANT_PROGRESS (object);

  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }

  G_OBJECT_CLASS (posture_tenant_progress_parent_class)->dispose (object);
}

static void
posture_tenant_progress_finalize (GObject *object)
{
  PostureTenantProgress *self = POSTURE_TENANT_PROGRESS (object);

  g_free (self->status);

  G_OBJECT_CLASS (posture_tenant_progress_parent_class)->finalize (object);
}

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

    case PROP_THROTTLED_SECONDS:
      g_value_set_uint (value, self->throttled_seconds);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_tenant_progress_class_init (PostureTenantProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = posture_tenant_progress_dispose;
  object_class->finalize = posture_tenant_progress_finalize;
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
  properties [PROP_THROTTLED_SECONDS] =
    g_param_spec_uint ("throttled-seconds", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
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
  self->resume_at = 0;
  update_throttled (self);
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
  /* The end of a read ends any wait it announced. */
  if (phase == POSTURE_READ_PHASE_DONE || phase == POSTURE_READ_PHASE_FAILED)
    {
      self->resume_at = 0;
      update_throttled (self);
    }
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

guint
posture_tenant_progress_get_throttled_seconds (PostureTenantProgress *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_PROGRESS (self), 0);
  return self->throttled_seconds;
}

const char *
posture_tenant_progress_get_status (PostureTenantProgress *self)
{
  g_return_val_if_fail (POSTURE_IS_TENANT_PROGRESS (self), NULL);
  return self->status;
}

void
posture_tenant_progress_set_throttled (PostureTenantProgress *self,
                                       guint                  seconds)
{
  gint64 resume_at;

  g_return_if_fail (POSTURE_IS_TENANT_PROGRESS (self));

  if (seconds == 0)
    self->resume_at = 0;
  else
    {
      resume_at = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
      self->resume_at = MAX (self->resume_at, resume_at);
      if (self->tick == NULL)
        {
          self->tick = g_timeout_source_new_seconds (1);
          g_source_set_callback (self->tick, tick_cb, self, NULL);
          g_source_attach (self->tick, g_main_context_get_thread_default ());
        }
    }
  update_throttled (self);
}
