/* posture-oauth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-tenant"

#include "config.h"

#include <string.h>

#include "posture-json.h"
#include "posture-oauth-private.h"
#include "posture-tenant-error.h"

typedef struct
{
  char   *token;          /* secret */
  gint64  expires_at;     /* real time, µs */
} CachedToken;

enum {
  PROP_0,
  PROP_SIGNED_IN,
  PROP_TENANT_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (PostureOAuth, posture_oauth, G_TYPE_OBJECT)

static void
cached_token_free (gpointer data)
{
  CachedToken *cached = data;

  posture_secret_free (cached->token);
  g_free (cached);
}

static void
replace_secret (char       **field,
                const char  *value)
{
  posture_secret_free (*field);
  *field = g_strdup (value);
}

static void
notify_signed_in (PostureOAuth *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGNED_IN]);
}

/* JWT payload */

char *
_posture_oauth_dup_token_tenant (const char *access_token)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree guchar *decoded = NULL;
  g_autofree char *b64 = NULL;
  const char *tid;
  gsize len;
  gsize b64_len;

  if (access_token == NULL)
    return NULL;

  parts = g_strsplit (access_token, ".", 4);
  if (g_strv_length (parts) != 3 || strlen (parts[1]) > 64 * 1024)
    return NULL;

  b64_len = strlen (parts[1]);
  b64 = g_malloc (b64_len + 4);
  for (gsize i = 0; i < b64_len; i++)
    b64[i] = parts[1][i] == '-' ? '+' : parts[1][i] == '_' ? '/' : parts[1][i];
  while (b64_len % 4 != 0)
    b64[b64_len++] = '=';
  b64[b64_len] = '\0';

  decoded = g_base64_decode (b64, &len);
  if (decoded == NULL || len == 0)
    return NULL;

  node = posture_json_parse ((const char *) decoded, len, 8, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  tid = posture_json_get_string (json_node_get_object (node), "tid");
  if (tid == NULL || !g_uuid_string_is_valid (tid))
    return NULL;
  return g_ascii_strdown (tid, -1);
}

static void
learn_tenant_id (PostureOAuth *self,
                 const char   *access_token)
{
  g_autofree char *tid = NULL;

  if (self->tenant_id != NULL)
    return;

  tid = _posture_oauth_dup_token_tenant (access_token);
  if (tid == NULL)
    return;

  self->tenant_id = g_steal_pointer (&tid);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TENANT_ID]);
}

/* Token endpoint */

char *
_posture_oauth_login_uri (PostureOAuth *self,
                          const char   *what)
{
  g_autofree char *escaped = g_uri_escape_string (self->tenant, NULL, FALSE);

  return g_strdup_printf ("%s/%s/oauth2/v2.0/%s", posture_endpoints_get_login (self->endpoints),
                          escaped, what);
}

/* Maps an OAuth error answer (RFC 6749 5.2) to a code that says what to do. */
static gboolean
holds_secret (PostureOAuth *self,
              const char   *text)
{
  const char *secrets[] = { self->client_secret, self->refresh_token };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (secrets[i] != NULL && secrets[i][0] != '\0' && strstr (text, secrets[i]) != NULL)
      return TRUE;
  return FALSE;
}

