/* posture-demo-token.c: the demo tenant's Entra ID imitation (token and device code endpoints)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "posture-demo-token"

#include "config.h"

#include <string.h>

#include "posture-demo-private.h"
#include "posture-demo-server.h"
#include "posture-json.h"

#define GRANT_DEVICE_CODE     "urn:ietf:params:oauth:grant-type:device_code"
#define DEVICE_CODE_LIFETIME  900
#define REFRESH_LIFETIME      (90 * 24 * 3600)
#define DEMO_USER_UPN         "admin@" POSTURE_DEMO_TENANT_DOMAIN
#define DEMO_USER_NAME        "Demo Administrator"
#define DEMO_USER_OID         "3b7e1d52-9c0a-4f6e-8d21-5a4c7e9b0d13"

typedef struct
{
  char   *device_code;
  char   *user_code;
  char   *resource;     /* the audience the token will carry */
  char   *scope;        /* the resource scopes granted, space-separated */
  guint   polls_left;
  int     state;
  gint64  expires_at;   /* monotonic seconds */
  gboolean offline;
  gboolean openid;
} DeviceCode;

typedef struct
{
  gint64  expires_at;   /* real-time seconds */
} RefreshRecord;

struct _PostureDemoTokens
{
  GRand      *rand;           /* keys and codes; not reproducible on purpose */
  guint8      key[32];        /* HMAC key signing this server's tokens */
  guint       lifetime;
  guint       interval;
  guint       pending_polls;
  GHashTable *device_codes;   /* device_code -> DeviceCode */
  GHashTable *refresh_tokens; /* token -> RefreshRecord */
};

static void
device_code_free (gpointer data)
{
  DeviceCode *dc = data;

  g_free (dc->device_code);
  g_free (dc->user_code);
  g_free (dc->resource);
  g_free (dc->scope);
  g_free (dc);
}

PostureDemoTokens *
_posture_demo_tokens_new (void)
{
  PostureDemoTokens *tokens = g_new0 (PostureDemoTokens, 1);

  tokens->rand = g_rand_new ();
  for (guint i = 0; i < sizeof tokens->key; i++)
    tokens->key[i] = (guint8) g_rand_int_range (tokens->rand, 0, 256);
  tokens->lifetime = 3599;
  tokens->interval = 5;
  tokens->pending_polls = 2;
  tokens->device_codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, device_code_free);
  tokens->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return tokens;
}

void
_posture_demo_tokens_free (PostureDemoTokens *tokens)
{
  if (tokens == NULL)
    return;

  g_clear_pointer (&tokens->device_codes, g_hash_table_unref);
  g_clear_pointer (&tokens->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&tokens->rand, g_rand_free);
  memset (tokens->key, 0, sizeof tokens->key);
  g_free (tokens);
}

void
_posture_demo_tokens_set_pending_polls (PostureDemoTokens *tokens,
                                        guint              n_pending)
{
  tokens->pending_polls = n_pending;
}

void
_posture_demo_tokens_set_lifetime (PostureDemoTokens *tokens,
                                   guint              seconds)
{
  tokens->lifetime = MAX (seconds, 1);
}

void
_posture_demo_tokens_set_interval (PostureDemoTokens *tokens,
                                   guint              seconds)
{
  tokens->interval = seconds;
}

void
_posture_demo_tokens_forget_device_codes (PostureDemoTokens *tokens)
{
  g_hash_table_remove_all (tokens->device_codes);
}

gboolean
_posture_demo_tokens_set_device_code_state (PostureDemoTokens *tokens,
                                            const char        *user_code,
                                            int                state)
{
  GHashTableIter iter;
  DeviceCode *dc;

  if (user_code == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, tokens->device_codes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &dc))
    {
      if (g_ascii_strcasecmp (dc->user_code, user_code) == 0)
        {
          dc->state = state;
          return TRUE;
        }
    }

  return FALSE;
}

/* ---- Encoding helpers ---------------------------------------------------- */

static char *
base64url_encode (const guint8 *data,
                  gsize         len)
{
  char *s = g_base64_encode (data, len);
  gsize n = strlen (s);

  for (gsize i = 0; i < n; i++)
    {
      if (s[i] == '+')
        s[i] = '-';
      else if (s[i] == '/')
        s[i] = '_';
    }
  while (n > 0 && s[n - 1] == '=')
    s[--n] = '\0';

  return s;
}

