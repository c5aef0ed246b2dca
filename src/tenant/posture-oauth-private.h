/* posture-oauth-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-http-private.h"
#include "posture-oauth.h"

G_BEGIN_DECLS

PostureHttp *_posture_oauth_get_http          (PostureOAuth *self);
/* The `tid` claim of a JWT-shaped access token, or NULL. */
char        *_posture_oauth_dup_token_tenant  (const char   *access_token);

G_END_DECLS