GError *
_posture_oauth_map_error (PostureOAuth *self,
                          guint         status,
                          const char   *code,
                          const char   *description)
{
  g_autofree char *first_line = NULL;
  PostureClientError client_code;
  const char *hint;

  /* A hostile sign-in service could echo what it was sent: such words are left out. */
  if (description != NULL)
    {
      first_line = g_strndup (description, strcspn (description, "\r\n"));
      if (holds_secret (self, first_line))
        g_clear_pointer (&first_line, posture_secret_free);
    }
  if (code != NULL && holds_secret (self, code))
    code = "unexpected_error";

  if (code == NULL)
    {
      if (status >= 500)
        return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_SERVER,
                            "The sign-in service failed (HTTP %u); try again later", status);
      return g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                          "The sign-in service answered HTTP %u without an OAuth error", status);
    }

  if (g_str_equal (code, "invalid_grant") || g_str_equal (code, "interaction_required") ||
      g_str_equal (code, "invalid_client") || g_str_equal (code, "bad_verification_code"))
    {
      client_code = POSTURE_CLIENT_ERROR_NEEDS_REAUTH;
      hint = "sign in again";
    }
  else if (g_str_equal (code, "consent_required") || g_str_equal (code, "unauthorized_client") ||
           g_str_equal (code, "invalid_scope") || g_str_equal (code, "invalid_resource"))
    {
      client_code = POSTURE_CLIENT_ERROR_FORBIDDEN;
      hint = "an administrator must grant the app registration consent to the Power Platform "
             "APIs and Microsoft Graph";
    }
  else if (g_str_equal (code, "authorization_declined") || g_str_equal (code, "expired_token"))
    {
      client_code = POSTURE_CLIENT_ERROR_DECLINED;
      hint = g_str_equal (code, "expired_token") ? "the code expired; start the sign-in again"
                                                 : "the sign-in was declined";
    }
  else if (g_str_equal (code, "temporarily_unavailable"))
    {
      client_code = POSTURE_CLIENT_ERROR_SERVER;
      hint = "try again later";
    }
  else
    {
      client_code = POSTURE_CLIENT_ERROR_INVALID_REQUEST;
      hint = "check the tenant and the client id";
    }

  return g_error_new (POSTURE_CLIENT_ERROR, client_code, "Sign-in failed: %s%s%s (%s)",
                      code, first_line != NULL ? ": " : "", first_line != NULL ? first_line : "",
                      hint);
}

void
_posture_oauth_token_answer_free (PostureTokenAnswer *answer)
{
  if (answer == NULL)
    return;
  posture_secret_free (answer->access_token);
  posture_secret_free (answer->refresh_token);
  g_free (answer->error_code);
  g_free (answer->error_description);
  g_free (answer);
}

/* Reads a token-endpoint answer; an OAuth error answer is not a GError here. */
PostureTokenAnswer *
_posture_oauth_parse_token_answer (PostureHttpResponse  *response,
                                   GError              **error)
{
  g_autoptr(PostureTokenAnswer) answer = g_new0 (PostureTokenAnswer, 1);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonObject *root;
  const char *access_token;
  const char *refresh_token;
  gint64 expires_in = 3600;

  answer->status = response->status;
  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      posture_http_parse_error_body (response->body, &answer->error_code,
                                     &answer->error_description);
      return g_steal_pointer (&answer);
    }

  node = posture_json_parse_bytes (response->body, 16, &parse_error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                   "The sign-in service sent an unreadable token answer%s%s",
                   parse_error != NULL ? ": " : "",
                   parse_error != NULL ? parse_error->message : "");
      return NULL;
    }

  root = json_node_get_object (node);
  access_token = posture_json_get_string (root, "access_token");
  refresh_token = posture_json_get_string (root, "refresh_token");
  if (access_token == NULL || access_token[0] == '\0')
    {
      g_set_error (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_PROTOCOL,
                   "The sign-in service answered without an access token");
      return NULL;
    }
  posture_json_get_int (root, "expires_in", &expires_in);

  answer->access_token = g_strdup (access_token);
  answer->refresh_token = g_strdup (refresh_token);
  answer->expires_in = CLAMP (expires_in, 0, 86400 * 2);

  /* The parsed tree holds copies of the tokens; wipe them before it is freed. */
  if (json_object_has_member (root, "access_token"))
    json_object_set_string_member (root, "access_token", "");
  if (refresh_token != NULL)
    json_object_set_string_member (root, "refresh_token", "");

  return g_steal_pointer (&answer);
}

GBytes *
_posture_oauth_encode_form (GHashTable *form)
{
  char *encoded = soup_form_encode_hash (form);

  return g_bytes_new_with_free_func (encoded, strlen (encoded),
                                     (GDestroyNotify) posture_secret_free, encoded);
}

void
_posture_oauth_post_token_request (PostureOAuth        *self,
                                   const char          *what,
                                   GHashTable          *form,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *uri = _posture_oauth_login_uri (self, what);
  g_autoptr(GBytes) body = _posture_oauth_encode_form (form);

  /* Token requests are urgent (every API request of a scope waits for them), and may be
   * sent again: asking twice only issues a second token. */
  posture_http_send_async (self->http, "POST", uri, "application/x-www-form-urlencoded",
                           body, NULL, POSTURE_HTTP_URGENT | POSTURE_HTTP_IDEMPOTENT,
                           cancellable, callback, user_data);
}