static guint8 *
base64url_decode (const char *s,
                  gsize       len,
                  gsize      *out_len)
{
  g_autoptr(GString) str = g_string_new_len (s, len);

  for (gsize i = 0; i < str->len; i++)
    {
      char c = str->str[i];

      if (c == '-')
        str->str[i] = '+';
      else if (c == '_')
        str->str[i] = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
    }
  while (str->len % 4 != 0)
    g_string_append_c (str, '=');

  return g_base64_decode (str->str, out_len);
}

static char *
random_token (GRand *rand,
              gsize  n_bytes)
{
  g_autofree guint8 *raw = g_malloc (n_bytes);

  for (gsize i = 0; i < n_bytes; i++)
    raw[i] = (guint8) g_rand_int_range (rand, 0, 256);

  return base64url_encode (raw, n_bytes);
}

static char *
sign (PostureDemoTokens *tokens,
      const char        *signing_input)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, tokens->key, sizeof tokens->key);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_len);

  return base64url_encode (digest, digest_len);
}

static char *
encode_jwt (PostureDemoTokens *tokens,
            JsonObject        *claims)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), claims);
  g_autofree char *payload_json = _posture_demo_json_string (node);
  g_autofree char *header = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *signature = NULL;
  static const char header_json[] = "{\"typ\":\"JWT\",\"alg\":\"HS256\",\"kid\":\"posture-demo\"}";

  header = base64url_encode ((const guint8 *) header_json, strlen (header_json));
  payload = base64url_encode ((const guint8 *) payload_json, strlen (payload_json));
  signing_input = g_strconcat (header, ".", payload, NULL);
  signature = sign (tokens, signing_input);

  return g_strconcat (signing_input, ".", signature, NULL);
}

static JsonObject *
new_claims (const char *audience,
            gint64      lifetime_seconds,
            const char *scp)
{
  JsonObject *claims = json_object_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *iss = g_strdup_printf ("https://sts.windows.net/%s/", POSTURE_DEMO_TENANT_ID);
  char uti[24];

  g_snprintf (uti, sizeof uti, "%08x", g_random_int ());

  json_object_set_string_member (claims, "aud", audience);
  json_object_set_string_member (claims, "iss", iss);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "nbf", now);
  json_object_set_int_member (claims, "exp", now + lifetime_seconds);
  json_object_set_string_member (claims, "appid", POSTURE_DEMO_CLIENT_ID);
  json_object_set_string_member (claims, "appidacr", scp != NULL ? "0" : "1");
  json_object_set_string_member (claims, "idtyp", scp != NULL ? "user" : "app");
  json_object_set_string_member (claims, "oid", scp != NULL ? DEMO_USER_OID
                                                            : POSTURE_DEMO_CLIENT_OBJECT_ID);
  json_object_set_string_member (claims, "sub", scp != NULL ? DEMO_USER_OID
                                                            : POSTURE_DEMO_CLIENT_OBJECT_ID);
  json_object_set_string_member (claims, "tid", POSTURE_DEMO_TENANT_ID);
  json_object_set_string_member (claims, "uti", uti);
  json_object_set_string_member (claims, "ver", "1.0");
  if (scp != NULL)
    {
      json_object_set_string_member (claims, "scp", scp);
      json_object_set_string_member (claims, "upn", DEMO_USER_UPN);
      json_object_set_string_member (claims, "unique_name", DEMO_USER_UPN);
      json_object_set_string_member (claims, "name", DEMO_USER_NAME);
    }

  return claims;
}

char *
_posture_demo_tokens_mint (PostureDemoTokens *tokens,
                           const char        *audience,
                           gint64             lifetime_seconds,
                           const char        *scp)
{
  g_autoptr(JsonObject) claims = new_claims (audience, lifetime_seconds, scp);

  return encode_jwt (tokens, claims);
}

