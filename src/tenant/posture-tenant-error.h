/* posture-tenant-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POSTURE_CLIENT_ERROR      (posture_client_error_quark ())
#define POSTURE_TOKEN_STORE_ERROR (posture_token_store_error_quark ())

/* Codes describe what the caller should do (STYLE.md B9). */
typedef enum
{
  POSTURE_CLIENT_ERROR_INVALID_REQUEST, /* a programming or configuration mistake */
  POSTURE_CLIENT_ERROR_NEEDS_REAUTH,    /* 401, invalid_grant/invalid_client: sign in again */
  POSTURE_CLIENT_ERROR_FORBIDDEN,       /* 403: consent, role or admin-app registration missing */
  POSTURE_CLIENT_ERROR_THROTTLED,       /* 429/503 after the retries: wait and try again */
  POSTURE_CLIENT_ERROR_SERVER,          /* other 5xx after the retries */
  POSTURE_CLIENT_ERROR_PROTOCOL,        /* unparsable or unexpected payload */
  POSTURE_CLIENT_ERROR_NETWORK,         /* cannot connect, timed out, connection reset */
  POSTURE_CLIENT_ERROR_REFUSED_HOST,    /* a URL outside the allowed hosts; nothing was sent */
  POSTURE_CLIENT_ERROR_NOT_FOUND,       /* 404 where the resource must exist */
  POSTURE_CLIENT_ERROR_DECLINED,        /* the user declined or the device code expired */
  POSTURE_CLIENT_ERROR_TIMED_OUT,       /* the whole read passed its deadline: try again later */
  POSTURE_CLIENT_ERROR_NOT_SIGNED_IN,   /* no client secret or refresh token: run sign-in */
} PostureClientError;

typedef enum
{
  POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE, /* no Secret Service, or it is locked */
  POSTURE_TOKEN_STORE_ERROR_NOT_FOUND,   /* nothing stored for this tenant */
} PostureTokenStoreError;

GQuark posture_client_error_quark      (void);
GQuark posture_token_store_error_quark (void);

G_END_DECLS