void
_posture_oauth_keep_access_token (PostureOAuth *self,
                                  const char   *scope,
                                  const char   *token,
                                  gint64        expires_in)
{
  CachedToken *cached = g_new0 (CachedToken, 1);

  cached->token = g_strdup (token);
  cached->expires_at = g_get_real_time () + expires_in * G_USEC_PER_SEC;
  g_hash_table_replace (self->tokens, g_strdup (scope), cached);
  learn_tenant_id (self, token);
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!posture_token_store_store_finish (POSTURE_TOKEN_STORE (object), result, &error))
    g_debug ("Could not keep the new refresh token in the keyring: %s", error->message);
}

void
_posture_oauth_keep_refresh_token (PostureOAuth *self,
                                   const char   *refresh_token,
                                   gboolean      persist)
{
  gboolean was_signed_in = posture_oauth_get_signed_in (self);

  if (refresh_token == NULL || g_strcmp0 (refresh_token, self->refresh_token) == 0)
    return;

  replace_secret (&self->refresh_token, refresh_token);
  if (!was_signed_in)
    notify_signed_in (self);

  /* A rotated refresh token replaces the stored one. */
  if (persist && self->store != NULL && self->client_id != NULL)
    {
      PostureCredentialInfo info = {
        POSTURE_SECRET_KIND_REFRESH_TOKEN, self->tenant, self->client_id,
        (char *) posture_endpoints_get_key (self->endpoints)
      };

      posture_token_store_store_async (self->store, &info, refresh_token, NULL,
                                       store_done_cb, NULL);
    }
}

/* get_token: one token request per scope at a time; concurrent callers share it */

static void
finish_pending (PostureOAuth *self,
                const char   *scope,
                const char   *token,
                const GError *error)
{
  g_autoptr(GPtrArray) waiters = NULL;
  g_autofree char *key = NULL;

  if (!g_hash_table_steal_extended (self->pending, scope, (gpointer *) &key, (gpointer *) &waiters))
    return;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (token), (GDestroyNotify) posture_secret_free);
    }
}

typedef struct
{
  PostureOAuth *self;
  char         *scope;
  GCancellable *cancellable;
  gboolean      refresh;
} TokenRequest;

static void start_token_request (TokenRequest *request);

static void
token_request_free (TokenRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->scope);
  g_clear_object (&request->cancellable);
  g_free (request);
}

static void
start_next_refresh (PostureOAuth *self)
{
  TokenRequest *next;

  self->refreshing = FALSE;
  if ((next = g_queue_pop_head (&self->deferred)) != NULL)
    start_token_request (next);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TokenRequest *request = user_data;
  g_autoptr(PostureOAuth) self = g_steal_pointer (&request->self);
  g_autofree char *scope = g_steal_pointer (&request->scope);
  g_autoptr(PostureHttpResponse) response = NULL;
  g_autoptr(PostureTokenAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean refresh = request->refresh;

  token_request_free (request);

  response = posture_http_send_finish (POSTURE_HTTP (object), result, &error);
  if (response != NULL)
    answer = _posture_oauth_parse_token_answer (response, &error);

  if (answer != NULL && answer->access_token == NULL)
    error = _posture_oauth_map_error (self, answer->status, answer->error_code,
                                      answer->error_description);

  if (error != NULL)
    {
      if (g_error_matches (error, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NEEDS_REAUTH) &&
          self->client_secret == NULL && self->refresh_token != NULL)
        {
          /* The refresh token is dead: forget it so signed-in turns false. */
          posture_secret_free (g_steal_pointer (&self->refresh_token));
          notify_signed_in (self);
        }
      finish_pending (self, scope, NULL, error);
      if (refresh)
        start_next_refresh (self);
      return;
    }

  _posture_oauth_keep_access_token (self, scope, answer->access_token, answer->expires_in);
  if (answer->refresh_token != NULL)
    _posture_oauth_keep_refresh_token (self, answer->refresh_token, TRUE);
  finish_pending (self, scope, answer->access_token, NULL);
  if (refresh)
    start_next_refresh (self);
}

static void
start_token_request (TokenRequest *request)
{
  PostureOAuth *self = request->self;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *full_scope = NULL;

  if (self->client_secret == NULL && self->refresh_token == NULL)
    {
      g_autoptr(GError) error = NULL;

      error = g_error_new (POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NOT_SIGNED_IN,
                           "Not signed in to tenant %s: sign in again", self->tenant);

      finish_pending (self, request->scope, NULL, error);
      token_request_free (request);
      if (self->client_secret == NULL)
        start_next_refresh (self);
      return;
    }

  request->refresh = self->client_secret == NULL;
  if (request->refresh)
    {
      if (self->refreshing)
        {
          g_queue_push_tail (&self->deferred, request);
          return;
        }
      self->refreshing = TRUE;
    }

  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, (gpointer) "client_id", self->client_id);
  if (!request->refresh)
    {
      g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "client_credentials");
      g_hash_table_insert (form, (gpointer) "client_secret", self->client_secret);
      g_hash_table_insert (form, (gpointer) "scope", request->scope);
    }
  else
    {
      full_scope = g_strconcat (request->scope, " offline_access", NULL);
      g_hash_table_insert (form, (gpointer) "grant_type", (gpointer) "refresh_token");
      g_hash_table_insert (form, (gpointer) "refresh_token", self->refresh_token);
      g_hash_table_insert (form, (gpointer) "scope", full_scope);
    }

  _posture_oauth_post_token_request (self, "token", form, request->cancellable, token_cb, request);
}