static char *
mint_id_token (PostureDemoTokens *tokens)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *iss = g_strdup_printf ("https://login.microsoftonline.com/%s/v2.0",
                                          POSTURE_DEMO_TENANT_ID);

  json_object_set_string_member (claims, "aud", POSTURE_DEMO_CLIENT_ID);
  json_object_set_string_member (claims, "iss", iss);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "nbf", now);
  json_object_set_int_member (claims, "exp", now + 3600);
  json_object_set_string_member (claims, "name", DEMO_USER_NAME);
  json_object_set_string_member (claims, "oid", DEMO_USER_OID);
  json_object_set_string_member (claims, "preferred_username", DEMO_USER_UPN);
  json_object_set_string_member (claims, "sub", DEMO_USER_OID);
  json_object_set_string_member (claims, "tid", POSTURE_DEMO_TENANT_ID);
  json_object_set_string_member (claims, "ver", "2.0");

  return encode_jwt (tokens, claims);
}

PostureDemoTokenCheck
_posture_demo_tokens_check (PostureDemoTokens *tokens,
                            const char        *authorization,
                            const char        *audience)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *expected = NULL;
  g_autofree guint8 *payload = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *token;
  const char *aud;
  gsize payload_len = 0;
  gint64 exp = 0;
  JsonObject *claims;

  if (authorization == NULL || authorization[0] == '\0')
    return POSTURE_DEMO_TOKEN_MISSING;
  if (g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return POSTURE_DEMO_TOKEN_MALFORMED;

  token = authorization + 7;
  while (*token == ' ')
    token++;
  if (*token == '\0')
    return POSTURE_DEMO_TOKEN_MISSING;
  if (strlen (token) > 16384)
    return POSTURE_DEMO_TOKEN_MALFORMED;

  parts = g_strsplit (token, ".", 4);
  if (g_strv_length (parts) != 3)
    return POSTURE_DEMO_TOKEN_MALFORMED;

  signing_input = g_strconcat (parts[0], ".", parts[1], NULL);
  expected = sign (tokens, signing_input);
  if (strlen (expected) != strlen (parts[2]) || strcmp (expected, parts[2]) != 0)
    return POSTURE_DEMO_TOKEN_MALFORMED;

  payload = base64url_decode (parts[1], strlen (parts[1]), &payload_len);
  if (payload == NULL)
    return POSTURE_DEMO_TOKEN_MALFORMED;
  node = posture_json_parse ((const char *) payload, payload_len, 8, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return POSTURE_DEMO_TOKEN_MALFORMED;

  claims = json_node_get_object (node);
  if (!posture_json_get_int (claims, "exp", &exp))
    return POSTURE_DEMO_TOKEN_MALFORMED;
  if (exp <= g_get_real_time () / G_USEC_PER_SEC)
    return POSTURE_DEMO_TOKEN_EXPIRED;

  aud = posture_json_get_string (claims, "aud");
  if (aud == NULL || g_strcmp0 (aud, audience) != 0)
    return POSTURE_DEMO_TOKEN_WRONG_AUDIENCE;

  return POSTURE_DEMO_TOKEN_VALID;
}

gboolean
_posture_demo_tokens_tenant_matches (const char *tenant_in_path)
{
  return tenant_in_path != NULL &&
         (g_ascii_strcasecmp (tenant_in_path, POSTURE_DEMO_TENANT_ID) == 0 ||
          g_ascii_strcasecmp (tenant_in_path, POSTURE_DEMO_TENANT_DOMAIN) == 0 ||
          g_ascii_strcasecmp (tenant_in_path, "organizations") == 0 ||
          g_ascii_strcasecmp (tenant_in_path, "common") == 0);
}

/* ---- Errors ---------------------------------------------------------------- */

static char *
new_guid (void)
{
  return g_strdup_printf ("%08x-%04x-%04x-%04x-%04x%08x",
                          g_random_int (), g_random_int () & 0xffff,
                          0x4000 | (g_random_int () & 0x0fff),
                          0x8000 | (g_random_int () & 0x3fff),
                          g_random_int () & 0xffff, g_random_int ());
}

/* Reference §1.5: the Entra ID token-endpoint error JSON. */
PostureDemoReply *
_posture_demo_token_error (guint       status,
                           const char *error,
                           guint       aadsts,
                           const char *description)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format (now, "%Y-%m-%d %H:%M:%SZ");
  g_autofree char *trace_id = new_guid ();
  g_autofree char *correlation_id = new_guid ();
  g_autofree char *full = NULL;
  g_autofree char *uri = NULL;
  JsonArray *codes = json_array_new ();

  full = g_strdup_printf ("AADSTS%u: %s\r\nTrace ID: %s\r\nCorrelation ID: %s\r\nTimestamp: %s",
                          aadsts, description, trace_id, correlation_id, timestamp);
  uri = g_strdup_printf ("https://login.microsoftonline.com/error?code=%u", aadsts);
  json_array_add_int_element (codes, aadsts);

  json_object_set_string_member (obj, "error", error);
  json_object_set_string_member (obj, "error_description", full);
  json_object_set_array_member (obj, "error_codes", codes);
  json_object_set_string_member (obj, "timestamp", timestamp);
  json_object_set_string_member (obj, "trace_id", trace_id);
  json_object_set_string_member (obj, "correlation_id", correlation_id);
  json_object_set_string_member (obj, "error_uri", uri);

  return _posture_demo_reply_new_object (status, obj);
}

