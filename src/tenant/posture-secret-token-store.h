/* posture-secret-token-store.h: the token store on the Secret Service (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-token-store.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_SECRET_TOKEN_STORE (posture_secret_token_store_get_type ())

G_DECLARE_FINAL_TYPE (PostureSecretTokenStore, posture_secret_token_store,
                      POSTURE, SECRET_TOKEN_STORE, GObject)

/* Items use the schemas "io.github.posture.Posture.RefreshToken" and
 * "io.github.posture.Posture.ClientSecret" with the attributes tenant-id, client-id,
 * cloud and version (never a secret), in the default collection. Without a
 * Secret Service, or with a locked one, every call fails with
 * POSTURE_TOKEN_STORE_ERROR_UNAVAILABLE; there is no plaintext fallback. */
PostureTokenStore *posture_secret_token_store_new (void);

G_END_DECLS