char *
_posture_oauth_dup_fresh_token (PostureOAuth *self,
                                const char   *scope)
{
  const PostureHttpOptions *o = posture_http_get_options (self->http);
  CachedToken *cached = g_hash_table_lookup (self->tokens, scope);

  if (cached == NULL ||
      g_get_real_time () + (gint64) o->expiry_margin_s * G_USEC_PER_SEC >= cached->expires_at)
    return NULL;
  return g_strdup (cached->token);
}

void
posture_oauth_get_token_async (PostureOAuth        *self,
                               const char          *scope,
                               gboolean             force_new,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *waiters;
  char *token;

  g_return_if_fail (POSTURE_IS_OAUTH (self));
  g_return_if_fail (scope != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_oauth_get_token_async);

  if (force_new)
    g_hash_table_remove (self->tokens, scope);

  if ((token = _posture_oauth_dup_fresh_token (self, scope)) != NULL)
    {
      g_task_return_pointer (task, token, (GDestroyNotify) posture_secret_free);
      return;
    }
  g_hash_table_remove (self->tokens, scope);

  if ((waiters = g_hash_table_lookup (self->pending, scope)) != NULL)
    {
      g_ptr_array_add (waiters, g_steal_pointer (&task));
      return;
    }

  if (self->client_id == NULL || (self->client_secret == NULL && self->refresh_token == NULL))
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_NOT_SIGNED_IN,
                               "Not signed in to tenant %s: sign in first, or provide "
                               "POSTURE_CLIENT_ID and POSTURE_CLIENT_SECRET", self->tenant);
      return;
    }

  waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiters, g_steal_pointer (&task));
  g_hash_table_insert (self->pending, g_strdup (scope), waiters);

  {
    TokenRequest *request = g_new0 (TokenRequest, 1);

    request->self = g_object_ref (self);
    request->scope = g_strdup (scope);
    request->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
    start_token_request (request);
  }
}