static PostureDemoReply *
missing_parameter (const char *name)
{
  g_autofree char *msg = NULL;

  msg = g_strdup_printf ("The request body must contain the following parameter: '%s'.", name);

  return _posture_demo_token_error (400, "invalid_request", 900144, msg);
}

/* ---- Scopes ---------------------------------------------------------------- */

typedef struct
{
  char     *resource;      /* audience */
  GString  *granted;       /* resource scopes, space separated */
  gboolean  offline;
  gboolean  openid;
  gboolean  all_default;   /* every resource scope ends with /.default */
} ScopeRequest;

static void
scope_request_clear (ScopeRequest *req)
{
  g_clear_pointer (&req->resource, g_free);
  if (req->granted != NULL)
    g_string_free (req->granted, TRUE);
  req->granted = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScopeRequest, scope_request_clear)

/* Resolves the scope parameter to the one resource it names, as Entra does:
 * "https://service.powerapps.com/.default" (also with the double slash),
 * "https://graph.microsoft.com/.default", "User.Read" (Graph) or the Dataverse
 * origin "{B}/.default"; plus offline_access/openid/profile/email. */
static PostureDemoReply *
parse_scope (const char   *scope,
             const char   *base_uri,
             ScopeRequest *req)
{
  g_auto(GStrv) items = NULL;

  memset (req, 0, sizeof *req);
  req->granted = g_string_new (NULL);
  req->all_default = TRUE;

  if (scope == NULL || scope[0] == '\0')
    return missing_parameter ("scope");

  items = g_strsplit_set (scope, " +", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];
      g_autofree char *resource = NULL;
      const char *slash;

      if (item[0] == '\0')
        continue;
      if (g_ascii_strcasecmp (item, "offline_access") == 0)
        {
          req->offline = TRUE;
          continue;
        }
      if (g_ascii_strcasecmp (item, "openid") == 0)
        {
          req->openid = TRUE;
          continue;
        }
      if (g_ascii_strcasecmp (item, "profile") == 0 || g_ascii_strcasecmp (item, "email") == 0)
        continue;

      slash = strrchr (item, '/');
      if (slash == NULL || !g_str_has_prefix (item, "http"))
        {
          resource = g_strdup (POSTURE_DEMO_RESOURCE_GRAPH);
          req->all_default = FALSE;
        }
      else
        {
          gsize len = slash - item;

          while (len > 0 && item[len - 1] == '/')
            len--;
          resource = g_strndup (item, len);
          if (!g_str_equal (slash + 1, ".default"))
            req->all_default = FALSE;
        }

      if (g_ascii_strcasecmp (resource, POSTURE_DEMO_RESOURCE_BAP) != 0 &&
          g_ascii_strcasecmp (resource, POSTURE_DEMO_RESOURCE_GRAPH) != 0 &&
          g_ascii_strcasecmp (resource, base_uri) != 0)
        {
          g_autofree char *msg = NULL;

          msg = g_strdup_printf ("The resource principal named %s was not found in the tenant "
                                 "named %s. This can happen if the application has not been "
                                 "installed by the administrator of the tenant or consented to by "
                                 "any user in the tenant. You might have sent your authentication "
                                 "request to the wrong tenant.",
                                 resource, POSTURE_DEMO_TENANT_NAME);
          scope_request_clear (req);
          return _posture_demo_token_error (400, "invalid_resource", 500011, msg);
        }

      if (req->resource != NULL && g_ascii_strcasecmp (req->resource, resource) != 0)
        {
          g_autofree char *msg = NULL;

          msg = g_strdup_printf ("Provided value for the input parameter scope is not valid "
                                 "because it contains more than one resource. Scope %s is not "
                                 "valid.", scope);
          scope_request_clear (req);
          return _posture_demo_token_error (400, "invalid_scope", 28000, msg);
        }

      if (req->resource == NULL)
        req->resource = g_steal_pointer (&resource);
      g_string_append_printf (req->granted, "%s%s", req->granted->len ? " " : "", item);
    }

  if (req->resource == NULL)
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("The provided value for the input parameter 'scope' is not valid. "
                             "The scope %s does not name a resource.", scope);
      scope_request_clear (req);
      return _posture_demo_token_error (400, "invalid_scope", 70011, msg);
    }

  /* Entra names the resource in the audience the way it is registered. */
  {
    const char *canonical = base_uri;

    if (g_ascii_strcasecmp (req->resource, POSTURE_DEMO_RESOURCE_BAP) == 0)
      canonical = POSTURE_DEMO_RESOURCE_BAP;
    else if (g_ascii_strcasecmp (req->resource, POSTURE_DEMO_RESOURCE_GRAPH) == 0)
      canonical = POSTURE_DEMO_RESOURCE_GRAPH;
    g_free (req->resource);
    req->resource = g_strdup (canonical);
  }

  return NULL;
}

