/* posture-oauth-private.h: PostureOAuth is split over posture-oauth.c (tokens, grants,
 * the store) and posture-oauth-device-code.c (the device-code sign-in)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "posture-http-private.h"
#include "posture-oauth.h"

G_BEGIN_DECLS

struct _PostureOAuth
{
  GObject             parent_instance;

  /* Owned */
  PostureEndpoints   *endpoints;
  PostureTokenStore  *store;
  PostureHttp        *http;
  char               *tenant;
  char               *client_id;
  char               *tenant_id;
  char               *client_secret;    /* secret, wiped */
  char               *refresh_token;    /* secret, wiped */
  GHashTable         *tokens;           /* scope -> CachedToken */
  GHashTable         *pending;          /* scope -> GPtrArray of GTask waiting for it */
  /* Refresh-token grants run one at a time, so each uses the newest refresh
   * token (a server may revoke a rotated one). */
  gboolean            refreshing;
  GQueue              deferred;         /* of TokenRequest */
};

/* A token-endpoint answer: tokens (secrets, wiped on free), or the OAuth error. */
typedef struct
{
  char     *access_token;
  char     *refresh_token;
  gint64    expires_in;
  char     *error_code;
  char     *error_description;
  guint     status;
} PostureTokenAnswer;

void                _posture_oauth_token_answer_free  (PostureTokenAnswer   *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostureTokenAnswer, _posture_oauth_token_answer_free)

PostureHttp        *_posture_oauth_get_http           (PostureOAuth         *self);
/* The `tid` claim of a JWT-shaped access token, or NULL. */
char               *_posture_oauth_dup_token_tenant   (const char           *access_token);

/* A copy of the access token for @scope while it is fresh (a cache hit needs no
 * round through the main loop), or NULL. Free with posture_secret_free(). */
char               *_posture_oauth_dup_fresh_token    (PostureOAuth         *self,
                                                       const char           *scope);
/* "{login}/{tenant}/oauth2/v2.0/{what}" */
char               *_posture_oauth_login_uri          (PostureOAuth         *self,
                                                       const char           *what);
/* A form body whose bytes are wiped when freed (it carries secrets). */
GBytes             *_posture_oauth_encode_form        (GHashTable           *form);
void                _posture_oauth_post_token_request (PostureOAuth         *self,
                                                       const char           *what,
                                                       GHashTable           *form,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
/* Reads a token-endpoint answer; an OAuth error answer is not a GError here. */
PostureTokenAnswer *_posture_oauth_parse_token_answer (PostureHttpResponse  *response,
                                                       GError              **error);
/* Maps an OAuth error answer (RFC 6749 5.2) to a code that says what to do; the
 * service's description is kept (first line), with any secret of @self removed. */
GError             *_posture_oauth_map_error          (PostureOAuth         *self,
                                                       guint                 status,
                                                       const char           *code,
                                                       const char           *description);
void                _posture_oauth_keep_access_token  (PostureOAuth         *self,
                                                       const char           *scope,
                                                       const char           *token,
                                                       gint64                expires_in);
void                _posture_oauth_keep_refresh_token (PostureOAuth         *self,
                                                       const char           *refresh_token,
                                                       gboolean              persist);

G_END_DECLS