PostureSecret *
posture_oauth_get_token_finish (PostureOAuth  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_oauth_get_token_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Client credentials sign-in */

static void
sign_in_store_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!posture_token_store_store_finish (POSTURE_TOKEN_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
sign_in_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureOAuth *self = POSTURE_OAUTH (object);
  g_autoptr(PostureSecret) token = NULL;
  GError *error = NULL;
  PostureCredentialInfo info;

  token = posture_oauth_get_token_finish (self, result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  info.kind = POSTURE_SECRET_KIND_CLIENT_SECRET;
  info.tenant = self->tenant;
  info.client_id = self->client_id;
  info.cloud_key = (char *) posture_endpoints_get_key (self->endpoints);
  posture_token_store_store_async (self->store, &info, self->client_secret,
                                   g_task_get_cancellable (task), sign_in_store_cb,
                                   g_object_ref (task));
}

void
posture_oauth_sign_in_with_secret_async (PostureOAuth        *self,
                                         const char          *secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POSTURE_IS_OAUTH (self));
  g_return_if_fail (secret != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_oauth_sign_in_with_secret_async);

  if (secret[0] == '\0' || self->client_id == NULL)
    {
      g_task_return_new_error (task, POSTURE_CLIENT_ERROR, POSTURE_CLIENT_ERROR_INVALID_REQUEST,
                               "A client id and a non-empty client secret are needed");
      return;
    }

  posture_oauth_set_client_secret (self, secret);
  posture_oauth_get_token_async (self, posture_endpoints_get_bap_scope (self->endpoints), TRUE,
                                 cancellable, sign_in_token_cb, g_steal_pointer (&task));
}

gboolean
posture_oauth_sign_in_with_secret_finish (PostureOAuth  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_oauth_sign_in_with_secret_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Load from the store */

static void
load_refresh_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureOAuth *self = g_task_get_source_object (task);
  g_autoptr(PostureSecret) secret = NULL;
  g_autofree char *client_id = NULL;
  GError *error = NULL;

  secret = posture_token_store_lookup_finish (POSTURE_TOKEN_STORE (object), result, &client_id,
                                              &error);
  if (secret == NULL)
    {
      if (g_error_matches (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          error = g_error_new (POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND,
                               "No credentials are stored for tenant %s in the %s cloud: "
                               "sign in first (posture-cli login)", self->tenant,
                               posture_endpoints_get_key (self->endpoints));
        }
      g_task_return_error (task, error);
      return;
    }

  if (self->client_id == NULL)
    self->client_id = g_steal_pointer (&client_id);
  _posture_oauth_keep_refresh_token (self, secret, FALSE);
  g_task_return_boolean (task, TRUE);
}

static void
load_secret_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PostureOAuth *self = g_task_get_source_object (task);
  g_autoptr(PostureSecret) secret = NULL;
  g_autofree char *client_id = NULL;
  GError *error = NULL;

  secret = posture_token_store_lookup_finish (POSTURE_TOKEN_STORE (object), result, &client_id,
                                              &error);
  if (secret != NULL)
    {
      if (self->client_id == NULL)
        self->client_id = g_steal_pointer (&client_id);
      posture_oauth_set_client_secret (self, secret);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!g_error_matches (error, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);

  posture_token_store_lookup_async (self->store, POSTURE_SECRET_KIND_REFRESH_TOKEN, self->tenant,
                                    self->client_id, posture_endpoints_get_key (self->endpoints),
                                    g_task_get_cancellable (task), load_refresh_cb,
                                    g_object_ref (task));
}

void
posture_oauth_load_async (PostureOAuth        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POSTURE_IS_OAUTH (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_oauth_load_async);

  if (self->store == NULL)
    {
      g_task_return_new_error (task, POSTURE_TOKEN_STORE_ERROR, POSTURE_TOKEN_STORE_ERROR_NOT_FOUND,
                               "No credential store to load from");
      return;
    }

  posture_token_store_lookup_async (self->store, POSTURE_SECRET_KIND_CLIENT_SECRET, self->tenant,
                                    self->client_id, posture_endpoints_get_key (self->endpoints),
                                    cancellable, load_secret_cb, g_steal_pointer (&task));
}

gboolean
posture_oauth_load_finish (PostureOAuth  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == posture_oauth_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sign out */

static void
forget_everything (PostureOAuth *self)
{
  gboolean was_signed_in = posture_oauth_get_signed_in (self);

  g_hash_table_remove_all (self->tokens);
  posture_secret_free (g_steal_pointer (&self->client_secret));
  posture_secret_free (g_steal_pointer (&self->refresh_token));
  if (was_signed_in)
    notify_signed_in (self);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  posture_token_store_clear_finish (POSTURE_TOKEN_STORE (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
posture_oauth_sign_out_async (PostureOAuth        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (POSTURE_IS_OAUTH (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, posture_oauth_sign_out_async);

  forget_everything (self);

  if (self->store == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  posture_token_store_clear_async (self->store, self->tenant, NULL,
                                   posture_endpoints_get_key (self->endpoints), cancellable,
                                   sign_out_cb, g_steal_pointer (&task));
}

gboolean
posture_oauth_sign_out_finish (PostureOAuth  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        posture_oauth_sign_out_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
posture_oauth_dispose (GObject *object)
{
  PostureOAuth *self = (PostureOAuth *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (posture_oauth_parent_class)->dispose (object);
}

static void
posture_oauth_finalize (GObject *object)
{
  PostureOAuth *self = (PostureOAuth *) object;

  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  posture_secret_free (g_steal_pointer (&self->client_secret));
  posture_secret_free (g_steal_pointer (&self->refresh_token));
  g_clear_pointer (&self->endpoints, posture_endpoints_unref);
  g_free (self->tenant);
  g_free (self->client_id);
  g_free (self->tenant_id);

  G_OBJECT_CLASS (posture_oauth_parent_class)->finalize (object);
}

static void
posture_oauth_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PostureOAuth *self = POSTURE_OAUTH (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, posture_oauth_get_signed_in (self));
      break;

    case PROP_TENANT_ID:
      g_value_set_string (value, self->tenant_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
posture_oauth_class_init (PostureOAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = posture_oauth_dispose;
  object_class->finalize = posture_oauth_finalize;
  object_class->get_property = posture_oauth_get_property;

  properties [PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
posture_oauth_init (PostureOAuth *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_token_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->deferred);
}

static gboolean
redirect_check_cb (const char  *from,
                   const char  *to,
                   gpointer     user_data,
                   GError     **error)
{
  return posture_endpoints_check_redirect (user_data, from, to, error);
}

PostureOAuth *
posture_oauth_new (PostureEndpoints         *endpoints,
                   const char               *tenant,
                   const char               *client_id,
                   PostureTokenStore        *store,
                   const PostureHttpOptions *options)
{
  PostureOAuth *self;

  g_return_val_if_fail (endpoints != NULL, NULL);
  g_return_val_if_fail (tenant != NULL && tenant[0] != '\0', NULL);
  g_return_val_if_fail (store == NULL || POSTURE_IS_TOKEN_STORE (store), NULL);

  self = g_object_new (POSTURE_TYPE_OAUTH, NULL);
  self->endpoints = posture_endpoints_ref (endpoints);
  self->tenant = g_strdup (tenant);
  self->client_id = client_id != NULL && client_id[0] != '\0' ? g_strdup (client_id) : NULL;
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->http = posture_http_new (options);
  posture_http_set_redirect_check (self->http, redirect_check_cb, posture_endpoints_ref (endpoints),
                                   (GDestroyNotify) posture_endpoints_unref);
  if (g_uuid_string_is_valid (tenant))
    self->tenant_id = g_ascii_strdown (tenant, -1);
  return self;
}

PostureEndpoints *
posture_oauth_get_endpoints (PostureOAuth *self)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), NULL);
  return self->endpoints;
}

const char *
posture_oauth_get_tenant (PostureOAuth *self)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), NULL);
  return self->tenant;
}

const char *
posture_oauth_get_client_id (PostureOAuth *self)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), NULL);
  return self->client_id;
}

const char *
posture_oauth_get_tenant_id (PostureOAuth *self)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), NULL);
  return self->tenant_id;
}