/* ---- Token endpoint -------------------------------------------------------- */

/* A long-running demo (a workshop stage) keeps only live codes and tokens. */
static void
prune (PostureDemoTokens *tokens)
{
  gint64 now_mono = g_get_monotonic_time () / G_USEC_PER_SEC;
  gint64 now_real = g_get_real_time () / G_USEC_PER_SEC;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, tokens->device_codes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((DeviceCode *) value)->expires_at + 3600 < now_mono)
      g_hash_table_iter_remove (&iter);

  g_hash_table_iter_init (&iter, tokens->refresh_tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((RefreshRecord *) value)->expires_at < now_real)
      g_hash_table_iter_remove (&iter);
}

static PostureDemoReply *
token_success (PostureDemoTokens *tokens,
               const char        *resource,
               const char        *scope,
               gboolean           delegated,
               gboolean           offline,
               gboolean           openid)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autofree char *access_token = NULL;

  access_token = _posture_demo_tokens_mint (tokens, resource, tokens->lifetime,
                                            delegated ? "user_impersonation" : NULL);

  json_object_set_string_member (obj, "token_type", "Bearer");
  if (scope != NULL)
    json_object_set_string_member (obj, "scope", scope);
  json_object_set_int_member (obj, "expires_in", tokens->lifetime);
  json_object_set_int_member (obj, "ext_expires_in", tokens->lifetime);
  json_object_set_string_member (obj, "access_token", access_token);

  if (delegated && offline)
    {
      RefreshRecord *record = g_new0 (RefreshRecord, 1);

      prune (tokens);
      char *refresh_token = random_token (tokens->rand, 48);

      record->expires_at = g_get_real_time () / G_USEC_PER_SEC + REFRESH_LIFETIME;
      g_hash_table_insert (tokens->refresh_tokens, refresh_token, record);
      json_object_set_string_member (obj, "refresh_token", refresh_token);
    }

  if (delegated && openid)
    {
      g_autofree char *id_token = mint_id_token (tokens);

      json_object_set_string_member (obj, "id_token", id_token);
    }

  memset (access_token, 0, strlen (access_token));

  return _posture_demo_reply_new_object (200, obj);
}

static PostureDemoReply *
client_credentials (PostureDemoTokens *tokens,
                    const char        *base_uri,
                    GHashTable        *form)
{
  const char *secret = g_hash_table_lookup (form, "client_secret");
  g_auto(ScopeRequest) req = { 0 };
  PostureDemoReply *reply;

  if (secret == NULL || secret[0] == '\0')
    return _posture_demo_token_error (401, "invalid_client", 7000218,
                                      "The request body must contain the following parameter: "
                                      "'client_assertion' or 'client_secret'.");
  if (!g_str_equal (secret, POSTURE_DEMO_CLIENT_SECRET))
    return _posture_demo_token_error (401, "invalid_client", 7000215,
                                      "Invalid client secret provided. Ensure the secret being "
                                      "sent in the request is the client secret value, not the "
                                      "client secret ID, for a secret added to app '"
                                      POSTURE_DEMO_CLIENT_ID "'.");

  if ((reply = parse_scope (g_hash_table_lookup (form, "scope"), base_uri, &req)))
    return reply;

  if (!req.all_default || req.offline || req.openid)
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("The provided value for scope %s is not valid. Client credential "
                             "flows must have a scope value with /.default suffixed to the "
                             "resource identifier (application ID URI).",
                             (const char *) g_hash_table_lookup (form, "scope"));
      return _posture_demo_token_error (400, "invalid_scope", 1002012, msg);
    }

  return token_success (tokens, req.resource, NULL, FALSE, FALSE, FALSE);
}

