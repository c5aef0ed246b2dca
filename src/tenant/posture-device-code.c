/* posture-device-code.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include "posture-device-code-private.h"

struct _PostureDeviceCode
{
  GObject                 parent_instance;

  char                   *device_code;        /* secret: wiped on finalize */
  char                   *user_code;
  char                   *verification_uri;
  char                   *message;
  GDateTime              *expires_at;
  gint64                  deadline_us;        /* monotonic */
  guint                   interval_ms;
  guint                   polls;
  PostureDeviceCodeState  state;
};

enum {
  PROP_0,
  PROP_USER_CODE,
  PROP_VERIFICATION_URI,
  PROP_MESSAGE,
  PROP_EXPIRES_AT,
  PROP_INTERVAL,
  PROP_POLLS,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureDeviceCode, posture_device_code, G_TYPE_OBJECT)

static void
posture_device_code_finalize (GObject *object)
{
  PostureDeviceCode *self = (PostureDeviceCode *) object;

  posture_secret_free (self->device_code);
  g_free (self->user_code);
  g_free (self->verification_uri);
  g_free (self->message);
  g_clear_pointer (&self->expires_at, g_date_time_unref);

  G_OBJECT_CLASS (posture_device_code_parent_class)->finalize (object);
}

static void
posture_device_code_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PostureDeviceCode *self = POSTURE_DEVICE_CODE (object);

  switch (prop_id)
    {
    case PROP_USER_CODE:
      g_value_set_string (value, self->user_code);
      break;

    case PROP_VERIFICATION_URI:
      g_value_set_string (value, self->verification_uri);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;

    case PROP_POLLS:
      g_value_set_uint (value, self->polls);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_device_code_class_init (PostureDeviceCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = posture_device_code_finalize;
  object_class->get_property = posture_device_code_get_property;

  properties [PROP_USER_CODE] =
    g_param_spec_string ("user-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_VERIFICATION_URI] =
    g_param_spec_string ("verification-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, 5000,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_POLLS] =
    g_param_spec_uint ("polls", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, POSTURE_TYPE_DEVICE_CODE_STATE,
                       POSTURE_DEVICE_CODE_STATE_WAITING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_device_code_init (PostureDeviceCode *self)
{
}

PostureDeviceCode *
_posture_device_code_new (const char *device_code,
                          const char *user_code,
                          const char *verification_uri,
                          const char *message,
                          gint64      expires_in_s,
                          guint       interval_ms)
{
  PostureDeviceCode *self = g_object_new (POSTURE_TYPE_DEVICE_CODE, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->device_code = g_strdup (device_code);
  self->user_code = g_strdup (user_code);
  self->verification_uri = g_strdup (verification_uri);
  self->message = g_strdup (message);
  self->expires_at = g_date_time_add_seconds (now, (double) expires_in_s);
  self->deadline_us = g_get_monotonic_time () + expires_in_s * G_USEC_PER_SEC;
  self->interval_ms = interval_ms;
  return self;
}

const char *
_posture_device_code_get_secret (PostureDeviceCode *self)
{
  return self->device_code;
}

gint64
_posture_device_code_get_deadline (PostureDeviceCode *self)
{
  return self->deadline_us;
}

void
_posture_device_code_set_interval (PostureDeviceCode *self,
                                   guint              interval_ms)
{
  if (self->interval_ms == interval_ms)
    return;
  self->interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTERVAL]);
}

void
_posture_device_code_add_poll (PostureDeviceCode *self)
{
  self->polls++;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POLLS]);
}

void
_posture_device_code_set_state (PostureDeviceCode      *self,
                                PostureDeviceCodeState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

const char *
posture_device_code_get_user_code (PostureDeviceCode *self)
{
  g_return_val_if_fail (POSTURE_IS_DEVICE_CODE (self), NULL);
  return self->user_code;
}

const char *
posture_device_code_get_verification_uri (PostureDeviceCode *self)
{
  g_return_val_if_fail (POSTURE_IS_DEVICE_CODE (self), NULL);
  return self->verification_uri;
}

const char *
posture_device_code_get_message (PostureDeviceCode *self)
{
  g_return_val_if_fail (POSTURE_IS_DEVICE_CODE (self), NULL);
  return self->message;
}

GDateTime *
posture_device_code_get_expires_at (PostureDeviceCode *self)
{
  g_return_val_if_fail (POSTURE_IS_DEVICE_CODE (self), NULL);
  return self->expires_at;
}

guint
posture_device_code_get_interval (PostureDeviceCode *self)
{
  g_return_val_if_fail (POSTURE_IS_DEVICE_CODE (self), 0);
  return self->interval_ms;
}

guint
posture_device_code_get_polls (PostureDeviceCode *self)
{
  g_return_val_if_fail (POSTURE_IS_DEVICE_CODE (self), 0);
  return self->polls;
}

PostureDeviceCodeState
posture_device_code_get_state (PostureDeviceCode *self)
{
  g_return_val_if_fail (POSTURE_IS_DEVICE_CODE (self), POSTURE_DEVICE_CODE_STATE_FAILED);
  return self->state;
}
