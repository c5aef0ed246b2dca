/* posture-oauth.h: sign-in to Microsoft Entra ID (OAuth 2.0 v2.0 endpoints)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "posture-cloud.h"
#include "posture-device-code.h"
#include "posture-token-store.h"

G_BEGIN_DECLS

#define POSTURE_TYPE_OAUTH (posture_oauth_get_type ())

G_DECLARE_FINAL_TYPE (PostureOAuth, posture_oauth, POSTURE, OAUTH, GObject)

/* One tenant, one app registration, one cloud. @tenant is what the user typed
 * (GUID or domain); the tenant GUID is learned from the first token's `tid` claim.
 * @store may be NULL (nothing is persisted). @options may be NULL (defaults).
 *
 * Grants:
 * - client credentials: posture_oauth_set_client_secret() (and optionally
 *   posture_oauth_sign_in_with_secret_async() to verify it and keep it in the store);
 * - device code: posture_oauth_request_device_code_async() then
 *   posture_oauth_poll_device_code_async(); the refresh token goes to the store;
 * - refresh token: used automatically for every scope (one token request per
 *   resource); a new refresh token in a response replaces the stored one.
 * Access tokens stay in memory per scope until expiry_margin_s before they expire
 * and are wiped when dropped. */
PostureOAuth       *posture_oauth_new                  (PostureEndpoints          *endpoints,
                                                        const char                *tenant,
                                                        const char                *client_id,
                                                        PostureTokenStore         *store,
                                                        const PostureHttpOptions  *options);
PostureEndpoints   *posture_oauth_get_endpoints        (PostureOAuth              *self);
const char         *posture_oauth_get_tenant           (PostureOAuth              *self);
const char         *posture_oauth_get_client_id        (PostureOAuth              *self);
/* The tenant GUID: @tenant when it is one, else the `tid` of a token; NULL before. */
const char         *posture_oauth_get_tenant_id        (PostureOAuth              *self);
const PostureHttpOptions *posture_oauth_get_options    (PostureOAuth              *self);
/* "signed-in" property: a client secret or a refresh token is available. */
gboolean            posture_oauth_get_signed_in        (PostureOAuth              *self);

/* A time limit on everything this object does from now on (DESIGN: posture-cli's
 * --timeout, default 600): every token request, every page, every body, the
 * device-code polling and a snapshot read stop when it is reached, however the
 * server behaves, with POSTURE_CLIENT_ERROR_TIMED_OUT. The deadline is fixed when this
 * is called (now + @seconds, on the monotonic clock; the timers run on the thread-default
 * main context of each call). 0 removes it; without one, each request and each
 * snapshot read is still bounded by read_deadline_s. */
void                posture_oauth_set_timeout          (PostureOAuth              *self,
                                                        guint                      seconds);
/* The limit given to posture_oauth_set_timeout() (0: none). */
guint               posture_oauth_get_timeout          (PostureOAuth              *self);
/* The deadline it set, on the g_get_monotonic_time() clock (0: none). */
gint64              posture_oauth_get_deadline         (PostureOAuth              *self);

/* Keeps a copy of @secret in memory for the client-credentials grant (wiped on
 * finalize). Nothing is stored. */
void                posture_oauth_set_client_secret    (PostureOAuth              *self,
                                                        const char                *secret);

/* Client credentials: gets a BAP token with @secret to prove it works, then (if
 * the object has a store) keeps the secret in it. */
void                posture_oauth_sign_in_with_secret_async  (PostureOAuth        *self,
                                                              const char          *secret,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            posture_oauth_sign_in_with_secret_finish (PostureOAuth        *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* Device code, step 1: POST …/devicecode. The PostureDeviceCode carries the user
 * code, the URL and the message to show at once. */
void                posture_oauth_request_device_code_async  (PostureOAuth        *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
PostureDeviceCode  *posture_oauth_request_device_code_finish (PostureOAuth        *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
/* Device code, step 2: polls until the user signs in (authorization_pending: keep
 * polling; slow_down: interval += 5 s), then keeps the refresh token (store).
 * Errors: authorization_declined, expired_token (or the code's expiry) →
 * POSTURE_CLIENT_ERROR_DECLINED; bad_verification_code, invalid_grant →
 * POSTURE_CLIENT_ERROR_NEEDS_REAUTH; G_IO_ERROR_CANCELLED promptly on cancel. */
void                posture_oauth_poll_device_code_async     (PostureOAuth        *self,
                                                              PostureDeviceCode   *code,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            posture_oauth_poll_device_code_finish    (PostureOAuth        *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* Loads what the store keeps for this tenant/client/cloud: a client secret first,
 * else a refresh token. POSTURE_TOKEN_STORE_ERROR_NOT_FOUND when there is none. */
void                posture_oauth_load_async           (PostureOAuth              *self,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
gboolean            posture_oauth_load_finish          (PostureOAuth              *self,
                                                        GAsyncResult              *result,
                                                        GError                   **error);

/* Forgets every token and secret in memory and clears the store's items for this
 * tenant and cloud (every client id). */
void                posture_oauth_sign_out_async       (PostureOAuth              *self,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
gboolean            posture_oauth_sign_out_finish      (PostureOAuth              *self,
                                                        GAsyncResult              *result,
                                                        GError                   **error);

/* An access token for @scope (e.g. posture_endpoints_get_bap_scope()), from memory
 * when still fresh, else from the token endpoint. @force_new drops the cached one
 * first (after a 401). Returns: (transfer full): free with posture_secret_free(). */
void                posture_oauth_get_token_async      (PostureOAuth              *self,
                                                        const char                *scope,
                                                        gboolean                   force_new,
                                                        GCancellable              *cancellable,
                                                        GAsyncReadyCallback        callback,
                                                        gpointer                   user_data);
PostureSecret      *posture_oauth_get_token_finish     (PostureOAuth              *self,
                                                        GAsyncResult              *result,
                                                        GError                   **error);

G_END_DECLS