static PostureDemoReply *
device_code_grant (PostureDemoTokens *tokens,
                   GHashTable        *form)
{
  const char *code = g_hash_table_lookup (form, "device_code");
  DeviceCode *dc;
  PostureDemoReply *reply;

  if (code == NULL || code[0] == '\0')
    return missing_parameter ("device_code");

  dc = g_hash_table_lookup (tokens->device_codes, code);
  if (dc == NULL)
    return _posture_demo_token_error (400, "bad_verification_code", 70018,
                                      "The provided value for the input parameter 'device_code' "
                                      "is not valid.");

  if (dc->state == POSTURE_DEMO_DEVICE_CODE_PENDING &&
      g_get_monotonic_time () / G_USEC_PER_SEC >= dc->expires_at)
    dc->state = POSTURE_DEMO_DEVICE_CODE_EXPIRED;

  switch (dc->state)
    {
    case POSTURE_DEMO_DEVICE_CODE_EXPIRED:
      return _posture_demo_token_error (400, "expired_token", 70019,
                                        "Verification code expired.");

    case POSTURE_DEMO_DEVICE_CODE_DECLINED:
      return _posture_demo_token_error (400, "authorization_declined", 65004,
                                        "User declined to consent to access the app.");

    case POSTURE_DEMO_DEVICE_CODE_PENDING:
      if (dc->polls_left > 0)
        {
          dc->polls_left--;
          return _posture_demo_token_error (400, "authorization_pending", 70016,
                                            "OAuth 2.0 device flow error. Authorization is "
                                            "pending. Continue polling.");
        }
      break;

    case POSTURE_DEMO_DEVICE_CODE_APPROVED:
    default:
      break;
    }

  reply = token_success (tokens, dc->resource, dc->scope, TRUE, dc->offline, dc->openid);
  /* A device code is redeemed once. */
  g_hash_table_remove (tokens->device_codes, code);

  return reply;
}

static PostureDemoReply *
refresh_token_grant (PostureDemoTokens *tokens,
                     const char        *base_uri,
                     GHashTable        *form)
{
  const char *refresh_token = g_hash_table_lookup (form, "refresh_token");
  const char *scope = g_hash_table_lookup (form, "scope");
  g_auto(ScopeRequest) req = { 0 };
  RefreshRecord *record;
  PostureDemoReply *reply;

  if (refresh_token == NULL || refresh_token[0] == '\0')
    return missing_parameter ("refresh_token");

  record = g_hash_table_lookup (tokens->refresh_tokens, refresh_token);
  if (record == NULL)
    return _posture_demo_token_error (400, "invalid_grant", 9002313,
                                      "Invalid request. Request is malformed or invalid.");
  if (record->expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    return _posture_demo_token_error (400, "invalid_grant", 700082,
                                      "The refresh token has expired due to inactivity.");

  if ((reply = parse_scope (scope, base_uri, &req)))
    return reply;

  /* A refresh token minted with offline_access keeps giving new ones: rotate.
   * The old one stays valid until it expires, as with Entra ID, so that a client
   * refreshing for several resources at once is not tripped up. */
  return token_success (tokens, req.resource, req.granted->str, TRUE, TRUE, req.openid);
}

static PostureDemoReply *
check_tenant_and_client (const char *tenant_in_path,
                         GHashTable *form)
{
  const char *client_id = g_hash_table_lookup (form, "client_id");

  if (!_posture_demo_tokens_tenant_matches (tenant_in_path))
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("Tenant '%s' not found. Check to make sure you have the correct "
                             "tenant ID and are signing into the correct cloud. Check with your "
                             "subscription administrator, this may happen if there are no active "
                             "subscriptions for the tenant.", tenant_in_path ? tenant_in_path : "");
      return _posture_demo_token_error (400, "invalid_request", 90002, msg);
    }

  if (client_id == NULL || client_id[0] == '\0')
    return missing_parameter ("client_id");

  if (g_ascii_strcasecmp (client_id, POSTURE_DEMO_CLIENT_ID) != 0)
    {
      g_autofree char *msg = NULL;

      msg = g_strdup_printf ("Application with identifier '%s' was not found in the directory "
                             "'%s'. This can happen if the application has not been installed by "
                             "the administrator of the tenant or consented to by any user in the "
                             "tenant. You may have sent your authentication request to the wrong "
                             "tenant.",
                             client_id, POSTURE_DEMO_TENANT_NAME);
      return _posture_demo_token_error (400, "unauthorized_client", 700016, msg);
    }

  return NULL;
}

