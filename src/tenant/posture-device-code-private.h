/* posture-device-code-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-device-code.h"

G_BEGIN_DECLS

PostureDeviceCode *_posture_device_code_new          (const char             *device_code,
                                                      const char             *user_code,
                                                      const char             *verification_uri,
                                                      const char             *message,
                                                      gint64                  expires_in_s,
                                                      guint                   interval_ms);
const char        *_posture_device_code_get_secret   (PostureDeviceCode      *self);
gint64             _posture_device_code_get_deadline (PostureDeviceCode      *self);
void               _posture_device_code_set_interval (PostureDeviceCode      *self,
                                                      guint                   interval_ms);
void               _posture_device_code_add_poll     (PostureDeviceCode      *self);
void               _posture_device_code_set_state    (PostureDeviceCode      *self,
                                                      PostureDeviceCodeState  state);

G_END_DECLS