const PostureHttpOptions *
posture_oauth_get_options (PostureOAuth *self)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), NULL);
  return posture_http_get_options (self->http);
}

gboolean
posture_oauth_get_signed_in (PostureOAuth *self)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), FALSE);
  return self->client_secret != NULL || self->refresh_token != NULL;
}

void
posture_oauth_set_client_secret (PostureOAuth *self,
                                 const char   *secret)
{
  gboolean was_signed_in;

  g_return_if_fail (POSTURE_IS_OAUTH (self));

  was_signed_in = posture_oauth_get_signed_in (self);
  if (g_strcmp0 (secret, self->client_secret) != 0)
    {
      /* Tokens of another credential must not outlive it. */
      g_hash_table_remove_all (self->tokens);
      replace_secret (&self->client_secret, secret != NULL && secret[0] != '\0' ? secret : NULL);
    }
  if (was_signed_in != posture_oauth_get_signed_in (self))
    notify_signed_in (self);
}

PostureHttp *
_posture_oauth_get_http (PostureOAuth *self)
{
  return self->http;
}

void
posture_oauth_set_timeout (PostureOAuth *self,
                           guint         seconds)
{
  g_return_if_fail (POSTURE_IS_OAUTH (self));

  if (seconds == 0)
    posture_http_set_deadline (self->http, 0, 0);
  else
    posture_http_set_deadline (self->http,
                               g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC,
                               seconds);
}

guint
posture_oauth_get_timeout (PostureOAuth *self)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), 0);
  return posture_http_get_timeout (self->http);
}

gint64
posture_oauth_get_deadline (PostureOAuth *self)
{
  g_return_val_if_fail (POSTURE_IS_OAUTH (self), 0);
  return posture_http_get_deadline (self->http);
}