PostureDemoReply *
_posture_demo_tokens_handle_token (PostureDemoTokens *tokens,
                                   const char        *base_uri,
                                   const char        *tenant_in_path,
                                   GHashTable        *form)
{
  const char *grant_type;
  PostureDemoReply *reply;

  if ((reply = check_tenant_and_client (tenant_in_path, form)))
    return reply;

  grant_type = g_hash_table_lookup (form, "grant_type");
  if (grant_type == NULL || grant_type[0] == '\0')
    return missing_parameter ("grant_type");

  if (g_str_equal (grant_type, "client_credentials"))
    return client_credentials (tokens, base_uri, form);
  if (g_str_equal (grant_type, GRANT_DEVICE_CODE) || g_str_equal (grant_type, "device_code"))
    return device_code_grant (tokens, form);
  if (g_str_equal (grant_type, "refresh_token"))
    return refresh_token_grant (tokens, base_uri, form);

  {
    g_autofree char *msg = g_strdup_printf ("The app requested an unsupported grant type '%s'.",
                                            grant_type);

    return _posture_demo_token_error (400, "unsupported_grant_type", 70003, msg);
  }
}

PostureDemoReply *
_posture_demo_tokens_handle_devicecode (PostureDemoTokens *tokens,
                                        const char        *base_uri,
                                        const char        *tenant_in_path,
                                        GHashTable        *form)
{
  static const char alphabet[] = "BCDFGHJKLMNPQRSTVWXZ";
  g_autoptr(JsonObject) obj = json_object_new ();
  g_auto(ScopeRequest) req = { 0 };
  g_autofree char *verification_uri = NULL;
  g_autofree char *message = NULL;
  PostureDemoReply *reply;
  DeviceCode *dc;
  char user_code[9];

  if ((reply = check_tenant_and_client (tenant_in_path, form)))
    return reply;
  if ((reply = parse_scope (g_hash_table_lookup (form, "scope"), base_uri, &req)))
    return reply;

  for (guint i = 0; i < 8; i++)
    user_code[i] = alphabet[g_rand_int_range (tokens->rand, 0, sizeof alphabet - 1)];
  user_code[8] = '\0';

  prune (tokens);

  dc = g_new0 (DeviceCode, 1);
  dc->device_code = random_token (tokens->rand, 96);
  dc->user_code = g_strdup (user_code);
  dc->resource = g_strdup (req.resource);
  dc->scope = g_strdup (req.granted->str);
  dc->polls_left = tokens->pending_polls;
  dc->state = POSTURE_DEMO_DEVICE_CODE_PENDING;
  dc->expires_at = g_get_monotonic_time () / G_USEC_PER_SEC + DEVICE_CODE_LIFETIME;
  dc->offline = req.offline;
  dc->openid = req.openid;
  g_hash_table_insert (tokens->device_codes, dc->device_code, dc);

  verification_uri = g_strconcat (base_uri, "/devicelogin", NULL);
  message = g_strdup_printf ("To sign in, use a web browser to open the page %s and enter the "
                             "code %s to authenticate.", verification_uri, user_code);

  json_object_set_string_member (obj, "user_code", user_code);
  json_object_set_string_member (obj, "device_code", dc->device_code);
  json_object_set_string_member (obj, "verification_uri", verification_uri);
  json_object_set_int_member (obj, "expires_in", DEVICE_CODE_LIFETIME);
  json_object_set_int_member (obj, "interval", tokens->interval);
  json_object_set_string_member (obj, "message", message);

  return _posture_demo_reply_new_object (200, obj);
}
