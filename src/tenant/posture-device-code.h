/* posture-device-code.h: one device-code sign-in in progress (RFC 8628)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "posture-tenant-enums.h"
#include "posture-tenant-types.h"

G_BEGIN_DECLS

typedef enum
{
  POSTURE_DEVICE_CODE_STATE_WAITING,   /* shown to the user; not polling yet */
  POSTURE_DEVICE_CODE_STATE_POLLING,   /* polling the token endpoint */
  POSTURE_DEVICE_CODE_STATE_SIGNED_IN, /* tokens received */
  POSTURE_DEVICE_CODE_STATE_FAILED,    /* declined, expired, cancelled or an error */
} PostureDeviceCodeState;

/* POSTURE_TYPE_DEVICE_CODE_STATE is in posture-tenant-enums.h. */
#define POSTURE_TYPE_DEVICE_CODE       (posture_device_code_get_type ())

G_DECLARE_FINAL_TYPE (PostureDeviceCode, posture_device_code, POSTURE, DEVICE_CODE, GObject)

/* Made by posture_oauth_request_device_code_finish(). Properties (all read-only,
 * notified on the caller's main context): "user-code", "verification-uri",
 * "message" (the server's text, to show as is), "expires-at" (GDateTime),
 * "interval" (current polling interval in ms; grows on slow_down), "polls"
 * (token requests made so far), "state" (PostureDeviceCodeState). The device code
 * itself never leaves the object and is wiped on finalize. */
const char             *posture_device_code_get_user_code        (PostureDeviceCode *self);
const char             *posture_device_code_get_verification_uri (PostureDeviceCode *self);
const char             *posture_device_code_get_message          (PostureDeviceCode *self);
GDateTime              *posture_device_code_get_expires_at       (PostureDeviceCode *self);
guint                   posture_device_code_get_interval         (PostureDeviceCode *self);
guint                   posture_device_code_get_polls            (PostureDeviceCode *self);
PostureDeviceCodeState  posture_device_code_get_state            (PostureDeviceCode *self);

G_END_DECLS
